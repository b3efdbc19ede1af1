import { describe, expect, it } from 'vitest';
import { at, effect, healthyRelease, waveExecution } from '../history-fixture.ts';
import { failedWaveRestores } from './failed-wave-restores.ts';

function failedWave() {
  const history = healthyRelease();
  history.pipelines[0].waves.push({ name: 'production', targets: [{ launchTemplate: 'web-production', groups: ['web-production'] }] });
  history.executions[1].status = 'FAILED';
  history.executions[0].status = 'FAILED';
  history.parameterWrites.pop();
  return history;
}

describe('Invariant: failed-wave-restores', () => {
  it('passes a failed wave whose template got its previous default back', () => {
    // Prepare
    const history = failedWave();
    history.effects.push(
      effect({ service: 'ec2', operation: 'ModifyLaunchTemplate', at: at(690), input: { LaunchTemplateName: 'web-staging', DefaultVersion: '1' } }),
    );

    // Act
    const problems = failedWaveRestores.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a failed wave that left its new default version', () => {
    // Prepare
    const history = failedWave();

    // Act
    const problems = failedWaveRestores.check(history);

    // Assess
    expect(problems).toEqual(['wave web-req-1-w0 FAILED at t+700s but launch template web-staging has default version 2, not 1 as before the wave']);
  });

  it('reports a later wave started after a failed one', () => {
    // Prepare
    const history = failedWave();
    history.effects.push(
      effect({ service: 'ec2', operation: 'ModifyLaunchTemplate', at: at(690), input: { LaunchTemplateName: 'web-staging', DefaultVersion: '1' } }),
    );
    history.executions.push(
      waveExecution({
        arn: 'arn:aws:states:us-east-1:123456789012:execution:acme-rollout-wave:web-req-1-w1',
        name: 'web-req-1-w1',
        input: { releaseId: 'web-req-1', pipeline: 'web', wave: 'production' },
        startedAt: at(710),
        stoppedAt: at(800),
      }),
    );

    // Act
    const problems = failedWaveRestores.check(history);

    // Assess
    expect(problems).toEqual(["wave 'production' of release web-req-1 started after wave 'staging' failed"]);
  });
});
