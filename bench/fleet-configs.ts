/**
 * The fleets the benchmarks release: the example fleet of goldsmith.config.ts, and variations of it with more
 * distribution regions, more Auto Scaling groups, a 1,000-group rollout, or many pipelines. Each is a config
 * input that goes through the same validation as a user's.
 */
import type { GoldsmithConfigInput } from '../core/config/index.ts';
import example from '../goldsmith.config.ts';

type PipelineInput = GoldsmithConfigInput['pipelines'][number];
type WaveInput = NonNullable<NonNullable<PipelineInput['rollout']>['waves']>[number];

/** Distribution regions beyond the home region, in the order benchmarks add them. */
export const REGIONS = [
  'eu-central-1',
  'eu-west-1',
  'us-east-1',
  'us-west-2',
  'eu-north-1',
  'ap-southeast-1',
  'ap-northeast-1',
  'sa-east-1',
  'ca-central-1',
  'eu-west-2',
] as const;

export function exampleConfig(): GoldsmithConfigInput {
  return structuredClone(example) as GoldsmithConfigInput;
}

function firstPipeline(config: GoldsmithConfigInput): PipelineInput {
  return config.pipelines[0];
}

/** The example fleet, distributing its AMI to the first `count` regions (the home region first). */
export function withRegions(count: number, config = exampleConfig()): GoldsmithConfigInput {
  if (count < 1 || count > REGIONS.length) throw new RangeError(`regions: 1–${REGIONS.length} (got ${count})`);
  const pipeline = firstPipeline(config);
  pipeline.distribution = { ...pipeline.distribution, regions: REGIONS.slice(0, count) };
  return config;
}

/** The example fleet's two waves with `total` groups: a third in staging, the rest in production (at least one each). */
export function withGroups(total: number, config = exampleConfig()): GoldsmithConfigInput {
  if (total < 2) throw new RangeError(`groups: at least 2, one per wave (got ${total})`);
  const staging = Math.max(1, Math.round(total / 3));
  const [stagingWave, productionWave] = firstPipeline(config).rollout?.waves ?? [];
  stagingWave.targets[0].autoScalingGroups = names('web-staging', staging);
  productionWave.targets[0].autoScalingGroups = names('web-production', total - staging);
  return config;
}

function names(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);
}

/** The name of the large fleet's n-th group (from 1). */
export const fleetGroupName = (n: number) => `fleet-${String(n).padStart(4, '0')}`;

export interface LargeFleet {
  groups: number;
  waves: number;
  regions: number;
  /** Auto Scaling groups per launch template. */
  groupsPerTemplate: number;
}

/** The wave sizes of a rollout: a small canary wave, then the rest split evenly. */
export function waveSizes(templates: number, waves: number): number[] {
  if (waves === 1) return [templates];
  const canary = Math.max(1, Math.round(templates / 10));
  const rest = templates - canary;
  const sizes = [canary];
  for (let i = 0; i < waves - 1; i++) sizes.push(Math.floor(rest / (waves - 1)) + (i < rest % (waves - 1) ? 1 : 0));
  return sizes;
}

/**
 * One pipeline rolling out `groups` Auto Scaling groups in `waves` waves, its AMI distributed to `regions`
 * regions. Each launch template serves `groupsPerTemplate` groups, with the example fleet's production
 * preferences. Goldsmith's config places every rollout target in the home region (core/release/
 * release-settings.ts releaseWaves), so the groups live there; the payloads carry a region per target either way.
 */
export function largeFleet(fleet: LargeFleet): GoldsmithConfigInput {
  const config = withRegions(fleet.regions);
  const pipeline = firstPipeline(config);
  const preferences = pipeline.rollout?.waves?.[1].targets[0].preferences;
  const templates = Math.ceil(fleet.groups / fleet.groupsPerTemplate);
  let group = 0;
  let template = 0;
  const waves: WaveInput[] = waveSizes(templates, fleet.waves).map((size, w) => ({
    name: `wave-${w + 1}`,
    targets: Array.from({ length: size }, () => {
      template++;
      const count = Math.min(fleet.groupsPerTemplate, fleet.groups - group);
      const autoScalingGroups = Array.from({ length: count }, () => fleetGroupName(++group));
      return { launchTemplate: `fleet-lt-${String(template).padStart(3, '0')}`, autoScalingGroups, preferences: { ...preferences, alarms: [] } };
    }),
  }));
  pipeline.rollout = { waves };
  return config;
}

/** `count` copies of the example pipeline, each with its own name, channels and single-group rollout. */
export function manyPipelines(count: number, config = exampleConfig()): GoldsmithConfigInput {
  const template = firstPipeline(config);
  const { slack: _, ...notifications } = template.notifications ?? {};
  config.pipelines = Array.from({ length: count }, (_, i) => {
    const name = `web-${String(i + 1).padStart(3, '0')}`;
    return {
      ...structuredClone(template),
      name,
      description: `Benchmark pipeline ${i + 1} of ${count}`,
      channels: { candidate: `/goldsmith/${name}/candidate`, stable: `/goldsmith/${name}/stable` },
      rollout: { waves: [{ name: 'all', targets: [{ launchTemplate: `${name}-lt`, autoScalingGroups: [`${name}-asg`] }] }] },
      notifications: { ...notifications, sns: { topicName: `${name}-releases` } },
    } as PipelineInput;
  });
  return config;
}
