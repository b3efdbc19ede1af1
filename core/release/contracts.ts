/**
 * The contracts between the release state machines and the functions they call: what each step takes
 * and returns. State machines pass ids and ARNs between steps, never whole documents, so payloads stay
 * small. Every function validates its input against these schemas; every ASL Task shapes its
 * Parameters to match them.
 *
 * The release (statemachines/release.asl.json), step by step:
 *   Plan Release → [skip → Release Lock → Succeed]
 *   Start Build → Wait For Image (task token; timeout → Reconcile Image → loop or continue)
 *   Validate Image (Parallel: Gate Findings | Smoke Test: launch, wait for agent, run, poll, always terminate)
 *     failure → Reject Image → failure path
 *   Request Approval (optional; task token; timeout counts as a reject)
 *   Publish Candidate → Roll Out Waves (one child execution of rollout-wave per wave, in order)
 *   Promote Stable → Emit Image Published → Notify Success → Retire Images → Release Lock → Succeed
 *   failure path (any Catch): Notify Failure → Release Lock → Fail (with the original error name)
 */
import { z } from 'zod';

const Arn = z.string().startsWith('arn:');
const AmiId = z.string().regex(/^ami-[0-9a-f]{8,17}$/);
const Region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/);

/** One AMI of a release, per distribution region and account. */
export const RegionalAmi = z.strictObject({
  region: Region,
  imageId: AmiId,
  accountId: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
});
export type RegionalAmi = z.infer<typeof RegionalAmi>;

export const TriggerKind = z.enum(['scheduled', 'requested', 'chained', 'upstream', 'manual', 'rollback', 'external-build']);
export type TriggerKind = z.infer<typeof TriggerKind>;

/** The input of every release execution. */
export const ReleaseInput = z.strictObject({
  pipeline: z.string().min(1),
  /** Deterministic per trigger, e.g. `web-server-2026-11-scheduled`; also the execution name. */
  releaseId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
  trigger: z.strictObject({
    kind: TriggerKind,
    /** What caused it: an event id, a schedule, a user, the parent image. */
    detail: z.string().max(512).optional(),
  }),
  /** For `rollback`: the previously validated AMIs to release again, skipping build and validation. */
  rollbackTo: z.array(RegionalAmi).optional(),
  /** For `external-build`: a build started outside Goldsmith on a managed pipeline. */
  imageBuildVersionArn: Arn.optional(),
  /** Build even when nothing changed. */
  force: z.boolean().optional(),
});
export type ReleaseInput = z.infer<typeof ReleaseInput>;

/** A rollout target, resolved from config: one launch template and the groups that use it, in one region. */
export const RolloutTarget = z.strictObject({
  region: Region,
  launchTemplate: z.string().min(1),
  autoScalingGroups: z.array(z.string().min(1)).min(1),
  preferences: z.strictObject({
    minHealthyPercentage: z.number().min(0).max(100),
    maxHealthyPercentage: z.number().min(100).max(200).optional(),
    instanceWarmupSeconds: z.number().int().min(0).optional(),
    checkpointPercentages: z.array(z.number().int().min(1).max(100)).optional(),
    checkpointDelaySeconds: z.number().int().min(0).optional(),
    skipMatching: z.boolean(),
    autoRollback: z.boolean(),
    alarms: z.array(z.string()).optional(),
  }),
});
export type RolloutTarget = z.infer<typeof RolloutTarget>;

export const Wave = z.strictObject({ name: z.string().min(1), targets: z.array(RolloutTarget).min(1) });
export type Wave = z.infer<typeof Wave>;

/**
 * Bounds in seconds. `waitSeconds` is how long a task-token wait lasts before it reconciles (the lost-event
 * window); the others bound each phase, so every release reaches a terminal state (DESIGN §5.5).
 */
export const Bounds = z.strictObject({
  buildSeconds: z.number().int().positive(),
  waitSeconds: z.number().int().positive(),
  refreshSeconds: z.number().int().positive(),
  waveSeconds: z.number().int().positive(),
});
export type Bounds = z.infer<typeof Bounds>;

export const SmokeTestPlan = z.strictObject({
  commands: z.array(z.string()).min(1),
  instanceType: z.string(),
  instanceProfile: z.string().optional(),
  subnetId: z.string().optional(),
  timeoutSeconds: z.number().int().positive(),
});

/** plan-release: takes the per-pipeline lock and decides what this release does. */
export const PlanReleaseInput = z.strictObject({ release: ReleaseInput, executionArn: Arn });
export const PlanReleaseOutput = z.strictObject({
  action: z.enum(['build', 'skip', 'validate', 'rollback']),
  reason: z.string(),
  /** The Image Builder clientToken for this release: the same release never starts two builds. */
  clientToken: z.string().max(36),
  imagePipelineArn: Arn,
  imageBuildVersionArn: Arn.optional(),
  amis: z.array(RegionalAmi).optional(),
  validation: z.strictObject({
    findingThresholds: z.record(z.string(), z.number().int().min(0)),
    smokeTest: SmokeTestPlan.optional(),
  }),
  approval: z.strictObject({ required: z.boolean(), timeoutSeconds: z.number().int().positive() }),
  channels: z.strictObject({ candidate: z.string(), stable: z.string() }),
  waves: z.array(Wave),
  /** Bounds, in seconds, that the state machine's TimeoutSeconds and reconcile loops respect. */
  bounds: Bounds,
});
export type PlanReleaseOutput = z.infer<typeof PlanReleaseOutput>;

/** start-build */
export const StartBuildInput = z.strictObject({ imagePipelineArn: Arn, clientToken: z.string() });
export const StartBuildOutput = z.strictObject({ imageBuildVersionArn: Arn });

/**
 * wait-for-image (Task `.waitForTaskToken`): records the token under the image ARN, then checks the
 * image once, so an event that arrived before the token was stored is not lost. on-image-event and
 * reconcile-image complete the token with ImageReady, or fail it with BuildFailedError.
 */
export const WaitForImageInput = z.strictObject({ taskToken: z.string().min(1), imageBuildVersionArn: Arn });
export const ImageReady = z.strictObject({ imageBuildVersionArn: Arn, status: z.literal('AVAILABLE'), amis: z.array(RegionalAmi).min(1) });
export type ImageReady = z.infer<typeof ImageReady>;

/** reconcile-image: GetImage after a lost event. `pending` loops back to Wait For Image. */
export const ReconcileImageInput = z.strictObject({ imageBuildVersionArn: Arn, boundSeconds: z.number().int().positive() });
export const ReconcileImageOutput = z.discriminatedUnion('status', [ImageReady, z.strictObject({ imageBuildVersionArn: Arn, status: z.literal('PENDING') })]);

/** gate-findings */
export const GateFindingsInput = z.strictObject({ imageBuildVersionArn: Arn, thresholds: z.record(z.string(), z.number().int().min(0)) });
/** Throws ValidationGateError naming each severity over its threshold. */
export const GateFindingsOutput = z.strictObject({ counts: z.record(z.string(), z.number().int().min(0)) });

/** launch-test-instance / check-test-instance / run-smoke-tests / check-smoke-tests / terminate-test-instances */
export const LaunchTestInstanceInput = z.strictObject({ releaseId: z.string(), pipeline: z.string(), ami: RegionalAmi, smokeTest: SmokeTestPlan });
export const TestInstance = z.strictObject({ instanceId: z.string().regex(/^i-[0-9a-f]{8,17}$/), region: Region });
export const CheckTestInstanceInput = TestInstance;
export const CheckTestInstanceOutput = z.strictObject({ instanceId: z.string(), region: Region, ready: z.boolean() });
export const RunSmokeTestsInput = z.strictObject({
  instanceId: z.string(),
  region: Region,
  commands: z.array(z.string()).min(1),
  timeoutSeconds: z.number().int().positive(),
});
export const SmokeTestCommand = z.strictObject({ commandId: z.string(), instanceId: z.string(), region: Region });
export const CheckSmokeTestsInput = SmokeTestCommand;
export const CheckSmokeTestsOutput = z.strictObject({ commandId: z.string(), instanceId: z.string(), region: Region, done: z.boolean(), status: z.string() });

/** terminate-test-instances: terminates every test instance tagged with the release, in the region. Idempotent. */
export const TerminateTestInstancesInput = z.strictObject({ releaseId: z.string(), region: Region });

/** reject-image: tags the AMIs `goldsmith:status=rejected` and deprecates them, in every region. */
export const RejectImageInput = z.strictObject({ releaseId: z.string(), amis: z.array(RegionalAmi), reason: z.string().max(1024) });

/** request-approval (Task `.waitForTaskToken`): stores the token for `goldsmith approve|reject <release>`. */
export const RequestApprovalInput = z.strictObject({ taskToken: z.string(), releaseId: z.string(), pipeline: z.string(), amis: z.array(RegionalAmi) });

/** publish-channel: points a channel parameter at the AMI in every region, and reads it back. */
export const PublishChannelInput = z.strictObject({
  releaseId: z.string(),
  pipeline: z.string(),
  parameterName: z.string().startsWith('/'),
  amis: z.array(RegionalAmi).min(1),
});
export const PublishChannelOutput = z.strictObject({
  parameterName: z.string(),
  regions: z.array(z.strictObject({ region: Region, imageId: AmiId, version: z.number().int(), previousImageId: z.string().optional() })),
});

/**
 * roll-launch-templates (first step of statemachines/rollout-wave.asl.json): for every target of the wave,
 * a new launch template version with the literal AMI id of the target's region, made the default. Each
 * change is recorded (release, wave, template, previous default) before it is made, so that
 * restore-launch-templates can undo it even when this function crashed half-way.
 */
export const RollLaunchTemplatesInput = z.strictObject({ releaseId: z.string(), wave: Wave, amis: z.array(RegionalAmi).min(1) });
export const RolledLaunchTemplate = z.strictObject({
  region: Region,
  launchTemplateId: z.string(),
  version: z.number().int().positive(),
  previousDefaultVersion: z.number().int().positive(),
});
export type RolledLaunchTemplate = z.infer<typeof RolledLaunchTemplate>;
export const PlannedRefresh = z.strictObject({
  releaseId: z.string(),
  region: Region,
  autoScalingGroupName: z.string(),
  launchTemplate: RolledLaunchTemplate,
  preferences: RolloutTarget.shape.preferences,
});
export const RollLaunchTemplatesOutput = z.strictObject({ launchTemplates: z.array(RolledLaunchTemplate), refreshes: z.array(PlannedRefresh) });

/** start-refresh (input: a PlannedRefresh): StartInstanceRefresh naming the numbered version in DesiredConfiguration. */
export const RefreshStarted = z.strictObject({ region: Region, autoScalingGroupName: z.string(), instanceRefreshId: z.string() });
/** wait-for-refresh (Task `.waitForTaskToken`): completed by on-refresh-event, or after a timeout by reconcile-refresh. */
export const WaitForRefreshInput = z.strictObject({ taskToken: z.string(), refresh: RefreshStarted });
export const RefreshDone = z.strictObject({ region: Region, autoScalingGroupName: z.string(), instanceRefreshId: z.string(), status: z.literal('Successful') });
export const ReconcileRefreshInput = z.strictObject({ refresh: RefreshStarted, boundSeconds: z.number().int().positive() });
export const ReconcileRefreshOutput = z.strictObject({
  region: Region,
  autoScalingGroupName: z.string(),
  instanceRefreshId: z.string(),
  status: z.string(),
  done: z.boolean(),
});

/**
 * restore-launch-templates: after a failed wave, every launch template this release changed in the wave
 * gets its previous default version back (from the records roll-launch-templates wrote), and refreshes
 * of the wave still in progress are rolled back.
 */
export const RestoreLaunchTemplatesInput = z.strictObject({ releaseId: z.string(), waveName: z.string() });

/** notify-release: exactly once per release and outcome. */
export const NotifyInput = z.strictObject({
  releaseId: z.string(),
  pipeline: z.string(),
  outcome: z.enum(['started', 'awaiting-approval', 'succeeded', 'failed', 'skipped', 'rejected']),
  amis: z.array(RegionalAmi).optional(),
  error: z.strictObject({ Error: z.string(), Cause: z.string().optional() }).optional(),
  summary: z.string().max(2048).optional(),
});

/** retire-images: keeps the last N and everything still in use. */
export const RetireImagesInput = z.strictObject({ releaseId: z.string(), pipeline: z.string() });
export const RetireImagesOutput = z.strictObject({ deprecated: z.array(RegionalAmi), deregistered: z.array(RegionalAmi), kept: z.number().int() });

/** The input of each rollout-wave child execution. */
export const RolloutWaveInput = z.object({ releaseId: z.string(), wave: Wave, amis: z.array(RegionalAmi).min(1), bounds: Bounds });

/** release-lock: deletes the lock only if this execution holds it. */
export const ReleaseLockInput = z.strictObject({ pipeline: z.string(), executionArn: Arn });
