import { describe, expect, it } from 'vitest';
import { healthyRelease, NEW_AMI } from '../history-fixture.ts';
import { testInstancesTerminated } from './test-instances-terminated.ts';

describe('Invariant: test-instances-terminated', () => {
  it('passes when the test instance was terminated and group instances run on', () => {
    // Prepare
    const history = healthyRelease();

    // Act
    const problems = testInstancesTerminated.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a test instance left running', () => {
    // Prepare
    const history = healthyRelease();
    history.instances[0].state = 'running';

    // Act
    const problems = testInstancesTerminated.check(history);

    // Assess
    expect(problems).toEqual([`test instance i-0000000000000test (from ${NEW_AMI}) is running, not terminated`]);
  });
});
