import { describe, expect, it } from 'vitest';
import { releaseWorkflow } from '../../statemachines/index.ts';
import { named, runPaths, type TaskHandler } from './release-paths.ts';

const REGION = 'eu-central-1';
const IMAGE = 'arn:aws:imagebuilder:eu-central-1:123456789012:image/acme-platform-web-server/1.0.0/1';
const amis = [{ region: REGION, imageId: 'ami-0aaaaaaaaaaaaaaaa' }];
const input = { pipeline: 'web-server', releaseId: 'r1', trigger: { kind: 'scheduled' } };
const plan = {
  action: 'build',
  reason: 'First release',
  clientToken: '00000000-0000-0000-0000-000000000000',
  imagePipelineArn: 'arn:aws:imagebuilder:eu-central-1:123456789012:image-pipeline/acme-platform-web-server',
  validation: {
    findingThresholds: { critical: 0 },
    smokeTest: { commands: ['true'], instanceType: 't3.micro', timeoutSeconds: 300, documentName: 'AWS-RunShellScript' },
  },
  approval: { required: false, timeoutSeconds: 3600 },
  channels: { candidate: '/goldsmith/web-server/candidate', stable: '/goldsmith/web-server/stable' },
  waves: [],
  bounds: { buildSeconds: 3600, waitSeconds: 600, refreshSeconds: 3600, waveSeconds: 6000 },
};
const instance = { instanceId: 'i-0123456789abcdef0', region: REGION };

/** What publish-channel returns for a fresh write, and what verify-channel returns after `reads` read-backs. */
function publication(parameterName: string, verified: boolean, reads = 0) {
  return { parameterName, regions: [{ region: REGION, imageId: amis[0].imageId, version: 2, verified }], verified, reads };
}
/** verify-channel: verified on its nth read-back. */
function verifiedOnRead(n: number): TaskHandler {
  return (input: { parameterName: string; reads: number }) => publication(input.parameterName, input.reads + 1 >= n, input.reads + 1);
}

/** Every Task of a release that builds, validates and publishes, each answering as it does when all goes well. */
function happyPath(): Record<string, TaskHandler> {
  return {
    'Plan Release': () => plan,
    'Start Build': () => ({ imageBuildVersionArn: IMAGE }),
    'Notify Started': () => ({}),
    'Wait For Image': () => ({ imageBuildVersionArn: IMAGE, status: 'AVAILABLE', amis }),
    'Gate Findings': () => ({ counts: {} }),
    'Launch Test Instance': () => instance,
    'Check Test Instance': () => ({ ...instance, ready: true }),
    'Run Smoke Tests': () => ({ ...instance, commandId: 'c1' }),
    'Check Smoke Tests': () => ({ ...instance, commandId: 'c1', done: true, status: 'Success' }),
    'Terminate Test Instance': () => ({ terminated: [instance.instanceId] }),
    'Terminate Test Instances': () => ({ terminated: [] }),
    'Publish Candidate': () => publication(plan.channels.candidate, false),
    'Verify Candidate': verifiedOnRead(1),
    'Promote Stable': () => publication(plan.channels.stable, false),
    'Verify Stable': verifiedOnRead(1),
    'Emit Image Published': () => ({}),
    'Notify Success': () => ({}),
    'Retire Images': () => ({}),
    'Release Lock': () => ({}),
    'Reject Image': () => ({}),
    'Notify Failure': () => ({}),
    'Release Lock After Failure': () => ({}),
  };
}

describe('State machine: release', () => {
  it('builds, validates with a terminated test instance, publishes and frees the lock', async () => {
    // Act
    const run = await runPaths(releaseWorkflow, input, happyPath());
    // Assess
    expect(run.status).toBe('SUCCEEDED');
    expect(run.calls.get('Terminate Test Instance')).toEqual([{ releaseId: 'r1', region: REGION }]);
    expect(run.calls.has('Reject Image')).toBe(false);
    expect(run.calls.get('Release Lock')).toHaveLength(1);
  });

  it('reconciles a lost image event with the wait each reconcile returns, then validates the reconciled image', async () => {
    // Prepare
    const pending = [
      { imageBuildVersionArn: IMAGE, status: 'PENDING', waitSeconds: 1800 },
      { imageBuildVersionArn: IMAGE, status: 'PENDING', waitSeconds: 5400 },
    ];
    const handlers = {
      ...happyPath(),
      'Wait For Image': () => {
        throw named('States.Timeout', 'The task timed out.');
      },
      'Reconcile Image': () => pending.shift() ?? { imageBuildVersionArn: IMAGE, status: 'AVAILABLE', amis },
    };
    // Act
    const run = await runPaths(releaseWorkflow, input, handlers);
    // Assess
    expect(run.status).toBe('SUCCEEDED');
    expect(run.calls.get('Reconcile Image')).toEqual([
      expect.objectContaining({ waitSeconds: plan.bounds.waitSeconds, boundSeconds: plan.bounds.buildSeconds }),
      expect.objectContaining({ waitSeconds: 1800 }),
      expect.objectContaining({ waitSeconds: 5400 }),
    ]);
    expect(run.entered.filter((state) => state === 'Wait For Image')).toHaveLength(3);
    expect(run.calls.get('Gate Findings')).toEqual([expect.objectContaining({ imageBuildVersionArn: IMAGE })]);
  });

  it('sweeps the test instances by tag when terminating the smoke test instance fails, and rejects the image', async () => {
    // Prepare
    const handlers = {
      ...happyPath(),
      'Terminate Test Instance': () => {
        throw named('UnauthorizedOperation', 'You are not authorized to perform this operation.');
      },
    };
    // Act
    const run = await runPaths(releaseWorkflow, input, handlers);
    // Assess
    expect(run.calls.get('Terminate Test Instances')).toEqual([{ releaseId: 'r1', region: REGION }]);
    expect(run.calls.get('Reject Image')).toEqual([expect.objectContaining({ reason: 'UnauthorizedOperation' })]);
    expect(run.calls.has('Publish Candidate')).toBe(false);
    expect(run.calls.get('Release Lock After Failure')).toHaveLength(1);
    expect(run).toMatchObject({ status: 'FAILED', error: 'UnauthorizedOperation' });
  });

  it('terminates the test instance by tag when the launch step fails after launching, while the findings branch fails too', async () => {
    // Prepare
    const handlers = {
      ...happyPath(),
      'Gate Findings': () => {
        throw named('ValidationGateError', 'Image has 3 critical findings.');
      },
      'Launch Test Instance': () => {
        throw named('Sandbox.Timedout', 'Task timed out after 120 seconds');
      },
    };
    // Act
    const run = await runPaths(releaseWorkflow, input, handlers);
    // Assess
    expect(run.calls.get('Launch Test Instance')).toHaveLength(7);
    expect(run.calls.get('Terminate Test Instances')).toEqual([{ releaseId: 'r1', region: REGION }]);
    expect(run.calls.get('Reject Image')).toEqual([expect.objectContaining({ reason: 'ValidationGateError' })]);
    expect(run).toMatchObject({ status: 'FAILED', error: 'ValidationGateError' });
  });
  it('waits between read-backs of the candidate until it is verified, then rolls out', async () => {
    // Prepare
    const handlers = { ...happyPath(), 'Verify Candidate': verifiedOnRead(3) };
    // Act
    const run = await runPaths(releaseWorkflow, input, handlers);
    // Assess
    expect(run.status).toBe('SUCCEEDED');
    const { parameterName, regions } = publication(plan.channels.candidate, false);
    expect(run.calls.get('Verify Candidate')).toEqual([0, 1, 2].map((reads) => ({ pipeline: 'web-server', parameterName, regions, reads })));
    const entered = run.entered.filter((state) => /Candidate|Start Rollout/.test(state));
    expect(entered).toEqual([
      'Publish Candidate',
      ...Array(3).fill(['Candidate Verified?', 'Wait For Candidate', 'Verify Candidate']).flat(),
      'Candidate Verified?',
      'Start Rollout',
    ]);
  });

  it('reads nothing back when the channels already pointed at the AMI (a retried release)', async () => {
    // Prepare
    const handlers = {
      ...happyPath(),
      'Publish Candidate': () => publication(plan.channels.candidate, true),
      'Promote Stable': () => publication(plan.channels.stable, true),
    };
    // Act
    const run = await runPaths(releaseWorkflow, input, handlers);
    // Assess
    expect(run.status).toBe('SUCCEEDED');
    expect(run.calls.has('Verify Candidate')).toBe(false);
    expect(run.calls.has('Verify Stable')).toBe(false);
    expect(run.entered).not.toContain('Wait For Stable');
  });

  it('fails the release when the candidate does not read back, and never promotes stable', async () => {
    // Prepare
    const handlers = {
      ...happyPath(),
      'Verify Candidate': () => {
        throw named('ChannelVerificationError', 'The channel parameter reads nothing instead of the AMI after the write.');
      },
    };
    // Act
    const run = await runPaths(releaseWorkflow, input, handlers);
    // Assess
    expect(run).toMatchObject({ status: 'FAILED', error: 'ChannelVerificationError' });
    expect(run.calls.get('Notify Failure')).toHaveLength(1);
    expect(run.calls.get('Release Lock After Failure')).toHaveLength(1);
    expect(run.calls.has('Promote Stable')).toBe(false);
  });

  it('retries a read-back that Lambda failed to run, and fails the release before the event when stable does not read back', async () => {
    // Prepare
    let failures = 1;
    const handlers = {
      ...happyPath(),
      'Verify Candidate': (taskInput: { parameterName: string; reads: number }) => {
        if (failures-- > 0) throw named('Lambda.ServiceException', 'Lambda is unavailable.');
        return verifiedOnRead(1)(taskInput);
      },
      'Verify Stable': () => {
        throw named('ChannelVerificationError', 'The channel parameter reads another AMI after the write.');
      },
    };
    // Act
    const run = await runPaths(releaseWorkflow, input, handlers);
    // Assess
    expect(run.calls.get('Verify Candidate')).toHaveLength(2);
    expect(run).toMatchObject({ status: 'FAILED', error: 'ChannelVerificationError' });
    expect(run.calls.has('Emit Image Published')).toBe(false);
    expect(run.calls.has('Notify Success')).toBe(false);
    expect(run.calls.get('Notify Failure')).toHaveLength(1);
  });
});
