/**
 * The contracts between the release state machines and the functions they call: what each step takes
 * and returns. State machines pass ids and ARNs between steps, never whole documents, so payloads stay
 * small. Every function validates its input against these schemas; every ASL Task shapes its
 * Parameters to match them.
 *
 * The release (statemachines/release.asl.json), step by step:
 *   Plan Release → [skip → Release Lock → Succeed]
 *   Start Build → Start Image Wait → Wait For Image (task token; timeout → Reconcile Image → loop with a longer
 *     timeout, or continue)
 *   Validate Image (Parallel: Gate Findings | Smoke Test: launch, wait for agent, run, poll, always terminate)
 *     failure → Reject Image → failure path
 *   Request Approval (optional; task token; timeout counts as a reject)
 *   Publish Candidate (→ Wait For Candidate → Verify Candidate, until read back)
 *   → Roll Out Waves (one child execution of rollout-wave per wave, in order)
 *   Promote Stable (→ Wait For Stable → Verify Stable, until read back) → Emit Image Published → Notify Success
 *     → Retire Images → Release Lock → Succeed
 *   failure path (any Catch): Notify Failure → Release Lock → Fail (with the original error name)
 */
import type { z } from 'zod/mini';
import {
  array,
  boolean,
  discriminatedUnion,
  gte,
  int,
  iso,
  literal,
  lte,
  maxLength,
  minLength,
  number,
  object,
  enum as oneOf,
  optional,
  positive,
  record,
  regex,
  startsWith,
  strictObject,
  string,
} from 'zod/mini';

// zod/mini: the same schemas as zod's classic API, at a quarter of the bundle size (DESIGN: functions < 300 KB).
const Arn = string().check(startsWith('arn:'));
const AmiId = string().check(regex(/^ami-[0-9a-f]{8,17}$/));
const Region = string().check(regex(/^[a-z]{2}(-[a-z]+)+-\d$/));
const NonEmpty = string().check(minLength(1));
const PositiveInt = int().check(positive());
const Count = int().check(gte(0));
/**
 * A time from the state machine's context object (`$$.State.EnteredTime`, `$$.Execution.StartTime`). Steps that
 * compare times take "now" from here rather than from the function's own clock, so bounds and deprecation times
 * follow the workflow's clock (on the local cloud, the simulated one).
 */
const Timestamp = iso.datetime({ offset: true });

/** One AMI of a release, per distribution region and account. */
export const RegionalAmi = strictObject({
  region: Region,
  imageId: AmiId,
  accountId: optional(string().check(regex(/^\d{12}$/))),
});
export type RegionalAmi = z.infer<typeof RegionalAmi>;

export const TriggerKind = oneOf(['scheduled', 'requested', 'chained', 'upstream', 'manual', 'rollback', 'external-build']);
export type TriggerKind = z.infer<typeof TriggerKind>;

/** The input of every release execution. */
export const ReleaseInput = strictObject({
  pipeline: NonEmpty,
  /** Deterministic per trigger, e.g. `web-server-2026-11-scheduled`; also the execution name. */
  releaseId: string().check(regex(/^[A-Za-z0-9_-]{1,80}$/)),
  trigger: strictObject({
    kind: TriggerKind,
    /** What caused it: an event id, a schedule, a user, the parent image. */
    detail: optional(string().check(maxLength(512))),
  }),
  /** For `rollback`: the previously validated AMIs to release again, skipping build and validation. */
  rollbackTo: optional(array(RegionalAmi)),
  /** For `external-build`: a build started outside Goldsmith on a managed pipeline. */
  imageBuildVersionArn: optional(Arn),
  /** Build even when nothing changed. */
  force: optional(boolean()),
});
export type ReleaseInput = z.infer<typeof ReleaseInput>;

/** A rollout target, resolved from config: one launch template and the groups that use it, in one region. */
export const RolloutTarget = strictObject({
  region: Region,
  launchTemplate: NonEmpty,
  autoScalingGroups: array(NonEmpty).check(minLength(1)),
  preferences: strictObject({
    minHealthyPercentage: number().check(gte(0), lte(100)),
    maxHealthyPercentage: optional(number().check(gte(100), lte(200))),
    instanceWarmupSeconds: optional(Count),
    checkpointPercentages: optional(array(int().check(gte(1), lte(100)))),
    checkpointDelaySeconds: optional(Count),
    skipMatching: boolean(),
    autoRollback: boolean(),
    alarms: optional(array(string())),
  }),
});
export type RolloutTarget = z.infer<typeof RolloutTarget>;

export const Wave = strictObject({ name: NonEmpty, targets: array(RolloutTarget).check(minLength(1)) });
export type Wave = z.infer<typeof Wave>;

/**
 * Bounds in seconds. `waitSeconds` is how long the first task-token wait of a build or refresh lasts before it
 * reconciles (the first lost-event window; each reconcile returns the next, longer one); the others bound each
 * phase, so every release reaches a terminal state (DESIGN §5.5).
 */
export const Bounds = strictObject({
  buildSeconds: PositiveInt,
  waitSeconds: PositiveInt,
  refreshSeconds: PositiveInt,
  waveSeconds: PositiveInt,
});
export type Bounds = z.infer<typeof Bounds>;

/** The Run Command document: AWS-RunShellScript, or AWS-RunPowerShellScript for Windows images. */
const SmokeTestDocument = oneOf(['AWS-RunShellScript', 'AWS-RunPowerShellScript']);

export const SmokeTestPlan = strictObject({
  commands: array(string()).check(minLength(1)),
  instanceType: string(),
  instanceProfile: optional(string()),
  subnetId: optional(string()),
  securityGroupIds: optional(array(string())),
  timeoutSeconds: PositiveInt,
  documentName: SmokeTestDocument,
});
export type SmokeTestPlan = z.infer<typeof SmokeTestPlan>;

/** plan-release: takes the per-pipeline lock and decides what this release does. */
export const PlanReleaseInput = strictObject({ release: ReleaseInput, executionArn: Arn, startedAt: optional(Timestamp) });
export const PlanReleaseOutput = strictObject({
  action: oneOf(['build', 'skip', 'validate', 'rollback']),
  reason: string(),
  /** The Image Builder clientToken for this release: the same release never starts two builds. */
  clientToken: string().check(maxLength(36)),
  imagePipelineArn: Arn,
  imageBuildVersionArn: optional(Arn),
  amis: optional(array(RegionalAmi)),
  validation: strictObject({
    findingThresholds: record(string(), Count),
    smokeTest: optional(SmokeTestPlan),
  }),
  approval: strictObject({ required: boolean(), timeoutSeconds: PositiveInt }),
  channels: strictObject({ candidate: string(), stable: string() }),
  /** The waves' names, in order: each wave's targets stay in the config, so the release state stays small at any fleet size. */
  waves: array(NonEmpty),
  /** Bounds, in seconds, that the state machine's TimeoutSeconds and reconcile loops respect. */
  bounds: Bounds,
});
export type PlanReleaseOutput = z.infer<typeof PlanReleaseOutput>;

/** start-build */
export const StartBuildInput = strictObject({ imagePipelineArn: Arn, clientToken: string() });
export const StartBuildOutput = strictObject({ imageBuildVersionArn: Arn });

/**
 * wait-for-image (Task `.waitForTaskToken`): records the token under the image ARN, then checks the
 * image once, so an event that arrived before the token was stored is not lost. on-image-event and
 * reconcile-image complete the token with ImageReady, or fail it with BuildFailedError.
 */
export const WaitForImageInput = strictObject({ taskToken: NonEmpty, imageBuildVersionArn: Arn });
export const ImageReady = strictObject({ imageBuildVersionArn: Arn, status: literal('AVAILABLE'), amis: array(RegionalAmi).check(minLength(1)) });
export type ImageReady = z.infer<typeof ImageReady>;

/**
 * reconcile-image: GetImage after a wait timed out. `waitSeconds` is the wait that timed out; PENDING loops back
 * to Wait For Image with the next, longer `waitSeconds` (never ending past `boundSeconds`).
 */
export const ReconcileImageInput = strictObject({
  imageBuildVersionArn: Arn,
  boundSeconds: PositiveInt,
  waitSeconds: PositiveInt,
  checkedAt: optional(Timestamp),
});
export const ReconcileImageOutput = discriminatedUnion('status', [
  ImageReady,
  strictObject({ imageBuildVersionArn: Arn, status: literal('PENDING'), waitSeconds: PositiveInt }),
]);

/** gate-findings */
export const GateFindingsInput = strictObject({ imageBuildVersionArn: Arn, thresholds: record(string(), Count) });
/** Throws ValidationGateError naming each severity over its threshold. */
export const GateFindingsOutput = strictObject({ counts: record(string(), Count) });

/** launch-test-instance / check-test-instance / run-smoke-tests / check-smoke-tests / terminate-test-instances */
export const LaunchTestInstanceInput = strictObject({ releaseId: string(), pipeline: string(), ami: RegionalAmi, smokeTest: SmokeTestPlan });
const InstanceId = string().check(regex(/^i-[0-9a-f]{8,17}$/));
export const TestInstance = strictObject({ instanceId: InstanceId, region: Region });
/** `boundSeconds` (default 900) bounds the wait for the instance to run with its SSM agent online, from its launch. */
export const CheckTestInstanceInput = strictObject({
  instanceId: InstanceId,
  region: Region,
  checkedAt: optional(Timestamp),
  boundSeconds: optional(PositiveInt),
});
export const CheckTestInstanceOutput = strictObject({ instanceId: string(), region: Region, ready: boolean() });
export const RunSmokeTestsInput = strictObject({
  instanceId: string(),
  region: Region,
  commands: array(string()).check(minLength(1)),
  timeoutSeconds: PositiveInt,
  documentName: optional(SmokeTestDocument),
});
export const SmokeTestCommand = strictObject({ commandId: string(), instanceId: string(), region: Region });
export const CheckSmokeTestsInput = SmokeTestCommand;
export const CheckSmokeTestsOutput = strictObject({ commandId: string(), instanceId: string(), region: Region, done: boolean(), status: string() });

/** terminate-test-instances: terminates every test instance tagged with the release, in the region. Idempotent. */
export const TerminateTestInstancesInput = strictObject({ releaseId: string(), region: Region });

/** reject-image: tags the AMIs `goldsmith:status=rejected` and deprecates them, in every region. */
export const RejectImageInput = strictObject({
  releaseId: string(),
  amis: array(RegionalAmi),
  reason: string().check(maxLength(1024)),
  now: optional(Timestamp),
});

/** request-approval (Task `.waitForTaskToken`): stores the token for `goldsmith approve|reject <release>`. */
export const RequestApprovalInput = strictObject({
  taskToken: string(),
  releaseId: string(),
  pipeline: string(),
  amis: array(RegionalAmi),
  /** `$$.Execution.Id`: lets `goldsmith approve` tell a decision delivered with its answer lost from one too late. */
  executionArn: optional(Arn),
});

/**
 * publish-channel: points a channel parameter at the AMI in every region, without waiting for Parameter Store's
 * asynchronous validation. verify-channel then reads it back after each Wait, until `verified` (or it fails).
 */
export const PublishChannelInput = strictObject({
  releaseId: string(),
  pipeline: string(),
  parameterName: string().check(startsWith('/')),
  amis: array(RegionalAmi).check(minLength(1)),
});
const PublishedRegion = strictObject({ region: Region, imageId: AmiId, version: PositiveInt, previousImageId: optional(string()), verified: boolean() });
export const PublishChannelOutput = strictObject({
  parameterName: string(),
  regions: array(PublishedRegion),
  verified: boolean(),
  /** Read-backs so far, bounded by VERIFY_READS. */
  reads: Count,
});
export const VerifyChannelInput = strictObject({
  pipeline: string(),
  parameterName: string().check(startsWith('/')),
  regions: array(PublishedRegion).check(minLength(1)),
  reads: optional(Count),
});
export const VerifyChannelOutput = PublishChannelOutput;

/**
 * roll-launch-templates (first step of statemachines/rollout-wave.asl.json): for every target of the wave,
 * a new launch template version with the literal AMI id of the target's region, made the default. Each
 * change is recorded (release, wave, template, previous default) before it is made, so that
 * restore-launch-templates can undo it even when this function crashed half-way.
 */
export const RollLaunchTemplatesInput = strictObject({ releaseId: string(), pipeline: NonEmpty, wave: NonEmpty, amis: array(RegionalAmi).check(minLength(1)) });
export const RolledLaunchTemplate = strictObject({
  region: Region,
  launchTemplateId: string(),
  version: PositiveInt,
  previousDefaultVersion: PositiveInt,
});
export type RolledLaunchTemplate = z.infer<typeof RolledLaunchTemplate>;
export const PlannedRefresh = strictObject({
  releaseId: string(),
  region: Region,
  autoScalingGroupName: string(),
  launchTemplate: RolledLaunchTemplate,
  preferences: RolloutTarget.shape.preferences,
});
export type PlannedRefresh = z.infer<typeof PlannedRefresh>;
/** The groups to refresh, by name: the Map of the wave iterates over them (core/release/wave-rollout.ts). */
export const RollLaunchTemplatesOutput = strictObject({ launchTemplates: array(RolledLaunchTemplate), groups: array(string()) });

/**
 * start-refresh: StartInstanceRefresh naming the numbered version in DesiredConfiguration. It reads the group's
 * target from the config and the version from the rollout records, and plans a PlannedRefresh from them.
 */
export const StartRefreshInput = strictObject({ releaseId: string(), pipeline: NonEmpty, wave: NonEmpty, autoScalingGroupName: NonEmpty });
export const RefreshStarted = strictObject({ region: Region, autoScalingGroupName: string(), instanceRefreshId: string() });
/** wait-for-refresh (Task `.waitForTaskToken`): completed by on-refresh-event, or after a timeout by reconcile-refresh. */
export const WaitForRefreshInput = strictObject({ taskToken: string(), refresh: RefreshStarted });
export const RefreshDone = strictObject({ region: Region, autoScalingGroupName: string(), instanceRefreshId: string(), status: literal('Successful') });
/** reconcile-refresh: as reconcile-image, for a refresh; a refresh not `done` comes back with the next `waitSeconds`. */
export const ReconcileRefreshInput = strictObject({
  refresh: RefreshStarted,
  boundSeconds: PositiveInt,
  waitSeconds: PositiveInt,
  checkedAt: optional(Timestamp),
});
export const ReconcileRefreshOutput = strictObject({
  region: Region,
  autoScalingGroupName: string(),
  instanceRefreshId: string(),
  status: string(),
  done: boolean(),
  waitSeconds: optional(PositiveInt),
});

/**
 * restore-launch-templates: after a failed wave, every launch template this release changed in the wave
 * gets its previous default version back (from the records roll-launch-templates wrote), and refreshes
 * of the wave still in progress are rolled back.
 */
export const RestoreLaunchTemplatesInput = strictObject({ releaseId: string(), waveName: string() });

/** notify-release: exactly once per release and outcome. */
export const NotifyInput = strictObject({
  releaseId: string(),
  pipeline: string(),
  outcome: oneOf(['started', 'awaiting-approval', 'succeeded', 'failed', 'skipped', 'rejected']),
  amis: optional(array(RegionalAmi)),
  error: optional(strictObject({ Error: string(), Cause: optional(string()) })),
  summary: optional(string().check(maxLength(2048))),
  now: optional(Timestamp),
});

/** retire-images: keeps the last N and everything still in use. */
export const RetireImagesInput = strictObject({ releaseId: string(), pipeline: string(), now: optional(Timestamp) });
export const RetireImagesOutput = strictObject({ deprecated: array(RegionalAmi), deregistered: array(RegionalAmi), kept: int() });

/** The input of each rollout-wave child execution: the wave by name, never its targets. */
export const RolloutWaveInput = object({
  releaseId: string(),
  pipeline: NonEmpty,
  wave: NonEmpty,
  amis: array(RegionalAmi).check(minLength(1)),
  bounds: Bounds,
});

/** release-lock: deletes the lock only if this execution holds it. */
export const ReleaseLockInput = strictObject({ pipeline: string(), executionArn: Arn });
