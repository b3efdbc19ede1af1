import { describe, expect, it } from 'vitest';
import { at, healthyRelease } from '../history-fixture.ts';
import { terminalWithinBounds } from './terminal-within-bounds.ts';

describe('Invariant: terminal-within-bounds', () => {
  it('passes executions that ended within their bounds', () => {
    // Prepare
    const history = healthyRelease();

    // Act
    const problems = terminalWithinBounds.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports an execution still running and one over its bound', () => {
    // Prepare
    const history = healthyRelease();
    history.executions[0].status = 'RUNNING';
    history.executions[0].stoppedAt = undefined;
    history.executions[1].stoppedAt = at(25_000);
    history.endedAt = at(30_000);

    // Act
    const problems = terminalWithinBounds.check(history);

    // Assess
    expect(problems).toEqual([
      'release execution web-req-1 is still RUNNING at t+30000s',
      'rollout-wave execution web-req-1-w0 took 24600 s, over its bound of 20000 s',
    ]);
  });

  it('reports a wave that outlived its release, and a runner that timed out', () => {
    // Prepare
    const history = healthyRelease();
    history.executions[1].stoppedAt = at(950);
    history.runner = { timedOut: true, realMs: 120_000 };

    // Act
    const problems = terminalWithinBounds.check(history);

    // Assess
    expect(problems).toEqual([
      "the scenario did not come to rest within the runner's real-time bound (120 s)",
      'wave execution web-req-1-w0 ended at t+950s, after its release web-req-1 ended at t+900s',
    ]);
  });
});
