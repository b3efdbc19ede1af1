import { RegionalStore } from '../../service.ts';

/**
 * Auto Scaling state per account and region. Plain JSON only (epoch-ms numbers for times), so the
 * local cloud can persist it and `resume()` can re-arm what was in flight.
 */

/** A launch template as a group or a desired configuration names it; `Version` as given (`$Latest`, `$Default` or a number). */
export interface LaunchTemplateRef {
  LaunchTemplateId: string;
  LaunchTemplateName: string;
  Version: string;
}

/** What a group (or a refresh) launches from: a launch template, or a mixed instances policy (stored as the SDK shape). */
export interface LaunchSource {
  launchTemplate?: LaunchTemplateRef;
  mixedInstancesPolicy?: MixedPolicyRecord;
}

export interface MixedPolicyRecord {
  LaunchTemplate: {
    LaunchTemplateSpecification: LaunchTemplateRef;
    Overrides?: Array<{ InstanceType?: string; WeightedCapacity?: string }>;
  };
  InstancesDistribution?: Record<string, unknown>;
}

export interface InstanceRecord {
  instanceId: string;
  availabilityZone: string;
  subnetId?: string;
  instanceType?: string;
  /** The launch template version the instance was launched from, as a number. */
  launchTemplate: LaunchTemplateRef;
  launchedAt: number;
  /** When the instance passes its health checks and goes from Pending to InService. */
  readyAt: number;
  health: 'Healthy' | 'Unhealthy';
  protectedFromScaleIn: boolean;
}

export interface TagRecord {
  Key: string;
  Value: string;
  PropagateAtLaunch: boolean;
}

export interface GroupRecord {
  name: string;
  id: string;
  arn: string;
  createdAt: number;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  defaultCooldown: number;
  availabilityZones: string[];
  /** Subnet ids from VPCZoneIdentifier, with the zone each is in when known. */
  subnets: Array<{ subnetId: string; availabilityZone?: string }>;
  healthCheckType: string;
  healthCheckGracePeriod: number;
  defaultInstanceWarmup?: number;
  source: LaunchSource;
  tags: TagRecord[];
  terminationPolicies: string[];
  newInstancesProtectedFromScaleIn: boolean;
  capacityRebalance: boolean;
  maxInstanceLifetime?: number;
  serviceLinkedRoleArn: string;
  context?: string;
  desiredCapacityType?: string;
  placementGroup?: string;
  instances: InstanceRecord[];
  /** A failed launch or termination is retried at this time. */
  retryAt?: number;
  /** Failed attempts in a row, for the retry back-off. */
  retries?: number;
}

export type RefreshStatus =
  | 'Pending'
  | 'InProgress'
  | 'Successful'
  | 'Failed'
  | 'Cancelling'
  | 'Cancelled'
  | 'RollbackInProgress'
  | 'RollbackFailed'
  | 'RollbackSuccessful'
  | 'Baking';

/** One set of replacements in flight: old instances out, new ones in, ready (warmed up) at `readyAt`. */
export interface BatchRecord {
  old: string[];
  new: string[];
  /** Launch-first batches (MaxHealthyPercentage above 100) terminate `old` once `new` is ready. */
  launchFirst: boolean;
  readyAt: number;
}

/** Progress of one pass over the group: the refresh itself, or its rollback. */
export interface PassRecord {
  /** Instances this pass still has to replace. */
  pending: string[];
  total: number;
  replaced: number;
  /** What replacements launch from, resolved to a version number. */
  target: LaunchTemplateRef;
  instanceType?: string;
  /** Instances this pass launched; a rollback replaces those of the forward pass. */
  launched: string[];
  batch?: BatchRecord;
}

export interface RefreshRecord {
  id: string;
  groupName: string;
  strategy: string;
  status: RefreshStatus;
  statusReason?: string;
  startTime: number;
  endTime?: number;
  /** The preferences as DescribeInstanceRefreshes reports them, defaults filled in. */
  preferences: Record<string, unknown>;
  desiredConfiguration?: Record<string, unknown>;
  /** The group's configuration when the refresh started: what a rollback restores. */
  previous: LaunchSource;
  /** The group's configuration on success: the desired configuration, as given. */
  next: LaunchSource;
  forward: PassRecord;
  rollback?: PassRecord & {
    reason: string;
    startTime: number;
    percentageCompleteOnRollback: number;
    instancesToUpdateOnRollback: number;
  };
  /** Index of the next checkpoint in `preferences.CheckpointPercentages`. */
  nextCheckpoint: number;
  /** When the next step is due (a batch warmed up, a checkpoint or bake time over). */
  nextStepAt?: number;
  /** Why the refresh is waiting, for StatusReason. */
  waiting?: 'warmup' | 'checkpoint' | 'bake' | 'protected';
  /** When a wait for protected or standby instances gives up. */
  protectedWaitUntil?: number;
}

export interface AutoScalingState {
  groups: Record<string, GroupRecord>;
  /** Every refresh, oldest first. */
  refreshes: RefreshRecord[];
}

export class AutoScalingStore extends RegionalStore<AutoScalingState> {
  constructor() {
    super(() => ({ groups: {}, refreshes: [] }));
  }
}

/** Statuses in which a refresh still owns the group: a second one cannot start. */
export const ACTIVE_STATUSES: ReadonlySet<RefreshStatus> = new Set(['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking']);

export function activeRefresh(state: AutoScalingState, groupName: string): RefreshRecord | undefined {
  return state.refreshes.find((r) => r.groupName === groupName && ACTIVE_STATUSES.has(r.status));
}
