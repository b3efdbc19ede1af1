import { z } from 'zod';
import { buildInstanceSchema, componentRefSchema, rootVolumeSchema, toComponentRef } from './build-schema.ts';
import { problem } from './config-issue.ts';
import { distributionSchema } from './distribution-schema.ts';
import { approvalSchema, validationSchema } from './gates-schema.ts';
import { instanceArchitecture, instanceType, kebabName, PIPELINE_NAME_MAX, versionPrefix, writableParameterName } from './identifiers.ts';
import { notificationsSchema } from './notifications-schema.ts';
import { parameterArchitecture, parentImageSchema, parseParentImage } from './parent-image.ts';
import { checkpointWaitSeconds, rolloutSchema } from './rollout-schema.ts';
import { scheduleSchema } from './schedule-expression.ts';

/** SSM parameters (type `aws:ec2:image`) that hold the AMI id of each channel, in every distribution Region. */
export const channelsSchema = z.strictObject({
  /** Set when an image passed validation (and approval). @default '/goldsmith/<pipeline>/candidate' */
  candidate: writableParameterName.optional(),
  /** Set when every wave rolled out successfully. @default '/goldsmith/<pipeline>/stable' */
  stable: writableParameterName.optional(),
});

/** Which images Goldsmith keeps. Images still used by a launch template version, an Auto Scaling group or a channel are always kept. */
export const retentionSchema = z.strictObject({
  /**
   * How many of the latest images to keep (1–100); older ones are deprecated, then deregistered with their snapshots.
   * @default 3
   */
  keep: z.number().int().min(1).max(100).default(3),
});

/** Bounds per phase: a release that exceeds one fails instead of waiting forever, even when an event is lost. */
export const timeoutsSchema = z.strictObject({
  /** Minutes for the Image Builder build and its test phase (30–1440). @default 240 */
  buildMinutes: z.number().int().min(30).max(1440).default(240),
  /** Minutes for findings checks and smoke tests (5–720). @default 60 */
  validationMinutes: z.number().int().min(5).max(720).default(60),
  /** Minutes to write and verify the channel parameters in every Region (1–120). @default 15 */
  publishMinutes: z.number().int().min(1).max(120).default(15),
  /** Minutes for each wave's instance refreshes, checkpoint pauses included (10–4320). @default 240 */
  waveMinutes: z.number().int().min(10).max(4320).default(240),
});

const DEFAULT_INSTANCE_TYPE = { x86_64: 't3.medium', arm64: 't4g.medium' } as const;

/** One golden image pipeline: what to build, when, how to validate it, where to publish it, and which fleet rolls forward. */
const pipelineFieldsSchema = z.strictObject({
  /** Kebab-case, unique in the config; it names the pipeline's resources. @example 'web-server' */
  name: kebabName('web-server', PIPELINE_NAME_MAX),
  /** @default 'Golden AMI pipeline <name>, managed by Goldsmith' */
  description: z.string().min(1).max(1024).optional(),
  /**
   * major.minor of the recipe and image versions; the patch comes from the recipe's content.
   * @default '1.0'
   */
  version: versionPrefix.default('1.0'),
  /** @default 'Linux' */
  platform: z.enum(['Linux', 'Windows']).default('Linux'),
  /**
   * What to build on: an SSM parameter that holds an AMI id (e.g. AWS's public Amazon Linux 2023 parameter), an AMI id,
   * or `pipeline:<name>` for another pipeline's `stable` image (a chained pipeline).
   * @example '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'
   */
  parentImage: parentImageSchema,
  /** CPU architecture of the image. @default 'x86_64' */
  architecture: z.enum(['x86_64', 'arm64']).default('x86_64'),
  /** Build components, in order: paths under components/, optionally with parameter values. */
  components: z.array(componentRefSchema).min(1, { error: problem('must list at least one component') }),
  /** Components that only test the image (a `test` phase), run on an instance launched from it. @default [] */
  testComponents: z.array(componentRefSchema).default([]),
  /** Instance types to build on. @default ['t3.medium'] on x86_64, ['t4g.medium'] on arm64 */
  instanceTypes: z.array(instanceType).min(1).optional(),
  /** The image's root volume. */
  rootVolume: rootVolumeSchema.prefault({}),
  /** The build instance's profile and network. */
  buildInstance: buildInstanceSchema.prefault({}),
  /** When a release starts on its own, e.g. monthly patching. @default undefined (no schedule) */
  schedule: scheduleSchema.optional(),
  /**
   * How often to check the parent SSM parameter for a newer image, which starts a release. Not for AMI ids or chained pipelines.
   * @default undefined (no check)
   */
  upstreamWatch: scheduleSchema.optional(),
  /** Skip a release when neither the parent image nor any component changed since the last published image. @default true */
  skipWhenUnchanged: z.boolean().default(true),
  /** Regions, sharing and encryption of the AMI. */
  distribution: distributionSchema.prefault({}),
  /** Where the AMI id is published. */
  channels: channelsSchema.prefault({}),
  /** What "valid" means for an image. */
  validation: validationSchema.prefault({}),
  /** A manual approval gate before publication; set it, even to `{}`, to require approval. @default undefined (no approval) */
  approval: approvalSchema.optional(),
  /** Which launch templates and Auto Scaling groups roll forward, wave by wave. */
  rollout: rolloutSchema.prefault({}),
  /** How many images to keep. */
  retention: retentionSchema.prefault({}),
  /** SNS and Slack. */
  notifications: notificationsSchema.prefault({}),
  /** Bounds per phase. */
  timeouts: timeoutsSchema.prefault({}),
});

type PipelineFields = z.output<typeof pipelineFieldsSchema>;

function checkPipeline(pipeline: PipelineFields, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], input: unknown, message: string) => ctx.addIssue({ code: 'custom', path, input, message });
  const parent = parseParentImage(pipeline.parentImage);

  if (pipeline.upstreamWatch && parent?.kind === 'ami') {
    issue(
      ['upstreamWatch'],
      pipeline.upstreamWatch.expression,
      problem('cannot watch a fixed AMI id', 'Use an SSM parameter as parentImage, or remove upstreamWatch'),
    );
  }
  if (pipeline.upstreamWatch && parent?.kind === 'pipeline') {
    issue(
      ['upstreamWatch'],
      pipeline.upstreamWatch.expression,
      problem('is not needed for a chained pipeline', `It is released whenever '${parent.pipeline}' publishes a stable image; remove upstreamWatch`),
    );
  }
  const parentArchitecture = parent?.kind === 'ssm-parameter' ? parameterArchitecture(parent.parameterName) : undefined;
  if (parentArchitecture && parentArchitecture !== pipeline.architecture) {
    issue(
      ['parentImage'],
      pipeline.parentImage,
      problem(
        `names an ${parentArchitecture} image but architecture is '${pipeline.architecture}'`,
        'Use the parameter for your architecture, or change architecture',
      ),
    );
  }
  pipeline.instanceTypes?.forEach((type, index) => {
    const architecture = instanceArchitecture(type);
    if (architecture && architecture !== pipeline.architecture) {
      issue(
        ['instanceTypes', index],
        type,
        problem(`is an ${architecture} instance type but architecture is '${pipeline.architecture}'`, 'Build on instance types of the image architecture'),
      );
    }
  });
  const smokeType = pipeline.validation.smokeTests?.instanceType;
  const smokeArchitecture = smokeType ? instanceArchitecture(smokeType) : undefined;
  if (smokeArchitecture && smokeArchitecture !== pipeline.architecture) {
    issue(
      ['validation', 'smokeTests', 'instanceType'],
      smokeType,
      problem(`is an ${smokeArchitecture} instance type but architecture is '${pipeline.architecture}'`, 'Test on an instance type of the image architecture'),
    );
  }

  const seenComponents = new Map<string, string>();
  for (const list of ['components', 'testComponents'] as const) {
    pipeline[list].forEach((ref, index) => {
      const { path } = toComponentRef(ref);
      const seen = seenComponents.get(path);
      if (seen) issue([list, index], path, problem(`is already listed at ${seen}`, 'List each component once'));
      else seenComponents.set(path, `${list}[${index}]`);
    });
  }

  if (pipeline.channels.candidate && pipeline.channels.candidate === pipeline.channels.stable) {
    issue(['channels', 'stable'], pipeline.channels.stable, problem('must differ from channels.candidate', 'Each channel needs its own SSM parameter'));
  }

  const smokeTimeout = pipeline.validation.smokeTests?.timeoutSeconds;
  if (smokeTimeout !== undefined && smokeTimeout >= pipeline.timeouts.validationMinutes * 60) {
    issue(
      ['validation', 'smokeTests', 'timeoutSeconds'],
      smokeTimeout,
      problem(
        `must be shorter than timeouts.validationMinutes (${pipeline.timeouts.validationMinutes} min)`,
        'Raise validationMinutes or shorten the smoke test timeout',
      ),
    );
  }
  pipeline.rollout.waves.forEach((wave, waveIndex) => {
    wave.targets.forEach((target, targetIndex) => {
      const waitSeconds = checkpointWaitSeconds(target.preferences);
      if (waitSeconds >= pipeline.timeouts.waveMinutes * 60) {
        issue(
          ['timeouts', 'waveMinutes'],
          pipeline.timeouts.waveMinutes,
          problem(
            `must leave time for the checkpoint pauses of rollout.waves[${waveIndex}].targets[${targetIndex}] (${Math.ceil(waitSeconds / 60)} min)`,
            'Raise waveMinutes or shorten checkpointDelaySeconds',
          ),
        );
      }
    });
  });
}

/** Fills the defaults that depend on other fields of the pipeline. The result parses to itself. */
function withPipelineDefaults(pipeline: PipelineFields) {
  const instanceTypes = pipeline.instanceTypes ?? [DEFAULT_INSTANCE_TYPE[pipeline.architecture]];
  const { smokeTests } = pipeline.validation;
  return {
    ...pipeline,
    description: pipeline.description ?? `Golden AMI pipeline ${pipeline.name}, managed by Goldsmith`,
    components: pipeline.components.map(toComponentRef),
    testComponents: pipeline.testComponents.map(toComponentRef),
    instanceTypes,
    channels: {
      candidate: pipeline.channels.candidate ?? `/goldsmith/${pipeline.name}/candidate`,
      stable: pipeline.channels.stable ?? `/goldsmith/${pipeline.name}/stable`,
    },
    validation: {
      ...pipeline.validation,
      smokeTests: smokeTests && { ...smokeTests, instanceType: smokeTests.instanceType ?? instanceTypes[0] },
    },
  };
}

export const pipelineSchema = pipelineFieldsSchema.superRefine(checkPipeline).transform(withPipelineDefaults);

/** A pipeline as parsed on its own; the fleet adds the defaults that depend on the home Region. */
export type ParsedPipeline = z.output<typeof pipelineSchema>;
export type ChannelsConfig = ParsedPipeline['channels'];
export type RetentionConfig = z.output<typeof retentionSchema>;
export type TimeoutsConfig = z.output<typeof timeoutsSchema>;
