import { describe, expect, it } from 'vitest';
import { at, healthyRelease, releaseExecution } from '../history-fixture.ts';
import { oneReleaseAtATime } from './one-release-at-a-time.ts';

const second = (overrides = {}) =>
  releaseExecution({
    arn: 'arn:aws:states:us-east-1:123456789012:execution:acme-release:web-req-2',
    name: 'web-req-2',
    input: { pipeline: 'web', releaseId: 'web-req-2', trigger: { kind: 'requested' } },
    startedAt: at(100),
    stoppedAt: at(102),
    states: [
      { name: 'Plan Release', enteredAt: at(100), exitedAt: at(101) },
      {
        name: 'Already Running',
        enteredAt: at(101),
        exitedAt: at(101),
        input: { failure: { Error: 'ReleaseInProgressError', Cause: 'web is being released by web-req-1' } },
      },
    ],
    ...overrides,
  });

describe('Invariant: one-release-at-a-time', () => {
  it('passes a second trigger that exited as already running, with its reason', () => {
    // Prepare
    const history = healthyRelease();
    history.executions.push(second());

    // Act
    const problems = oneReleaseAtATime.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports two releases of one pipeline that ran together', () => {
    // Prepare
    const history = healthyRelease();
    history.executions.push(
      second({ states: [{ name: 'Plan Release', enteredAt: at(100), exitedAt: at(101), output: { action: 'build' } }], stoppedAt: at(500) }),
    );

    // Act
    const problems = oneReleaseAtATime.check(history);

    // Assess
    expect(problems).toEqual(['releases web-req-1 and web-req-2 of web ran together from t+101s to t+500s']);
  });

  it('reports a release that exited as already running without a reason', () => {
    // Prepare
    const history = healthyRelease();
    history.executions.push(second({ states: [{ name: 'Already Running', enteredAt: at(101), exitedAt: at(101), input: {} }] }));

    // Act
    const problems = oneReleaseAtATime.check(history);

    // Assess
    expect(problems).toEqual(['release web-req-2 exited as already running without saying why']);
  });
});
