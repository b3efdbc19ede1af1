/**
 * The resolved config as functions see it: the JSON file the deployer ships in every bundle. It is a
 * `ResolvedConfig` (core/config) serialized with `serializeReleaseConfig`, which leaves out what no
 * function reads (component documents), so bundles stay small. A plain `JSON.stringify(resolvedConfig)`
 * is accepted too.
 */
import type { ResolvedConfig, ResolvedPipeline } from '../config/index.ts';
import { UnknownPipelineError } from './errors.ts';

export type ReleaseConfig = Pick<ResolvedConfig, 'config' | 'pipelines'>;

/** The file name the deployer writes at the root of every bundle (GOLDSMITH_CONFIG_FILE). */
export const RELEASE_CONFIG_FILE = 'goldsmith.config.json';

/** The JSON text of the config for function bundles. */
export function serializeReleaseConfig(resolved: ResolvedConfig): string {
  const slim = (list: ResolvedPipeline['components']) =>
    list.map(({ component, parameters }) => ({ component: { path: component.path, name: component.name, version: component.version }, parameters }));
  return JSON.stringify({
    config: resolved.config,
    pipelines: resolved.pipelines.map((pipeline) => ({
      ...pipeline,
      components: slim(pipeline.components),
      testComponents: slim(pipeline.testComponents),
      recipe: { ...pipeline.recipe, components: slim(pipeline.recipe.components) },
    })),
  });
}

/** Why a config file cannot be used, or undefined when it can. */
export function releaseConfigProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not a JSON object';
  const { config, pipelines } = value as Partial<ReleaseConfig>;
  if (typeof config?.project !== 'string' || typeof config.region !== 'string') return 'has no config.project and config.region';
  if (!Array.isArray(pipelines)) return 'has no pipelines list';
  const bad = pipelines.findIndex((p) => typeof p?.config?.name !== 'string' || typeof p.recipe?.name !== 'string' || !p.parentImage);
  if (bad >= 0) return `pipelines[${bad}] lacks config.name, recipe.name or parentImage`;
  return undefined;
}

/** The pipeline of that name. @throws {UnknownPipelineError} naming `field`. */
export function findPipeline(config: ReleaseConfig, name: string, field = 'pipeline'): ResolvedPipeline {
  const pipeline = config.pipelines.find((p) => p.config.name === name);
  if (!pipeline)
    throw new UnknownPipelineError(
      field,
      name,
      config.pipelines.map((p) => p.config.name),
    );
  return pipeline;
}

/** The pipelines built on `parent`'s stable image (chained pipelines). */
export function childPipelines(config: ReleaseConfig, parent: string): ResolvedPipeline[] {
  return config.pipelines.filter((p) => p.dependsOn === parent);
}
