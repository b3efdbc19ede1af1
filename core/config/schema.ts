import { z } from 'zod';
import { problem } from './config-issue.ts';
import type { distributionSchema } from './distribution-schema.ts';
import { checkFleet } from './fleet-checks.ts';
import { accountId, kebabName, PROJECT_NAME_MAX, region, tags } from './identifiers.ts';
import { type ParsedPipeline, pipelineSchema } from './pipeline-schema.ts';

/** The settings of the whole fleet; `pipelines` are parsed one by one so that each reports its own problems. */
export const fleetFieldsSchema = z.strictObject({
  /** Kebab-case name of this Goldsmith installation; it prefixes resource names. @example 'acme-platform' */
  project: kebabName('acme-platform', PROJECT_NAME_MAX),
  /**
   * The AWS account Goldsmith deploys to. When set, a deploy with credentials of another account stops.
   * @default undefined (the account of the credentials)
   */
  account: accountId.optional(),
  /** The home Region: where Goldsmith runs, builds, validates and publishes first. @example 'eu-central-1' */
  region,
  /** Tags on every resource Goldsmith creates (at most 40; `aws:` and `goldsmith:` are reserved). @default {} */
  tags: tags.default({}),
  /** The golden image pipelines. */
  pipelines: z.array(z.unknown()).min(1, { error: problem('must list at least one pipeline', 'Describe each golden image pipeline under pipelines') }),
});

type FleetFields = Omit<z.output<typeof fleetFieldsSchema>, 'pipelines'>;

/** Fills the defaults that depend on the fleet (a pipeline's Regions default to the home Region). The result parses to itself. */
export function withFleetDefaults(fleet: FleetFields, pipelines: readonly ParsedPipeline[]): GoldsmithConfig {
  return {
    ...fleet,
    pipelines: pipelines.map((pipeline) => ({
      ...pipeline,
      distribution: { ...pipeline.distribution, regions: pipeline.distribution.regions ?? [fleet.region] },
    })),
  };
}

/** The whole config in one schema, for tools that want one (the same rules as `parseConfig`, which reports problems of every pipeline at once). */
export const goldsmithConfigSchema = fleetFieldsSchema
  .extend({
    pipelines: z.array(pipelineSchema).min(1, { error: problem('must list at least one pipeline', 'Describe each golden image pipeline under pipelines') }),
  })
  .superRefine((config, ctx) => {
    for (const issue of checkFleet(config)) ctx.addIssue({ code: 'custom', path: [...issue.path], input: issue.input, message: issue.message });
  })
  .transform(({ pipelines, ...fleet }) => withFleetDefaults(fleet, pipelines));

/** What you write in goldsmith.config.ts. */
export type GoldsmithConfigInput = z.input<typeof goldsmithConfigSchema>;
/** One pipeline as you write it. */
export type PipelineConfigInput = GoldsmithConfigInput['pipelines'][number];

/** Regions, sharing and encryption of a pipeline's AMI, with every default filled. */
export type DistributionConfig = Omit<z.output<typeof distributionSchema>, 'regions'> & {
  /** Regions that get the AMI and the channel parameters; the home Region is always one of them. */
  readonly regions: string[];
};
/** A validated pipeline, with every default filled. */
export type PipelineConfig = Omit<ParsedPipeline, 'distribution'> & { readonly distribution: DistributionConfig };
/** A validated config, with every default filled. */
export type GoldsmithConfig = FleetFields & { readonly pipelines: PipelineConfig[] };
