/**
 * The waits of an instance refresh: wait-for-refresh stores the token and checks once, on-refresh-event
 * completes it when an event says the refresh ended, and reconcile-refresh decides after a lost event.
 */
import { RefreshTimedOutError } from './errors.ts';
import type { AutoScalingPort } from './ports.ts';
import { nextWaitSeconds } from './reconcile-window.ts';
import { refreshCompletion, refreshOutcome } from './refresh-outcome.ts';
import type { RefreshStarted } from './start-refresh.ts';
import { type CompletionResult, completeWaitingTask, storeWaitingTask, type WaitingTaskDeps, waitKeys } from './waiting-tasks.ts';

/** Event kinds after which a refresh may have ended (the others are progress). */
const FINAL_EVENTS = new Set(['Succeeded', 'Failed', 'Cancelled', 'Rollback Succeeded', 'Rollback Failed']);

type Deps = WaitingTaskDeps & { autoScaling: AutoScalingPort };

async function describe(refresh: RefreshStarted, autoScaling: AutoScalingPort) {
  return (await autoScaling.refreshes(refresh.region, refresh.autoScalingGroupName, [refresh.instanceRefreshId]))[0];
}

export async function waitForRefresh(
  input: { taskToken: string; refresh: RefreshStarted },
  now: number,
  deps: Deps,
): Promise<{ status: string; completion: CompletionResult | 'waiting' }> {
  const { refresh } = input;
  const key = waitKeys.refresh(refresh.region, refresh.instanceRefreshId);
  await storeWaitingTask(key, input.taskToken, now, deps);
  const view = await describe(refresh, deps.autoScaling);
  if (!view) return { status: 'UNKNOWN', completion: 'waiting' };
  const outcome = refreshOutcome(refresh.region, view);
  if (outcome.kind === 'pending') return { status: outcome.status, completion: 'waiting' };
  return { status: view.status, completion: await completeWaitingTask(key, refreshCompletion(outcome), now, deps, input.taskToken) };
}

export type OnRefreshEventResult = { action: 'ignored'; reason: string } | { action: 'completed'; status: string; completion: CompletionResult };

export async function onRefreshEvent(event: { kind: string; region: string; refresh: RefreshStarted }, now: number, deps: Deps): Promise<OnRefreshEventResult> {
  if (!FINAL_EVENTS.has(event.kind)) return { action: 'ignored', reason: `'${event.kind}' is progress, not an end` };
  const key = waitKeys.refresh(event.region, event.refresh.instanceRefreshId);
  const waiting = await deps.tokens.get(key);
  if (!waiting) return { action: 'ignored', reason: 'no wave waits on this refresh' };
  if (waiting.completedAt !== undefined) return { action: 'ignored', reason: 'the wave waiting on this refresh was already told' };
  const view = await describe(event.refresh, deps.autoScaling);
  if (!view) return { action: 'ignored', reason: 'Auto Scaling has no such refresh' };
  const outcome = refreshOutcome(event.region, view);
  if (outcome.kind === 'pending') return { action: 'ignored', reason: `DescribeInstanceRefreshes says ${view.status}, not final yet` };
  return { action: 'completed', status: view.status, completion: await completeWaitingTask(key, refreshCompletion(outcome), now, deps, waiting.token) };
}

/** A refresh still running goes back to waiting, for longer each time (reconcile-window.ts); past its bound it fails. */
export async function reconcileRefresh(
  input: { refresh: RefreshStarted; boundSeconds: number; waitSeconds: number },
  checkedAt: number,
  deps: { autoScaling: AutoScalingPort },
): Promise<RefreshStarted & { status: string; done: boolean; waitSeconds?: number }> {
  const { refresh } = input;
  const view = await describe(refresh, deps.autoScaling);
  if (!view) throw new RefreshTimedOutError(refresh.autoScalingGroupName, refresh.instanceRefreshId, 'not found', input.boundSeconds);
  const outcome = refreshOutcome(refresh.region, view);
  if (outcome.kind === 'done') return { ...refresh, status: view.status, done: true };
  if (outcome.kind === 'failed') throw outcome.error;
  const elapsedMs = view.startTime === undefined ? undefined : checkedAt - view.startTime;
  if (elapsedMs !== undefined && elapsedMs > input.boundSeconds * 1000) {
    throw new RefreshTimedOutError(refresh.autoScalingGroupName, refresh.instanceRefreshId, view.status, input.boundSeconds);
  }
  return { ...refresh, status: view.status, done: false, waitSeconds: nextWaitSeconds(input.waitSeconds, elapsedMs, input.boundSeconds) };
}
