/**
 * DESIGN §5.5: every release reaches a terminal state within its configured bounds, even when events are lost;
 * a wave never outlives the release that started it.
 */
import { formatTime, pipelineNamed, releaseExecutions, releaseOf, TERMINAL, waveOf } from '../history-queries.ts';
import type { Invariant } from './invariant.ts';

export const terminalWithinBounds: Invariant = {
  name: 'terminal-within-bounds',
  contract: 'DESIGN §5.5',
  check(history) {
    const problems: string[] = [];
    if (history.runner.timedOut)
      problems.push(`the scenario did not come to rest within the runner's real-time bound (${Math.round(history.runner.realMs / 1000)} s)`);
    const releases = releaseExecutions(history);
    for (const execution of history.executions) {
      if (!TERMINAL.has(execution.status)) {
        problems.push(`${execution.workflow} execution ${execution.name} is still ${execution.status} at ${formatTime(history, history.endedAt)}`);
        continue;
      }
      const took = ((execution.stoppedAt ?? history.endedAt) - execution.startedAt) / 1000;
      const parent = execution.workflow === 'release' ? execution : releases.find((r) => releaseOf(r).releaseId === waveOf(execution).releaseId);
      const pipeline = pipelineNamed(history, parent ? releaseOf(parent).pipeline : undefined);
      if (!pipeline) continue;
      const bound = execution.workflow === 'release' ? pipeline.releaseBoundSeconds : pipeline.waveBoundSeconds;
      if (took > bound) problems.push(`${execution.workflow} execution ${execution.name} took ${Math.round(took)} s, over its bound of ${bound} s`);
      if (execution.workflow !== 'release' && parent?.stoppedAt !== undefined && (execution.stoppedAt ?? history.endedAt) > parent.stoppedAt)
        problems.push(
          `wave execution ${execution.name} ended at ${formatTime(history, execution.stoppedAt)}, after its release ${parent.name} ended at ${formatTime(history, parent.stoppedAt)}`,
        );
    }
    return problems;
  },
};
