import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type LoadedConfig, loadConfig, type ResolvedPipeline } from '../core/config/index.ts';
import { CliError, ExitCode } from './exit-codes.ts';

/** Where Goldsmith's own code is (functions/, statemachines/): the bundler reads it from here. */
export const CODE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

export const DEFAULT_CONFIG = 'goldsmith.config.ts';

export interface Project {
  readonly resolved: LoadedConfig;
  /** The directory of goldsmith.config.ts: `.goldsmith/` goes there. */
  readonly projectDir: string;
  readonly pipelines: readonly string[];
}

/** Loads and validates goldsmith.config.ts; an invalid config exits 2 with every problem listed. */
export async function loadProject(configPath = DEFAULT_CONFIG): Promise<Project> {
  try {
    const resolved = await loadConfig(configPath);
    return { resolved, projectDir: resolved.rootDir, pipelines: resolved.pipelines.map((p) => p.config.name) };
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, ExitCode.Usage);
    throw error;
  }
}

/** The pipeline of that name; an unknown one exits 2 naming the configured pipelines. */
export function pipelineOf(project: Project, name: string): ResolvedPipeline {
  const pipeline = project.resolved.pipelines.find((p) => p.config.name === name);
  if (!pipeline) {
    throw new CliError(`Unknown pipeline '${name}'. The configured pipelines are: ${project.pipelines.join(', ')}. Nothing was changed.`, ExitCode.Usage);
  }
  return pipeline;
}
