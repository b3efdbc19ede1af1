/**
 * The events and schedule payloads that start Goldsmith's event-driven functions, as zod schemas, and the
 * EventBridge patterns of the rules that deliver them (for the app model). Event shapes follow the
 * EventBridge references (see ../shared/events/); unknown fields are accepted, as AWS adds fields over time.
 */
import type { z } from 'zod/mini';
import {
  array,
  boolean,
  iso,
  literal,
  looseObject,
  maxLength,
  minLength,
  enum as oneOf,
  optional,
  pipe,
  refine,
  strictObject,
  string,
  transform,
  unknown,
} from 'zod/mini';
import { RegionalAmi } from './contracts.ts';

const PipelineName = string().check(minLength(1), maxLength(64));
const Timestamp = iso.datetime({ offset: true });

/** The EventBridge envelope; `detail` is given per event. */
function eventOf<S extends z.ZodMiniType<string>, T extends z.ZodMiniType<string>, D extends z.ZodMiniType>(
  source: S,
  detailType: T,
  detail: D,
  resources: z.ZodMiniType<string[]> = array(string()),
) {
  return looseObject({
    version: optional(string()),
    id: string().check(minLength(1)),
    'detail-type': detailType,
    source,
    account: string(),
    time: Timestamp,
    region: string().check(minLength(1)),
    resources,
    detail,
  });
}

/** `arn:aws:imagebuilder:<region>:<account>:image/<recipe>/<version>/<build>`: the image an Image State Change is about. */
const IMAGE_BUILD_ARN = /^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:\d{12}:image\/[^/]+\/[^/]+\/\d+$/;

/** The image build version ARN among an event's resources. */
export function imageBuildArnOf(resources: readonly string[]): string | undefined {
  return resources.find((arn) => IMAGE_BUILD_ARN.test(arn));
}

/** What Goldsmith puts on its own bus, and what CI puts to request a release. */
export const GOLDSMITH_SOURCE = 'goldsmith';
export const DetailTypes = {
  releaseRequested: 'Release Requested',
  imagePublished: 'Goldsmith Image Published',
  imageStateChange: 'EC2 Image Builder Image State Change',
  refreshPrefix: 'EC2 Auto Scaling Instance Refresh ',
} as const;

export const ImageStateChangeEvent = eventOf(
  literal('aws.imagebuilder'),
  literal(DetailTypes.imageStateChange),
  looseObject({
    'previous-state': optional(looseObject({ status: string() })),
    state: looseObject({ status: string().check(minLength(1)), reason: optional(string()) }),
  }),
  array(string()).check(
    refine((resources) => imageBuildArnOf(resources) !== undefined, {
      message: 'must hold the ARN of the image build version (arn:aws:imagebuilder:<region>:<account>:image/<recipe>/<version>/<build>)',
    }),
  ),
);
export type ImageStateChangeEvent = z.infer<typeof ImageStateChangeEvent>;

export const RefreshEventKinds = [
  'Started',
  'Checkpoint Reached',
  'Succeeded',
  'Failed',
  'Cancelled',
  'Rollback Started',
  'Rollback Succeeded',
  'Rollback Failed',
] as const;
const refreshDetailTypes = RefreshEventKinds.map((kind) => `${DetailTypes.refreshPrefix}${kind}`);

export const InstanceRefreshEvent = eventOf(
  literal('aws.autoscaling'),
  oneOf(refreshDetailTypes as [string, ...string[]]),
  // Auto Scaling's own limits: a group name and a refresh id are 1–255 characters.
  looseObject({ InstanceRefreshId: string().check(minLength(1), maxLength(255)), AutoScalingGroupName: string().check(minLength(1), maxLength(255)) }),
);
export type InstanceRefreshEvent = z.infer<typeof InstanceRefreshEvent>;

/** Put by CI (or anyone) on the Goldsmith bus to release a pipeline; `requestId` makes repeats one release. */
export const ReleaseRequestedEvent = eventOf(
  literal(GOLDSMITH_SOURCE),
  literal(DetailTypes.releaseRequested),
  strictObject({
    pipeline: PipelineName,
    requestId: optional(string().check(minLength(1), maxLength(256))),
    reason: optional(string().check(maxLength(256))),
    force: optional(boolean()),
  }),
);

/** Put by the release state machine (Emit Image Published) once `stable` points at the new AMI. */
export const ImagePublishedEvent = eventOf(
  literal(GOLDSMITH_SOURCE),
  literal(DetailTypes.imagePublished),
  looseObject({ pipeline: PipelineName, releaseId: string().check(minLength(1)), amis: array(RegionalAmi), channel: string() }),
);

/**
 * The payload of a release schedule (EventBridge Scheduler target Input). The app model fills the context
 * attributes: `{"kind":"scheduled","pipeline":"web-server","scheduledTime":"<aws.scheduler.scheduled-time>","id":"<aws.scheduler.execution-id>"}`.
 */
export const ScheduledRelease = strictObject({
  kind: literal('scheduled'),
  pipeline: PipelineName,
  scheduledTime: Timestamp,
  id: optional(string()),
});

/** The payload of an upstream-watch schedule: `{"kind":"upstream-watch","pipeline":"web-server","id":"<aws.scheduler.execution-id>"}`. */
export const UpstreamWatchInput = strictObject({
  kind: literal('upstream-watch'),
  pipeline: PipelineName,
  scheduledTime: optional(string()),
  id: optional(string()),
});

/** A trigger-release input, tagged by what it is. */
export type Trigger =
  | { type: 'scheduled'; input: z.infer<typeof ScheduledRelease> }
  | { type: 'requested'; input: z.infer<typeof ReleaseRequestedEvent> }
  | { type: 'published'; input: z.infer<typeof ImagePublishedEvent> };

/**
 * What trigger-release accepts: a schedule payload (by `kind`) or an event (by `detail-type`). It picks the one
 * schema that applies first, so errors name the field that is wrong rather than every alternative.
 */
export const TriggerReleaseInput = pipe(
  unknown(),
  transform((value, ctx): Trigger => {
    const input = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const [type, schema] =
      input.kind !== undefined
        ? (['scheduled', ScheduledRelease] as const)
        : input['detail-type'] === DetailTypes.releaseRequested
          ? (['requested', ReleaseRequestedEvent] as const)
          : input['detail-type'] === DetailTypes.imagePublished
            ? (['published', ImagePublishedEvent] as const)
            : [undefined, undefined];
    if (!schema) {
      ctx.issues.push({
        code: 'custom',
        path: [input['detail-type'] === undefined ? 'kind' : 'detail-type'],
        message: `must be a schedule payload (kind: 'scheduled') or an event with detail-type '${DetailTypes.releaseRequested}' or '${DetailTypes.imagePublished}'`,
        input: value,
      });
      return undefined as never;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: value } as (typeof ctx.issues)[number]);
      return undefined as never;
    }
    return { type, input: parsed.data } as Trigger;
  }),
);
export type TriggerReleaseInput = z.output<typeof TriggerReleaseInput>;

/** The EventBridge patterns of the rules in core/release/catalogue.ts, by rule name. */
export const rulePatterns = {
  'image-state-change': { source: ['aws.imagebuilder'], 'detail-type': [DetailTypes.imageStateChange] },
  'instance-refresh': { source: ['aws.autoscaling'], 'detail-type': refreshDetailTypes },
  'release-requested': { source: [GOLDSMITH_SOURCE], 'detail-type': [DetailTypes.releaseRequested] },
  'image-published': { source: [GOLDSMITH_SOURCE], 'detail-type': [DetailTypes.imagePublished] },
} as const;
