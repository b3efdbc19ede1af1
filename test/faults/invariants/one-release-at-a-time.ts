/**
 * DESIGN §5.6: only one release per pipeline runs at a time; a second trigger joins the first or exits with a
 * clear reason.
 */
import { activeWindow, formatTime, releaseExecutions, releaseOf, TERMINAL } from '../history-queries.ts';
import { RELEASE_STATES } from '../release-states.ts';
import type { Invariant } from './invariant.ts';

export const oneReleaseAtATime: Invariant = {
  name: 'one-release-at-a-time',
  contract: 'DESIGN §5.6',
  check(history) {
    const problems: string[] = [];
    const active = releaseExecutions(history)
      .map((execution) => ({ execution, window: activeWindow(execution, history.endedAt) }))
      .filter((a): a is typeof a & { window: { from: number; to: number } } => a.window !== undefined)
      .sort((a, b) => a.window.from - b.window.from);
    for (let i = 0; i < active.length; i++) {
      for (let j = i + 1; j < active.length; j++) {
        const [a, b] = [active[i], active[j]];
        if (releaseOf(a.execution).pipeline !== releaseOf(b.execution).pipeline) continue;
        if (b.window.from < a.window.to)
          problems.push(
            `releases ${a.execution.name} and ${b.execution.name} of ${releaseOf(a.execution).pipeline} ran together from ${formatTime(history, b.window.from)} to ${formatTime(history, Math.min(a.window.to, b.window.to))}`,
          );
      }
    }
    for (const execution of releaseExecutions(history)) {
      const joined = execution.states.find((s) => s.name === RELEASE_STATES.alreadyRunning);
      if (!joined || !TERMINAL.has(execution.status)) continue;
      const failure = (joined.input as { failure?: { Cause?: string } } | undefined)?.failure;
      const reason = failure?.Cause ?? execution.cause ?? (typeof execution.output === 'string' ? execution.output : JSON.stringify(execution.output ?? ''));
      if (!reason || reason === '""' || reason === '{}') problems.push(`release ${execution.name} exited as already running without saying why`);
    }
    return problems;
  },
};
