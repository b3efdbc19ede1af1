/**
 * The per-pipeline lock is always released: no lock is left behind by a release that ended normally, and every
 * release that took the lock went through a Release Lock step.
 */
import { activeWindow, releaseExecutions } from '../history-queries.ts';
import { RELEASE_STATES } from '../release-states.ts';
import type { Invariant } from './invariant.ts';

export const lockReleased: Invariant = {
  name: 'lock-released',
  contract: 'DESIGN §5.6',
  check(history) {
    const problems: string[] = [];
    const executions = new Map(history.executions.map((e) => [e.arn, e]));
    for (const item of history.tables.release) {
      const holder = typeof item.holder === 'string' ? item.holder : undefined;
      if (!holder) continue;
      const execution = executions.get(holder);
      // A release stopped or timed out cannot release its lock; the next release takes it over (core/release/release-lock.ts).
      if (execution && (execution.status === 'SUCCEEDED' || execution.status === 'FAILED'))
        problems.push(`the lock of ${String(item.pipeline ?? item.pk ?? '?')} is still held by ${execution.name}, which ${execution.status}`);
      if (!execution) problems.push(`the lock of ${String(item.pipeline ?? item.pk ?? '?')} is held by an unknown execution ${holder}`);
    }
    for (const execution of releaseExecutions(history)) {
      if (execution.status !== 'SUCCEEDED' && execution.status !== 'FAILED') continue;
      if (!activeWindow(execution, history.endedAt)) continue;
      if (!execution.states.some((s) => s.name.startsWith(RELEASE_STATES.releaseLock) && s.exitedAt !== undefined))
        problems.push(`release ${execution.name} ${execution.status} without going through a Release Lock step`);
    }
    return problems;
  },
};
