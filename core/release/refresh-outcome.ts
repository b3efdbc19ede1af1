/**
 * What an instance refresh's status means for the wave waiting on it. DescribeInstanceRefreshes is the
 * authority: events only say when to look, so a late or reordered event can never move a wave backwards.
 */
import { RefreshFailedError } from './errors.ts';
import type { RefreshView } from './ports.ts';
import type { Completion } from './waiting-tasks.ts';

/** Statuses in which a refresh still launches or replaces instances. */
export const ACTIVE_REFRESH = new Set(['Pending', 'InProgress', 'Baking']);
const FAILED = new Set(['Failed', 'Cancelled', 'RollbackSuccessful', 'RollbackFailed']);

export interface RefreshDone {
  region: string;
  autoScalingGroupName: string;
  instanceRefreshId: string;
  status: 'Successful';
}

export type RefreshOutcome = { kind: 'done'; done: RefreshDone } | { kind: 'failed'; error: RefreshFailedError } | { kind: 'pending'; status: string };

export function refreshOutcome(region: string, refresh: RefreshView): RefreshOutcome {
  const { autoScalingGroupName, instanceRefreshId, status } = refresh;
  if (status === 'Successful') return { kind: 'done', done: { region, autoScalingGroupName, instanceRefreshId, status } };
  if (FAILED.has(status)) return { kind: 'failed', error: new RefreshFailedError(autoScalingGroupName, instanceRefreshId, status, refresh.statusReason) };
  return { kind: 'pending', status };
}

export function refreshCompletion(outcome: Exclude<RefreshOutcome, { kind: 'pending' }>): Completion {
  return outcome.kind === 'done' ? { kind: 'success', output: outcome.done } : { kind: 'failure', error: outcome.error.name, cause: outcome.error.message };
}
