import { behaviourFor } from '../../scenario.ts';
import { launchInstances, launchSecondsFor, reconcileCapacity, terminateInstances } from './capacity.ts';
import type { Scope } from './fleet.ts';
import { launchTargetOf } from './launch-templates.ts';
import { emitRefreshEvent } from './refresh-events.ts';
import { ACTIVE_STATUSES, type GroupRecord, type PassRecord, type RefreshRecord, type RefreshStatus } from './store.ts';

/**
 * Runs instance refreshes on the simulated clock. Each step happens at a logical time (`at`): when a
 * batch has warmed up, a checkpoint delay or the bake time is over. A step completes the batch in
 * flight, checks alarms, the scenario's failure point and checkpoints, then replaces the next batch
 * through EC2 and schedules itself for when that batch is warmed up. A rollback is a second pass
 * that replaces the instances the refresh launched with the group's previous configuration.
 */

/** How often alarms named in AlarmSpecification are looked at while a refresh waits. */
const ALARM_POLL_MS = 60_000;
/** How long a refresh waits for scale-in protected instances (ScaleInProtectedInstances: Wait) before failing. */
const PROTECTED_WAIT_MS = 3_600_000;

export const percentOf = (pass: PassRecord) => (pass.total <= 0 ? 100 : Math.floor((pass.replaced * 100) / pass.total));

const isForward = (refresh: RefreshRecord) => refresh.status === 'Pending' || refresh.status === 'InProgress' || refresh.status === 'Baking';

const alarmsOf = (refresh: RefreshRecord) => ((refresh.preferences.AlarmSpecification as { Alarms?: string[] } | undefined)?.Alarms ?? []).filter(Boolean);

const checkpointsOf = (refresh: RefreshRecord) => (refresh.preferences.CheckpointPercentages as number[] | undefined) ?? [];

const timerKey = (scope: Scope, id: string) => `refresh:${scope.accountId}/${scope.region}/${id}`;

/** Arms the refresh's next step; `from` is the logical time of the step scheduling it. */
export function scheduleStep(scope: Scope, refresh: RefreshRecord, from: number): void {
  const { fleet, accountId, region } = scope;
  if (refresh.nextStepAt === undefined || !ACTIVE_STATUSES.has(refresh.status)) {
    fleet.cancel(timerKey(scope, refresh.id));
    return;
  }
  const watchAlarms = isForward(refresh) && alarmsOf(refresh).length > 0;
  const at = watchAlarms ? Math.min(refresh.nextStepAt, from + ALARM_POLL_MS) : refresh.nextStepAt;
  const { id, groupName } = refresh;
  fleet.schedule(timerKey(scope, id), at, () => {
    const fresh = fleet.scope(accountId, region);
    void fleet.withGroupLock(fresh, groupName, () => runStep(fresh, id, at));
  });
}

async function runStep(scope: Scope, id: string, at: number): Promise<void> {
  const refresh = scope.state.refreshes.find((r) => r.id === id);
  if (!refresh || !ACTIVE_STATUSES.has(refresh.status) || refresh.nextStepAt === undefined) return;
  const group = scope.state.groups[refresh.groupName];
  if (!group) return;
  try {
    await step(scope, group, refresh, at);
  } catch (error) {
    await onStepError(scope, group, refresh, at, error);
  }
}

async function step(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number): Promise<void> {
  if (refresh.status === 'Pending') {
    refresh.status = 'InProgress';
    emitRefreshEvent(scope, group, refresh, 'Started');
  }
  if (isForward(refresh)) {
    const alarm = alarmsOf(refresh).find((name) => scope.cloud.scenario.alarms?.[name] === 'ALARM');
    if (alarm) return fail(scope, group, refresh, at, `Instance refresh failed because the CloudWatch alarm ${alarm} is in the ALARM state.`);
  }
  if (at < (refresh.nextStepAt ?? at)) return scheduleStep(scope, refresh, at);
  switch (refresh.status) {
    case 'Cancelling':
      await completeBatch(scope, group, refresh.rollback ?? refresh.forward);
      return markCancelled(scope, group, refresh, at);
    case 'Baking':
      return succeed(scope, group, refresh, at);
    case 'InProgress':
      return advanceForward(scope, group, refresh, at);
    case 'RollbackInProgress':
      return advanceRollback(scope, group, refresh, at);
  }
}

/** Ends the batch in flight: a launch-first batch retires its old instances now that the new ones are ready. */
async function completeBatch(scope: Scope, group: GroupRecord, pass: PassRecord): Promise<void> {
  const batch = pass.batch;
  if (!batch) return;
  if (batch.launchFirst) {
    const present = new Set(group.instances.map((i) => i.instanceId));
    await terminateInstances(
      scope,
      group,
      batch.old.filter((id) => present.has(id)),
    );
  }
  pass.replaced += batch.old.length;
  pass.batch = undefined;
}

async function advanceForward(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number): Promise<void> {
  const pass = refresh.forward;
  await completeBatch(scope, group, pass);
  const percent = percentOf(pass);
  const failAt = behaviourFor(scope.cloud.scenario.refreshes, group.name)?.failAtPercentage;
  if (failAt !== undefined && percent >= failAt) {
    return fail(scope, group, refresh, at, `Instance refresh failed at ${percent}% complete: replacement instances failed their health checks.`);
  }
  const checkpoints = checkpointsOf(refresh);
  if (refresh.waiting !== 'checkpoint') {
    let reached: number | undefined;
    while (refresh.nextCheckpoint < checkpoints.length && percent >= checkpoints[refresh.nextCheckpoint]) reached = checkpoints[refresh.nextCheckpoint++];
    // AWS emits no event for the last checkpoint: reaching it completes the refresh.
    if (reached !== undefined && refresh.nextCheckpoint < checkpoints.length) {
      const delaySeconds = Number(refresh.preferences.CheckpointDelay ?? 3600);
      refresh.waiting = 'checkpoint';
      refresh.statusReason = `Checkpoint ${reached}% reached. Waiting ${delaySeconds} seconds before continuing.`;
      refresh.nextStepAt = at + delaySeconds * 1000;
      emitRefreshEvent(scope, group, refresh, 'Checkpoint Reached', { percentage: reached, delaySeconds });
      return scheduleStep(scope, refresh, at);
    }
  }
  refresh.waiting = undefined;
  const partialDone = checkpoints.length > 0 && refresh.nextCheckpoint >= checkpoints.length;
  if (pass.pending.length === 0 || partialDone) return finishForward(scope, group, refresh, at);
  const next = pickBatch(group, refresh, pass);
  if (!next.ids.length) return waitForProtected(scope, group, refresh, at);
  refresh.protectedWaitUntil = undefined;
  await startBatch(scope, group, refresh, pass, next.ids, next.launchFirst, at);
}

async function advanceRollback(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number): Promise<void> {
  const pass = refresh.rollback as PassRecord;
  await completeBatch(scope, group, pass);
  if (pass.pending.length === 0) {
    group.source = structuredClone(refresh.previous);
    finish(scope, refresh, 'RollbackSuccessful', at, 'Rollback completed. The Auto Scaling group is back on its previous configuration.');
    emitRefreshEvent(scope, group, refresh, 'Rollback Succeeded');
    return reconcileCapacity(scope, group, at);
  }
  const next = pickBatch(group, refresh, pass);
  await startBatch(scope, group, refresh, pass, next.ids, next.launchFirst, at);
}

/**
 * How many instances to replace at once, and in which order. With MaxHealthyPercentage above 100 the
 * new instances launch before the old ones go (healthy capacity never drops below desired); otherwise
 * old instances go first, as many as MinHealthyPercentage allows (at least one). A checkpoint caps the
 * batch so the refresh stops on it.
 */
function pickBatch(group: GroupRecord, refresh: RefreshRecord, pass: PassRecord): { ids: string[]; launchFirst: boolean } {
  const desired = Math.max(group.desiredCapacity, 1);
  const minHealthy = Math.ceil((desired * Number(refresh.preferences.MinHealthyPercentage ?? 90)) / 100);
  const maxTotal = Math.floor((desired * Number(refresh.preferences.MaxHealthyPercentage ?? 100)) / 100);
  const launchFirst = maxTotal > desired;
  let size = Math.max(1, launchFirst ? maxTotal - desired : desired - minHealthy);
  if (pass === refresh.forward) {
    const checkpoint = checkpointsOf(refresh)[refresh.nextCheckpoint];
    const needed = checkpoint === undefined ? 0 : Math.ceil((checkpoint * pass.total) / 100) - pass.replaced;
    if (needed > 0) size = Math.min(size, needed);
  }
  // A rollback replaces what the refresh launched, protected or not.
  const waitForProtected = pass === refresh.forward && refresh.preferences.ScaleInProtectedInstances === 'Wait';
  const isProtected = (id: string) => group.instances.find((i) => i.instanceId === id)?.protectedFromScaleIn ?? false;
  const candidates = pass.pending.filter((id) => !(waitForProtected && isProtected(id)));
  return { ids: candidates.slice(0, size), launchFirst };
}

/** Takes `ids` out of service and launches their replacements from the pass's target through EC2. */
async function startBatch(scope: Scope, group: GroupRecord, refresh: RefreshRecord, pass: PassRecord, ids: string[], launchFirst: boolean, at: number) {
  pass.pending = pass.pending.filter((id) => !ids.includes(id));
  if (!launchFirst) await terminateInstances(scope, group, ids);
  const launched: string[] = [];
  try {
    await launchInstances(scope, group, ids.length, { template: pass.target, instanceType: pass.instanceType }, at, launched);
  } finally {
    pass.launched.push(...launched);
  }
  const warmup = Number(refresh.preferences.InstanceWarmup ?? 0);
  pass.batch = { old: ids, new: launched, launchFirst, readyAt: at + (launchSecondsFor(scope, group.name) + warmup) * 1000 };
  refresh.nextStepAt = pass.batch.readyAt;
  refresh.waiting = 'warmup';
  refresh.statusReason = `Waiting for instances to warm up before continuing. For example: ${launched[0]} is warming up.`;
  scheduleStep(scope, refresh, at);
}

function waitForProtected(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number): Promise<void> | void {
  refresh.protectedWaitUntil ??= at + PROTECTED_WAIT_MS;
  if (at >= refresh.protectedWaitUntil) {
    return fail(scope, group, refresh, at, 'Instance refresh failed: the remaining instances are protected from scale in (ScaleInProtectedInstances is Wait).');
  }
  refresh.waiting = 'protected';
  refresh.statusReason = 'Waiting for instances that are protected from scale in. The instance refresh fails if they are still protected after one hour.';
  refresh.nextStepAt = refresh.protectedWaitUntil;
  scheduleStep(scope, refresh, at);
}

async function finishForward(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number): Promise<void> {
  const bakeSeconds = Number(refresh.preferences.BakeTime ?? 0);
  if (bakeSeconds > 0) {
    refresh.status = 'Baking';
    refresh.waiting = 'bake';
    refresh.statusReason = `Waiting ${bakeSeconds} seconds of bake time before completing the instance refresh.`;
    refresh.nextStepAt = at + bakeSeconds * 1000;
    return scheduleStep(scope, refresh, at);
  }
  return succeed(scope, group, refresh, at);
}

async function succeed(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number): Promise<void> {
  group.source = structuredClone(refresh.next);
  finish(scope, refresh, 'Successful', at, undefined);
  emitRefreshEvent(scope, group, refresh, 'Succeeded');
  await reconcileCapacity(scope, group, at);
}

/** Fails the refresh; with AutoRollback it rolls back instead, as AWS does. Replaced instances stay otherwise. */
async function fail(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number, reason: string): Promise<void> {
  if (refresh.preferences.AutoRollback === true) return startRollback(scope, group, refresh, at, reason);
  finish(scope, refresh, 'Failed', at, reason);
  emitRefreshEvent(scope, group, refresh, 'Failed');
  await reconcileCapacity(scope, group, at);
}

/**
 * Starts rolling back: the instances the refresh launched are replaced with the group's previous
 * configuration, batch by batch. A launch-first batch in flight is dropped at once (its old instances
 * are still there). The target is resolved before anything changes, so a refusal changes nothing.
 */
export async function startRollback(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number, reason: string): Promise<void> {
  const target = await launchTargetOf(scope, refresh.previous);
  const forward = refresh.forward;
  const batch = forward.batch;
  if (batch?.launchFirst) {
    await terminateInstances(scope, group, batch.new);
    forward.launched = forward.launched.filter((id) => !batch.new.includes(id));
  }
  const percentageCompleteOnRollback = percentOf(forward);
  const instancesToUpdateOnRollback = Math.max(0, forward.total - forward.replaced);
  forward.batch = undefined;
  const present = new Set(group.instances.map((i) => i.instanceId));
  const pending = forward.launched.filter((id) => present.has(id));
  refresh.rollback = {
    pending,
    total: pending.length,
    replaced: 0,
    launched: [],
    target: target.template,
    instanceType: target.instanceType,
    reason,
    startTime: at,
    percentageCompleteOnRollback,
    instancesToUpdateOnRollback,
  };
  refresh.status = 'RollbackInProgress';
  refresh.statusReason = reason;
  refresh.waiting = undefined;
  refresh.nextStepAt = at;
  emitRefreshEvent(scope, group, refresh, 'Rollback Started');
  scheduleStep(scope, refresh, at);
}

/** Cancels a refresh or rollback: a batch in flight finishes first (Cancelling); nothing is rolled back. */
export function cancelRefresh(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number): void {
  const batch = (refresh.rollback ?? refresh.forward).batch;
  if (batch && at < batch.readyAt) {
    refresh.status = 'Cancelling';
    refresh.statusReason = 'Cancelling: waiting for the instances being replaced to finish warming up.';
    refresh.nextStepAt = batch.readyAt;
    refresh.waiting = undefined;
    scheduleStep(scope, refresh, at);
    return;
  }
  markCancelled(scope, group, refresh, at);
}

function markCancelled(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number): void {
  finish(scope, refresh, 'Cancelled', at, 'Cancelled due to user request.');
  emitRefreshEvent(scope, group, refresh, 'Cancelled');
}

function finish(scope: Scope, refresh: RefreshRecord, status: RefreshRecord['status'], at: number, reason: string | undefined): void {
  refresh.status = status;
  refresh.statusReason = reason;
  refresh.endTime = at;
  refresh.nextStepAt = undefined;
  refresh.waiting = undefined;
  refresh.protectedWaitUntil = undefined;
  scope.fleet.cancel(timerKey(scope, refresh.id));
}

/** EC2 refusing a launch or termination fails the refresh (or rolls it back); failing during a rollback ends it RollbackFailed. */
async function onStepError(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  scope.fleet.log(`instance refresh ${refresh.id} of ${group.name}: ${message}`);
  if (refresh.status === 'Cancelling') return markCancelled(scope, group, refresh, at);
  if (refresh.status !== 'RollbackInProgress') {
    try {
      return await fail(scope, group, refresh, at, `Instance refresh failed: ${message}`);
    } catch (rollbackError) {
      // `fail` may have moved the refresh on before it threw.
      if ((refresh.status as RefreshStatus) !== 'RollbackInProgress') {
        // The rollback could not even start: the refresh simply fails.
        finish(scope, refresh, 'Failed', at, `Instance refresh failed: ${message}`);
        return emitRefreshEvent(scope, group, refresh, 'Failed');
      }
      return rollbackFailed(scope, group, refresh, at, rollbackError instanceof Error ? rollbackError.message : String(rollbackError));
    }
  }
  return rollbackFailed(scope, group, refresh, at, message);
}

/** A failed rollback leaves the group as it is; capacity lost on the way is launched again (and retried). */
async function rollbackFailed(scope: Scope, group: GroupRecord, refresh: RefreshRecord, at: number, message: string): Promise<void> {
  finish(scope, refresh, 'RollbackFailed', at, `Rollback failed: ${message}`);
  emitRefreshEvent(scope, group, refresh, 'Rollback Failed');
  await reconcileCapacity(scope, group, at);
}
