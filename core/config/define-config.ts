import type { ConfigIssue } from './config-issue.ts';
import { formatPath, splitProblem } from './config-issue.ts';
import { ConfigError } from './errors.ts';
import { checkFleet } from './fleet-checks.ts';
import { type ParsedPipeline, pipelineSchema } from './pipeline-schema.ts';
import { fleetFieldsSchema, type GoldsmithConfig, type GoldsmithConfigInput, withFleetDefaults } from './schema.ts';
import { configErrorMap, toConfigIssues } from './zod-issues.ts';

const PARSE_OPTIONS = { reportInput: true, error: configErrorMap } as const;

export type ConfigValidation =
  | { readonly success: true; readonly config: GoldsmithConfig }
  | { readonly success: false; readonly issues: readonly ConfigIssue[] };

/** Validates a config and lists every problem: each pipeline is checked on its own, then the fleet as a whole. */
export function validateConfig(input: unknown): ConfigValidation {
  const issues: ConfigIssue[] = [];
  const fleet = fleetFieldsSchema.safeParse(input, PARSE_OPTIONS);
  if (!fleet.success) issues.push(...toConfigIssues(fleet.error.issues));

  const rawPipelines = isRecord(input) && Array.isArray(input.pipelines) ? input.pipelines : [];
  const pipelines = rawPipelines.map((raw, index): ParsedPipeline | undefined => {
    const parsed = pipelineSchema.safeParse(raw, PARSE_OPTIONS);
    if (parsed.success) return parsed.data;
    issues.push(...toConfigIssues(parsed.error.issues, ['pipelines', index]));
    return undefined;
  });

  const region = fleet.success ? fleet.data.region : undefined;
  const names = rawPipelines.map((raw) => (isRecord(raw) ? raw.name : undefined));
  for (const issue of checkFleet({ region, pipelines, names })) {
    issues.push({ path: formatPath(issue.path), ...splitProblem(issue.message), ...(issue.input === undefined ? {} : { got: { value: issue.input } }) });
  }

  if (issues.length > 0 || !fleet.success) return { success: false, issues };
  const { pipelines: _, ...fields } = fleet.data;
  return { success: true, config: withFleetDefaults(fields, pipelines as ParsedPipeline[]) };
}

/** Validates a config and fills its defaults; throws a {@link ConfigError} that lists every problem. */
export function parseConfig(input: unknown, options: { source?: string } = {}): GoldsmithConfig {
  const result = validateConfig(input);
  if (!result.success) throw new ConfigError(result.issues, options);
  return result.config;
}

/**
 * Declares a Goldsmith config: typed for your editor, validated at once, with every default filled.
 *
 * ```ts
 * import { defineConfig } from './core/config/index.ts';
 * export default defineConfig({ project: 'acme', region: 'eu-central-1', pipelines: [ … ] });
 * ```
 * @throws {ConfigError} listing every problem, each with its path and how to fix it.
 */
export function defineConfig(config: GoldsmithConfigInput): GoldsmithConfig {
  return parseConfig(config);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
