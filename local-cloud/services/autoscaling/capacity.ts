import type { DescribeInstancesResult, Reservation } from '@aws-sdk/client-ec2';
import { AwsServiceError } from '../../errors.ts';
import { behaviourFor } from '../../scenario.ts';
import type { Scope } from './fleet.ts';
import { type LaunchTarget, launchTargetOf } from './launch-templates.ts';
import { activeRefresh, type GroupRecord, type InstanceRecord } from './store.ts';

/** Simulated seconds a new instance takes to launch and pass health checks, unless the scenario says otherwise. */
const DEFAULT_LAUNCH_SECONDS = 120;
/** A failed launch or termination is tried again, backing off from 30 seconds to 15 minutes, as AWS retries failed scaling activities. */
const retryDelayMs = (attempt: number) => Math.min(30_000 * 2 ** attempt, 900_000);
const GONE_STATES = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);

export function launchSecondsFor(scope: Scope, groupName: string): number {
  return behaviourFor(scope.cloud.scenario.refreshes, groupName)?.instanceWarmupSeconds ?? DEFAULT_LAUNCH_SECONDS;
}

/** Instances go from Pending to InService once they pass their health checks. */
export const lifecycleStateOf = (instance: InstanceRecord, now: number) => (now >= instance.readyAt ? 'InService' : 'Pending');

/** Where new instances go: the zone (or subnet) holding the fewest of the group's instances, to keep zones balanced. */
function nextPlacement(group: GroupRecord): { availabilityZone?: string; subnetId?: string } {
  if (group.subnets.length) {
    const count = (id: string) => group.instances.filter((i) => i.subnetId === id).length;
    const subnet = [...group.subnets].sort((a, b) => count(a.subnetId) - count(b.subnetId))[0];
    return { subnetId: subnet.subnetId, availabilityZone: subnet.availabilityZone };
  }
  const count = (zone: string) => group.instances.filter((i) => i.availabilityZone === zone).length;
  return { availabilityZone: [...group.availabilityZones].sort((a, b) => count(a) - count(b))[0] };
}

/**
 * Launches `count` instances through EC2 RunInstances, tagged as AWS tags them, and adds them to the
 * group as Pending. Ids launched before a failure are pushed to `launched` before the error is thrown.
 */
export async function launchInstances(
  scope: Scope,
  group: GroupRecord,
  count: number,
  target: LaunchTarget,
  at: number,
  launched: string[] = [],
): Promise<string[]> {
  const tags = [
    { Key: 'aws:autoscaling:groupName', Value: group.name },
    ...group.tags.filter((t) => t.PropagateAtLaunch).map((t) => ({ Key: t.Key, Value: t.Value })),
  ];
  const readyAt = at + launchSecondsFor(scope, group.name) * 1000;
  for (let n = 0; n < count; n++) {
    const placement = nextPlacement(group);
    const input: Record<string, unknown> = {
      MinCount: 1,
      MaxCount: 1,
      LaunchTemplate: { LaunchTemplateId: target.template.LaunchTemplateId, Version: target.template.Version },
      TagSpecifications: [{ ResourceType: 'instance', Tags: tags }],
    };
    if (target.instanceType) input.InstanceType = target.instanceType;
    if (placement.subnetId) input.SubnetId = placement.subnetId;
    else input.Placement = { AvailabilityZone: placement.availabilityZone };
    const output = await scope.fleet.ec2<Reservation>(scope, 'RunInstances', input);
    const instance = output.Instances?.[0];
    if (!instance?.InstanceId) throw new AwsServiceError('InternalFailure', 'EC2 RunInstances returned no instance.', 500);
    // A subnet decides the zone; without one, the instance is in the zone Auto Scaling chose.
    const availabilityZone =
      (placement.subnetId ? instance.Placement?.AvailabilityZone : placement.availabilityZone) ?? instance.Placement?.AvailabilityZone ?? `${scope.region}a`;
    const subnet = group.subnets.find((s) => s.subnetId === placement.subnetId);
    if (subnet && !subnet.availabilityZone) {
      subnet.availabilityZone = availabilityZone;
      group.availabilityZones = [...new Set(group.subnets.flatMap((s) => (s.availabilityZone ? [s.availabilityZone] : [])))];
    }
    group.instances.push({
      instanceId: instance.InstanceId,
      availabilityZone,
      subnetId: placement.subnetId,
      instanceType: instance.InstanceType ?? target.instanceType,
      launchTemplate: { ...target.template },
      launchedAt: at,
      readyAt,
      health: 'Healthy',
      protectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
    });
    launched.push(instance.InstanceId);
  }
  return launched;
}

/** Terminates instances through EC2 and removes them from the group; instances EC2 no longer knows are simply removed. */
export async function terminateInstances(scope: Scope, group: GroupRecord, ids: string[]): Promise<void> {
  if (!ids.length) return;
  try {
    await scope.fleet.ec2(scope, 'TerminateInstances', { InstanceIds: ids });
  } catch (error) {
    if (!(error instanceof AwsServiceError && error.code.startsWith('InvalidInstanceID'))) throw error;
  }
  const gone = new Set(ids);
  group.instances = group.instances.filter((i) => !gone.has(i.instanceId));
  forgetInRefresh(scope, group, gone);
}

/** Instances that left the group no longer count towards an active refresh's work. */
function forgetInRefresh(scope: Scope, group: GroupRecord, gone: Set<string>): void {
  const refresh = activeRefresh(scope.state, group.name);
  if (!refresh) return;
  for (const pass of [refresh.forward, refresh.rollback]) {
    if (!pass) continue;
    const before = pass.pending.length;
    pass.pending = pass.pending.filter((id) => !gone.has(id));
    pass.total -= before - pass.pending.length;
  }
}

/** Marks instances that EC2 reports stopped or terminated (or no longer knows) as Unhealthy, as EC2 health checks do. */
export async function checkHealth(scope: Scope, group: GroupRecord): Promise<void> {
  const ids = group.instances.map((i) => i.instanceId);
  if (!ids.length) return;
  const states = new Map<string, string>();
  const describe = async (instanceIds: string[]) => {
    const output = await scope.fleet.ec2<DescribeInstancesResult>(scope, 'DescribeInstances', { InstanceIds: instanceIds });
    for (const reservation of output.Reservations ?? [])
      for (const instance of reservation.Instances ?? []) if (instance.InstanceId) states.set(instance.InstanceId, instance.State?.Name ?? 'running');
  };
  try {
    await describe(ids);
  } catch (error) {
    // One unknown id fails the whole call: ask instance by instance to find which.
    if (!(error instanceof AwsServiceError && error.code.startsWith('InvalidInstanceID'))) {
      scope.fleet.log(`health check of ${group.name} skipped: ${String(error)}`);
      return;
    }
    for (const id of ids) await describe([id]).catch(() => undefined);
  }
  for (const instance of group.instances) {
    const state = states.get(instance.instanceId);
    if (state === undefined || GONE_STATES.has(state)) instance.health = 'Unhealthy';
  }
}

/** The configuration new instances launch from: an active refresh's target, else the group's own. */
export async function currentTarget(scope: Scope, group: GroupRecord): Promise<LaunchTarget> {
  const refresh = activeRefresh(scope.state, group.name);
  const pass = refresh?.status === 'RollbackInProgress' ? refresh.rollback : refresh?.forward;
  if (pass) return { template: pass.target, instanceType: pass.instanceType };
  return launchTargetOf(scope, group.source);
}

/**
 * Picks instances to terminate on scale-in as the Default termination policy does: from the zone with
 * the most instances, those not on the current launch template version first, then the oldest.
 * Instances protected from scale-in are never picked.
 */
export function pickForScaleIn(group: GroupRecord, count: number, exclude: Set<string>, current?: LaunchTargetLike): string[] {
  const candidates = group.instances.filter((i) => !i.protectedFromScaleIn && !exclude.has(i.instanceId));
  const picked: string[] = [];
  while (picked.length < count && candidates.length) {
    const perZone = new Map<string, number>();
    for (const i of group.instances) if (!picked.includes(i.instanceId)) perZone.set(i.availabilityZone, (perZone.get(i.availabilityZone) ?? 0) + 1);
    const outdated = (i: InstanceRecord) =>
      current ? i.launchTemplate.LaunchTemplateId !== current.LaunchTemplateId || i.launchTemplate.Version !== current.Version : false;
    candidates.sort(
      (a, b) =>
        (perZone.get(b.availabilityZone) ?? 0) - (perZone.get(a.availabilityZone) ?? 0) ||
        Number(outdated(b)) - Number(outdated(a)) ||
        a.launchedAt - b.launchedAt,
    );
    picked.push((candidates.shift() as InstanceRecord).instanceId);
  }
  return picked;
}

interface LaunchTargetLike {
  LaunchTemplateId: string;
  Version: string;
}

/**
 * Brings the group to its desired capacity: replaces unhealthy instances, launches what is missing and
 * terminates what is over. Instances an active launch-first batch is about to retire do not count.
 * A failure (EC2 refusing a launch) is retried later, as a failed scaling activity is.
 */
export async function reconcileCapacity(scope: Scope, group: GroupRecord, at: number): Promise<void> {
  try {
    await checkHealth(scope, group);
    await terminateInstances(
      scope,
      group,
      group.instances.filter((i) => i.health === 'Unhealthy').map((i) => i.instanceId),
    );
    const refresh = activeRefresh(scope.state, group.name);
    const batch = (refresh?.status === 'RollbackInProgress' ? refresh.rollback : refresh?.forward)?.batch;
    const retiring = new Set(batch?.launchFirst ? batch.old : []);
    const live = group.instances.filter((i) => !retiring.has(i.instanceId)).length;
    const missing = group.desiredCapacity - live;
    if (missing > 0) await launchInstances(scope, group, missing, await currentTarget(scope, group), at);
    if (missing < 0) {
      const target = await currentTarget(scope, group).catch(() => undefined);
      const busy = new Set([...retiring, ...(batch?.new ?? [])]);
      await terminateInstances(scope, group, pickForScaleIn(group, -missing, busy, target?.template));
    }
    group.retryAt = undefined;
    group.retries = undefined;
  } catch (error) {
    scope.fleet.log(`scaling ${group.name} failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
    group.retries = (group.retries ?? 0) + 1;
    group.retryAt = at + retryDelayMs(group.retries - 1);
    scheduleReconcile(scope, group.name, group.retryAt);
  }
}

/** Runs a capacity reconciliation for the group at `at`, under the group's lock. */
export function scheduleReconcile(scope: Scope, groupName: string, at: number): void {
  const { fleet, accountId, region } = scope;
  fleet.schedule(`reconcile:${accountId}/${region}/${groupName}`, at, () => {
    const fresh = fleet.scope(accountId, region);
    void fleet.withGroupLock(fresh, groupName, async () => {
      const group = fresh.state.groups[groupName];
      if (group?.retryAt !== undefined) await reconcileCapacity(fresh, group, at);
    });
  });
}
