/**
 * The ports the release logic talks through. adapters/aws implements them against AWS (or the local cloud);
 * tests implement them in memory. Times are epoch milliseconds unless a name says seconds.
 */
import type { RegionalAmi, ReleaseInput, TriggerKind } from './contracts.ts';

// ── State kept in the release table ───────────────────────────────────────────────────────────────

/** The per-pipeline lock. `expiresAt` is epoch seconds (the table's TTL attribute). */
export interface LockRecord {
  pipeline: string;
  /** The execution ARN holding it. */
  holder: string;
  releaseId: string;
  acquiredAt: number;
  expiresAt: number;
}

export type LockAttempt = { acquired: true } | { acquired: false; current: LockRecord };

export interface LockStore {
  /** Conditional write: succeeds when nobody holds the lock, it has expired at `nowSeconds`, or `lock.holder` already holds it. */
  tryAcquire(lock: LockRecord, nowSeconds: number): Promise<LockAttempt>;
  /** Conditional write: replaces the lock only while `previousHolder` still holds it. */
  takeOver(lock: LockRecord, previousHolder: string): Promise<boolean>;
  /** Conditional delete: only when `holder` holds it. */
  release(pipeline: string, holder: string): Promise<boolean>;
}

export interface ExecutionStatusPort {
  /** False once the execution has ended (or does not exist). */
  isRunning(executionArn: string): Promise<boolean>;
}

export interface ComponentVersion {
  name: string;
  version: string;
}

export type ReleaseStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'rejected';

/** One release, as plan-release saw it and the end of the release left it. */
export interface ReleaseRecord {
  pipeline: string;
  releaseId: string;
  executionArn: string;
  trigger: { kind: TriggerKind; detail?: string };
  action: 'build' | 'skip' | 'validate' | 'rollback';
  reason: string;
  startedAt: number;
  status: ReleaseStatus;
  fingerprint?: string;
  parentImageId?: string;
  recipeArn?: string;
  components?: ComponentVersion[];
  /** Set for a rollback: the AMIs it releases again. */
  amis?: RegionalAmi[];
  finishedAt?: number;
  error?: string;
}

/** A release that reached `stable`, newest first in history. */
export interface SuccessRecord {
  pipeline: string;
  releaseId: string;
  succeededAt: number;
  amis: RegionalAmi[];
  fingerprint?: string;
  parentImageId?: string;
  components?: ComponentVersion[];
  /** A rollback: the image ids it replaced, which a later rollback must not choose. */
  replacedImageIds?: string[];
}

export interface ReleaseHistory {
  putRelease(record: ReleaseRecord): Promise<void>;
  getRelease(pipeline: string, releaseId: string): Promise<ReleaseRecord | undefined>;
  /** Conditional: sets the outcome of a running release; false when it already had one (nothing changes then). */
  finishRelease(
    pipeline: string,
    releaseId: string,
    outcome: { status: Exclude<ReleaseStatus, 'running'>; finishedAt: number; error?: string },
  ): Promise<boolean>;
  /** Idempotent per release. */
  addSuccess(record: SuccessRecord): Promise<void>;
  /** Newest first. */
  latestSuccesses(pipeline: string, limit: number): Promise<SuccessRecord[]>;
}

/** A Step Functions task waiting on a token, keyed by what it waits for (an image, a refresh, an approval). */
export interface WaitingTask {
  key: string;
  token: string;
  storedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
  completedAt?: number;
  outcome?: string;
}

export interface TaskTokenStore {
  /** Stores the token of a (new) wait, replacing any earlier one under the key. */
  put(task: WaitingTask): Promise<void>;
  get(key: string): Promise<WaitingTask | undefined>;
  /** Conditional: marks the token used, only if it is still the stored token and unused. */
  claim(key: string, token: string, outcome: string, at: number): Promise<boolean>;
  /** Undoes a claim whose completion could not be sent, so a retry can send it. */
  unclaim(key: string, token: string): Promise<void>;
}

export interface TaskCompletionPort {
  /** `closed` when the task already ended (completed, timed out or stopped): nothing to do. */
  succeed(token: string, output: unknown): Promise<'sent' | 'closed'>;
  fail(token: string, error: string, cause: string): Promise<'sent' | 'closed'>;
  /**
   * How a task of the execution ended with a completion that carries `marker` (in its output or cause), if one did:
   * tells a completion that applied with its answer lost (the retry then finds the task `closed`) from one that came
   * too late, and which completion won.
   */
  endingWith(executionArn: string, marker: string): Promise<'succeeded' | 'failed' | undefined>;
}

// ── Starting releases ─────────────────────────────────────────────────────────────────────────────

export type StartOutcome = 'started' | 'already-running' | 'already-done';

export interface ReleaseStarterPort {
  /** StartExecution under a deterministic name; an existing execution of that name is reported, not an error. */
  start(name: string, input: ReleaseInput): Promise<{ outcome: StartOutcome; executionArn: string; status?: string }>;
}

// ── Image Builder ─────────────────────────────────────────────────────────────────────────────────

export interface ImageView {
  arn: string;
  status: string;
  reason?: string;
  pipelineArn?: string;
  dateCreated?: number;
  /** The build's region first (where Goldsmith validates), then the other distribution regions. */
  amis: RegionalAmi[];
}

export interface PipelineRecipe {
  imagePipelineArn: string;
  recipeArn: string;
  parentImage: string;
  components: ComponentVersion[];
  infrastructure: { instanceProfileName?: string; subnetId?: string; securityGroupIds?: string[] };
}

export interface ImageBuilderPort {
  /** StartImagePipelineExecution; the same client token always answers the same build. */
  startPipeline(imagePipelineArn: string, clientToken: string): Promise<string>;
  getImage(imageBuildVersionArn: string): Promise<ImageView | undefined>;
  /** The pipeline's recipe and infrastructure; undefined when the pipeline does not exist. */
  getPipelineRecipe(imagePipelineArn: string): Promise<PipelineRecipe | undefined>;
  /** Finding counts by lowercase severity (critical, high, medium, low, informational, untriaged). */
  scanFindingCounts(imageBuildVersionArn: string): Promise<Record<string, number>>;
}

// ── Systems Manager ───────────────────────────────────────────────────────────────────────────────

export interface ParameterValue {
  value: string;
  version: number;
}

export interface ParameterPort {
  get(region: string, name: string): Promise<ParameterValue | undefined>;
  /** PutParameter as `aws:ec2:image`, overwriting; returns the new version. */
  putImageId(region: string, name: string, imageId: string, description: string): Promise<number>;
  tag(region: string, name: string, tags: Record<string, string>): Promise<void>;
}

export interface CommandInvocation {
  status: string;
  output?: string;
  error?: string;
}

export interface RunCommandPort {
  send(region: string, input: { instanceId: string; documentName: string; commands: string[]; timeoutSeconds: number; comment: string }): Promise<string>;
  /** Undefined while the invocation does not exist yet. */
  invocation(region: string, commandId: string, instanceId: string): Promise<CommandInvocation | undefined>;
  agentOnline(region: string, instanceId: string): Promise<boolean>;
}

// ── EC2 ───────────────────────────────────────────────────────────────────────────────────────────

export interface TestInstanceSpec {
  imageId: string;
  instanceType: string;
  instanceProfile?: string;
  subnetId?: string;
  securityGroupIds?: string[];
  tags: Record<string, string>;
  clientToken: string;
}

export interface InstanceView {
  instanceId: string;
  state: string;
  launchTime?: number;
}

export interface InstancesPort {
  /** RunInstances with IMDSv2 required; the client token makes a retried launch return the same instance. */
  launch(region: string, spec: TestInstanceSpec): Promise<string>;
  instance(region: string, instanceId: string): Promise<InstanceView | undefined>;
  /** Instances with every one of the tags, in any state but terminated. */
  findByTags(region: string, tags: Record<string, string>): Promise<InstanceView[]>;
  terminate(region: string, instanceIds: string[]): Promise<void>;
}

export interface AmiView {
  imageId: string;
  region: string;
  creationDate: number;
  /** When the AMI is (or will be) deprecated. */
  deprecationTime?: number;
  state: string;
  /** The Image Builder image it came from (its Ec2ImageBuilderArn tag). */
  builderArn?: string;
  snapshotIds: string[];
  tags: Record<string, string>;
}

export interface ImagesPort {
  /** One AMI of the account (or shared with it); undefined when it does not exist. */
  image(region: string, imageId: string): Promise<AmiView | undefined>;
  tag(region: string, imageIds: string[], tags: Record<string, string>): Promise<void>;
  /** EnableImageDeprecation at `at` (rounded up to the minute). */
  deprecate(region: string, imageId: string, at: number): Promise<void>;
  /** The account's own AMIs built from an Image Builder recipe, by their Ec2ImageBuilderArn tag. */
  listBuiltFrom(region: string, recipeImageArnPrefix: string): Promise<AmiView[]>;
  deregister(region: string, imageId: string): Promise<void>;
  deleteSnapshot(region: string, snapshotId: string): Promise<void>;
}

export interface LaunchTemplateView {
  launchTemplateId: string;
  launchTemplateName: string;
  defaultVersion: number;
  latestVersion: number;
}

export interface LaunchTemplatesPort {
  /** By name or `lt-` id; undefined when it does not exist. */
  template(region: string, nameOrId: string): Promise<LaunchTemplateView | undefined>;
  /** CreateLaunchTemplateVersion from `sourceVersion` with only ImageId changed; idempotent by client token. */
  createVersion(
    region: string,
    input: { launchTemplateId: string; sourceVersion: number; imageId: string; description: string; clientToken: string },
  ): Promise<number>;
  setDefault(region: string, launchTemplateId: string, version: number): Promise<void>;
  /** The ImageId of each version asked for (`$Default`, `$Latest` or a number). */
  imageIds(region: string, launchTemplateId: string, versions: string[]): Promise<string[]>;
}

// ── Auto Scaling ──────────────────────────────────────────────────────────────────────────────────

export interface RefreshPreferences {
  minHealthyPercentage: number;
  maxHealthyPercentage?: number;
  instanceWarmupSeconds?: number;
  checkpointPercentages?: number[];
  checkpointDelaySeconds?: number;
  skipMatching: boolean;
  autoRollback: boolean;
  alarms?: string[];
}

export interface RefreshView {
  instanceRefreshId: string;
  autoScalingGroupName: string;
  status: string;
  statusReason?: string;
  startTime?: number;
  desired?: { launchTemplateId?: string; launchTemplateName?: string; version?: string };
}

export interface GroupLaunchTemplate {
  autoScalingGroupName: string;
  launchTemplateId?: string;
  launchTemplateName?: string;
  version?: string;
}

export interface AutoScalingPort {
  /** StartInstanceRefresh; `inProgress` when the group already runs one (Auto Scaling's InstanceRefreshInProgress). */
  startRefresh(
    region: string,
    input: { autoScalingGroupName: string; launchTemplateId: string; version: number; preferences: RefreshPreferences },
  ): Promise<{ instanceRefreshId: string } | { inProgress: true }>;
  /** Newest first. */
  refreshes(region: string, autoScalingGroupName: string, instanceRefreshIds?: string[]): Promise<RefreshView[]>;
  /** RollbackInstanceRefresh; false when there is nothing it can roll back. */
  rollback(region: string, autoScalingGroupName: string): Promise<boolean>;
  /** CancelInstanceRefresh; false when no refresh is active. */
  cancel(region: string, autoScalingGroupName: string): Promise<boolean>;
  launchTemplates(region: string, autoScalingGroupNames: string[]): Promise<GroupLaunchTemplate[]>;
}

// ── Rollout records ───────────────────────────────────────────────────────────────────────────────

/** What roll-launch-templates changed, written before the change so restore-launch-templates can undo it. */
export interface LaunchTemplateChange {
  releaseId: string;
  wave: string;
  region: string;
  launchTemplateId: string;
  launchTemplateName: string;
  previousDefaultVersion: number;
  newVersion?: number;
  autoScalingGroups: string[];
  status: 'recorded' | 'rolled' | 'restored';
  recordedAt: number;
}

export interface RolloutRecords {
  /** Conditional put: the first record wins, so a retry never overwrites the previous default with this release's own version. */
  recordChange(change: LaunchTemplateChange): Promise<LaunchTemplateChange>;
  updateChange(change: LaunchTemplateChange): Promise<void>;
  changes(releaseId: string, wave: string): Promise<LaunchTemplateChange[]>;
}

// ── Approvals ─────────────────────────────────────────────────────────────────────────────────────

export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

export interface ApprovalRecord {
  releaseId: string;
  pipeline: string;
  token: string;
  amis: RegionalAmi[];
  requestedAt: number;
  /** The waiting execution; absent on requests stored before it was recorded. */
  executionArn?: string;
  status: ApprovalStatus;
  decidedBy?: string;
  decidedAt?: number;
  comment?: string;
}

export interface ApprovalStore {
  /** Stores the request; a retried request of the same release keeps its first decision. */
  putApproval(record: ApprovalRecord): Promise<void>;
  getApproval(releaseId: string): Promise<ApprovalRecord | undefined>;
  /** Conditional: only a pending approval with this token is decided. */
  decide(
    releaseId: string,
    token: string,
    decision: { id: string; status: Exclude<ApprovalStatus, 'pending'>; by: string; at: number; comment?: string },
  ): Promise<boolean>;
  /** Undoes a decision that could not be delivered, so it can be given again. */
  reopen(releaseId: string, token: string): Promise<void>;
}
