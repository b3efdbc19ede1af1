import { describe, expect, it } from 'vitest';
import { rolloutWaveWorkflow } from '../../statemachines/index.ts';
import { named, runPaths, type TaskHandler } from './release-paths.ts';

const input = {
  releaseId: 'r1',
  pipeline: 'web-server',
  wave: 'canary',
  amis: [{ region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa' }],
  bounds: { buildSeconds: 3600, waitSeconds: 600, refreshSeconds: 3600, waveSeconds: 6000 },
};
const refresh = { autoScalingGroupName: 'web-canary', instanceRefreshId: 'refresh-1', region: 'eu-central-1' };

/** A wave of one group whose refresh fails at its checkpoint. */
function failingRefresh(): Record<string, TaskHandler> {
  return {
    'Roll Launch Templates': () => ({ templates: [], groups: ['web-canary'] }),
    'Start Refresh': () => refresh,
    'Wait For Refresh': () => {
      throw named('RefreshFailedError', 'The instance refresh refresh-1 of web-canary ended Failed.');
    },
    'Restore Launch Templates': () => ({}),
  };
}

describe('State machine: rollout wave', () => {
  it('restores the launch templates of a failed wave and fails with the refresh error', async () => {
    // Act
    const run = await runPaths(rolloutWaveWorkflow, input, failingRefresh());
    // Assess
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('RefreshFailedError');
    expect(run.calls.get('Restore Launch Templates')).toEqual([{ releaseId: 'r1', waveName: 'canary' }]);
  });

  it('fails with RestoreFailedError, naming both errors, when restoring the templates fails for good', async () => {
    // Prepare
    const handlers = {
      ...failingRefresh(),
      'Restore Launch Templates': () => {
        throw named('UnauthorizedOperation', 'You are not authorized to perform this operation.');
      },
    };
    // Act
    const run = await runPaths(rolloutWaveWorkflow, input, handlers);
    // Assess
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('RestoreFailedError');
    expect(run.cause).toContain('The wave failed (RefreshFailedError), and restoring its launch templates failed too (UnauthorizedOperation:');
    expect(run.cause).toContain('check each launch template of the wave');
  });
});
