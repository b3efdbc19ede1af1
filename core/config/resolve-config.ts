import { didYouMean } from './closest-name.ts';
import type { Platform } from './component-actions.ts';
import { type ComponentDocument, documentParameters, documentPhases, documentPlatform, type PhaseName, parseComponentDocument } from './component-document.ts';
import type { ConfigIssue } from './config-issue.ts';
import { formatPath } from './config-issue.ts';
import { kmsKeyFor } from './distribution-schema.ts';
import { ConfigError } from './errors.ts';
import { parseParentImage, type ResolvedParentImage } from './parent-image.ts';
import type { GoldsmithConfig, PipelineConfig } from './schema.ts';
import { componentVersion, contentHash, recipeVersion } from './versions.ts';

/** A component document as Image Builder gets it: one per file, shared by every pipeline that lists it. */
export interface ResolvedComponent {
  /** Path relative to goldsmith.config.ts, e.g. `components/install-nginx.yml`. */
  readonly path: string;
  /** Image Builder component name: `<project>-<path below components/ without extension>`. */
  readonly name: string;
  /** Content-derived `major.minor.patch`. */
  readonly version: string;
  readonly platform: Platform;
  readonly description: string;
  /** The document text, uploaded as is. */
  readonly data: string;
  /** SHA-256 of `data`, hex. */
  readonly hash: string;
  readonly document: ComponentDocument;
  readonly phases: readonly PhaseName[];
  /** The document's parameters, with their defaults. */
  readonly parameters: readonly { readonly name: string; readonly default?: string; readonly description?: string }[];
}

/** A component in a recipe, with the parameter values the pipeline gives it. */
export interface RecipeComponent {
  readonly component: ResolvedComponent;
  /** Values from config; parameters left out take the document's defaults. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** The Image Builder recipe of a pipeline. */
export interface RecipeDefinition {
  /** `<project>-<pipeline>`. */
  readonly name: string;
  /** Content-derived `major.minor.patch`. */
  readonly version: string;
  readonly description: string;
  /** The recipe's parentImage value. */
  readonly parentImage: string;
  /** Build components, then test components. */
  readonly components: readonly RecipeComponent[];
  /** The root volume, with the KMS key that applies. */
  readonly rootVolume: PipelineConfig['rootVolume'] & { readonly kmsKeyId: string | undefined };
}

export interface ResolvedPipeline {
  readonly config: PipelineConfig;
  readonly parentImage: ResolvedParentImage;
  readonly components: readonly RecipeComponent[];
  readonly testComponents: readonly RecipeComponent[];
  readonly recipe: RecipeDefinition;
  /** The pipeline this one builds on, for a chained pipeline. */
  readonly dependsOn?: string;
}

/** A validated config with its component documents read, validated and versioned. */
export interface ResolvedConfig {
  readonly config: GoldsmithConfig;
  readonly pipelines: readonly ResolvedPipeline[];
  /** Every component document, once, sorted by path. */
  readonly components: readonly ResolvedComponent[];
}

// Image Builder's ResourceName pattern.
const IMAGE_BUILDER_NAME = /^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$/;

/** The Image Builder component name of a document path. */
export function componentName(project: string, path: string): string {
  const stem = path.replace(/^components\//, '').replace(/\.ya?ml$/, '');
  return `${project}-${stem.replaceAll('/', '-').replaceAll('.', '-')}`;
}

/**
 * Validates the component documents a config lists and derives every version.
 * `sources` maps each component path to its text, or to undefined when the file does not exist.
 * @throws {ConfigError} listing every problem: missing files with the pipeline field that lists them, document problems with file and line.
 */
export function resolveConfig(config: GoldsmithConfig, sources: ReadonlyMap<string, string | undefined>, options: { source?: string } = {}): ResolvedConfig {
  const issues: ConfigIssue[] = [];
  const components = new Map<string, ResolvedComponent>();
  const names = new Map<string, string>();
  const versions = new Map<string, string>();
  config.pipelines.forEach((pipeline) => {
    for (const ref of [...pipeline.components, ...pipeline.testComponents]) if (!versions.has(ref.path)) versions.set(ref.path, ref.version);
  });

  config.pipelines.forEach((pipeline, index) => {
    for (const list of ['components', 'testComponents'] as const) {
      pipeline[list].forEach((ref, refIndex) => {
        if (sources.get(ref.path) === undefined) {
          issues.push({
            path: formatPath(['pipelines', index, list, refIndex]),
            message: 'component document not found',
            got: { value: ref.path },
            fix: 'Create the file, or fix the path (it is relative to goldsmith.config.ts)',
          });
        }
      });
    }
  });

  for (const [path, majorMinor] of [...versions].sort(([a], [b]) => a.localeCompare(b))) {
    const text = sources.get(path);
    if (text === undefined) continue;
    const parsed = parseComponentDocument(text, path);
    issues.push(...parsed.issues);
    const name = componentName(config.project, path);
    if (!IMAGE_BUILDER_NAME.test(name)) {
      issues.push({
        file: path,
        path: '',
        message: `gives the Image Builder component name '${name}', which Image Builder does not accept`,
        fix: 'Rename the file: 1–127 letters, digits, hyphens and underscores',
      });
    }
    const sameName = names.get(name);
    if (sameName) {
      issues.push({ file: path, path: '', message: `gives the same component name '${name}' as ${sameName}`, fix: 'Rename one of the files' });
    }
    names.set(name, path);
    if (!parsed.document) continue;
    const document = parsed.document;
    const platform = documentPlatform(document);
    const description = (document.description ?? document.name ?? `Goldsmith component ${name}`).slice(0, 1024);
    components.set(path, {
      path,
      name,
      version: componentVersion({ majorMinor, name, platform, description, data: text }),
      platform,
      description,
      data: text,
      hash: contentHash(text),
      document,
      phases: documentPhases(document),
      parameters: [...documentParameters(document)].map(([parameter, definition]) => ({ name: parameter, ...definition })),
    });
  }

  const byName = new Map(config.pipelines.map((pipeline) => [pipeline.name, pipeline]));
  const pipelines = config.pipelines.map((pipeline, index): ResolvedPipeline | undefined => {
    const recipeComponents = (list: 'components' | 'testComponents') =>
      pipeline[list].flatMap((ref, refIndex): RecipeComponent[] => {
        const component = components.get(ref.path);
        if (!component) return [];
        issues.push(...checkUse(pipeline, component, ref.parameters, list, ['pipelines', index, list, refIndex]));
        return [{ component, parameters: ref.parameters }];
      });
    const build = recipeComponents('components');
    const test = recipeComponents('testComponents');
    const parentImage = resolveParentImage(pipeline, byName);
    if (!parentImage || build.length + test.length !== pipeline.components.length + pipeline.testComponents.length) return undefined;
    const homeKey = rootKmsKey(pipeline, config.region);
    const rootVolume = { ...pipeline.rootVolume, kmsKeyId: homeKey };
    const name = `${config.project}-${pipeline.name}`;
    const recipeList = [...build, ...test];
    const version = recipeVersion({
      majorMinor: pipeline.version,
      name,
      description: pipeline.description,
      parentImage: parentImage.recipeParentImage,
      components: recipeList.map(({ component, parameters }) => ({ name: component.name, version: component.version, parameters })),
      settings: { platform: pipeline.platform, architecture: pipeline.architecture, rootVolume },
    });
    return {
      config: pipeline,
      parentImage,
      components: build,
      testComponents: test,
      recipe: { name, version, description: pipeline.description, parentImage: parentImage.recipeParentImage, components: recipeList, rootVolume },
      ...(parentImage.kind === 'pipeline' ? { dependsOn: parentImage.pipeline } : {}),
    };
  });

  if (issues.length > 0) throw new ConfigError(issues, options);
  return { config, pipelines: pipelines as ResolvedPipeline[], components: [...components.values()] };
}

function rootKmsKey(pipeline: PipelineConfig, homeRegion: string): string | undefined {
  return pipeline.rootVolume.kmsKeyId ?? kmsKeyFor(pipeline.distribution, homeRegion);
}

function resolveParentImage(pipeline: PipelineConfig, byName: ReadonlyMap<string, PipelineConfig>): ResolvedParentImage | undefined {
  const parent = parseParentImage(pipeline.parentImage);
  if (parent?.kind !== 'pipeline') return parent;
  const parentPipeline = byName.get(parent.pipeline);
  if (!parentPipeline) return undefined;
  // Image Builder reads the parent's stable channel (an aws:ec2:image parameter) at build time.
  const parameterName = parentPipeline.channels.stable;
  return { kind: 'pipeline', pipeline: parent.pipeline, parameterName, recipeParentImage: `ssm:${parameterName}` };
}

/** Checks how a pipeline uses a document: its parameters, phases and platform. */
function checkUse(
  pipeline: PipelineConfig,
  component: ResolvedComponent,
  values: Readonly<Record<string, string>>,
  list: 'components' | 'testComponents',
  path: PropertyKey[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const known = component.parameters.map((parameter) => parameter.name);
  for (const name of Object.keys(values)) {
    if (!known.includes(name)) {
      issues.push({
        path: formatPath([...path, 'parameters', name]),
        message: `is not a parameter of ${component.path}`,
        fix: known.length > 0 ? `Its parameters: ${known.join(', ')}.${didYouMean(name, known)}` : 'The document defines no parameters; remove it',
      });
    }
  }
  for (const parameter of component.parameters) {
    if (parameter.default === undefined && values[parameter.name] === undefined) {
      issues.push({
        path: formatPath([...path, 'parameters']),
        message: `needs a value for '${parameter.name}', which ${component.path} defines without a default`,
        fix: `Add parameters: { ${parameter.name}: '…' }`,
      });
    }
  }
  if (list === 'testComponents') {
    if (!component.phases.includes('test')) {
      issues.push({
        path: formatPath(path),
        message: `${component.path} has no test phase, so it would never run as a test`,
        fix: 'Add a test phase, or list it under components',
      });
    }
    const changing = component.phases.filter((phase) => phase !== 'test');
    if (changing.length > 0) {
      issues.push({
        path: formatPath(path),
        message: `${component.path} has a ${changing.join(' and ')} phase, which Image Builder would run while building the image`,
        fix: 'A test component only tests: move those phases to a build component',
      });
    }
  } else if (!component.phases.includes('build') && !component.phases.includes('validate')) {
    issues.push({ path: formatPath(path), message: `${component.path} has only a test phase`, fix: 'List it under testComponents' });
  }
  if (component.platform !== pipeline.platform) {
    issues.push({
      path: formatPath(path),
      message: `${component.path} uses ${component.platform}-only actions, but the pipeline builds ${pipeline.platform} images`,
      fix: `Use a ${pipeline.platform} component, or set platform: '${component.platform}'`,
    });
  }
  return issues;
}
