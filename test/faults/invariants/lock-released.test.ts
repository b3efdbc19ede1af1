import { describe, expect, it } from 'vitest';
import { healthyRelease, RELEASE_ARN } from '../history-fixture.ts';
import { lockReleased } from './lock-released.ts';

describe('Invariant: lock-released', () => {
  it('passes a release that released its lock', () => {
    // Prepare
    const history = healthyRelease();

    // Act
    const problems = lockReleased.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a lock left by a finished release, and a release that skipped Release Lock', () => {
    // Prepare
    const history = healthyRelease();
    history.tables.release.push({ pk: 'PIPELINE#web', sk: 'LOCK', pipeline: 'web', holder: RELEASE_ARN });
    history.executions[0].states = history.executions[0].states.filter((s) => s.name !== 'Release Lock');

    // Act
    const problems = lockReleased.check(history);

    // Assess
    expect(problems).toEqual([
      'the lock of web is still held by web-req-1, which SUCCEEDED',
      'release web-req-1 SUCCEEDED without going through a Release Lock step',
    ]);
  });
});
