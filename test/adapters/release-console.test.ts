import { AutoScalingClient, CreateAutoScalingGroupCommand, DescribeInstanceRefreshesCommand, StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAccount } from '../../adapters/aws/caller-identity.ts';
import type { AwsTarget } from '../../adapters/aws/local-deployer-clients.ts';
import { ReleaseConsole, type ReleaseView } from '../../adapters/aws/release-console.ts';
import type { ReleaseInput } from '../../core/release/contracts.ts';
import { startTestCloud, type TestCloud } from '../local-cloud/harness.ts';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const OTHER_REGION = 'eu-west-1';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/test`;

const input = (pipeline: string, releaseId: string): ReleaseInput => ({ pipeline, releaseId, trigger: { kind: 'manual', detail: 'test' } });

describe('Adapter: release console', () => {
  let cloud: TestCloud;
  let target: AwsTarget;
  let releases: ReleaseConsole;
  let sfn: SFNClient;

  const machine = async (name: string, states: Record<string, unknown>, startAt: string): Promise<string> =>
    (await sfn.send(new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify({ StartAt: startAt, States: states }) })))
      .stateMachineArn as string;

  /** Polls (real time: executions run asynchronously even on a frozen clock) until the execution ends. */
  const ended = async (executionArn: string): Promise<ReleaseView> => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const release = await releases.describeRelease(executionArn);
      if (release.status !== 'RUNNING') return release;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${executionArn} did not end.`);
  };

  beforeAll(async () => {
    cloud = await startTestCloud();
    const config = cloud.config(REGION);
    target = { region: REGION, endpoint: config.endpoint, credentials: config.credentials };
    releases = new ReleaseConsole(target);
    sfn = new SFNClient(config);
  });
  afterAll(async () => {
    releases.destroy();
    sfn.destroy();
    await cloud.stop();
  });

  it('starts releases under their ids and lists a pipeline’s own, newest first, with their input', async () => {
    // Prepare
    const hold = await machine('hold', { Hold: { Type: 'Wait', Seconds: 31_536_000, End: true } }, 'Hold');
    const started: string[] = [];
    for (const [pipeline, releaseId] of [
      ['web', 'web-run-1'],
      ['webby', 'webby-run-1'],
      ['other', 'web-not-mine'],
      ['web', 'web-run-2'],
    ]) {
      started.push(await releases.startRelease(hold, input(pipeline, releaseId)));
      cloud.clock.advance(60_000);
    }
    // Act
    const listed = await releases.listReleases(hold, 'web');
    const limited = await releases.listReleases(hold, 'web', 1);
    // Assess
    expect(started[0]).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:execution:hold:web-run-1`);
    expect(listed.map((r) => [r.name, r.status, r.input?.pipeline])).toEqual([
      ['web-run-2', 'RUNNING', 'web'],
      ['web-run-1', 'RUNNING', 'web'],
    ]);
    expect(listed[0].executionArn).toBe(started[3]);
    expect(listed[0].startDate.getTime()).toBeGreaterThan(listed[1].startDate.getTime());
    expect(limited.map((r) => r.name)).toEqual(['web-run-2']);
  });

  it('answers whether an execution exists, and lets a missing state machine fail by its AWS name', async () => {
    // Prepare
    const hold = await machine('hold-2', { Hold: { Type: 'Wait', Seconds: 60, End: true } }, 'Hold');
    const executionArn = await releases.startRelease(hold, input('web', 'web-run-3'));
    // Act
    const exists = await releases.executionExists(executionArn);
    const missing = await releases.executionExists(`${executionArn}-missing`);
    const start = releases.startRelease(`${hold}-missing`, input('web', 'web-run-4'));
    // Assess
    expect([exists, missing]).toEqual([true, false]);
    await expect(start).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });

  it('reads an execution’s history as plain events: states, the child execution it started, and how it failed', async () => {
    // Prepare
    const child = await machine('wave', { Done: { Type: 'Pass', End: true } }, 'Done');
    const parent = await machine(
      'release',
      {
        'Roll Out Wave': {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: child, Input: {} },
          Next: 'Give Up',
        },
        'Give Up': { Type: 'Fail', Error: 'BuildFailedError', Cause: '{"errorMessage":"The build failed."}' },
      },
      'Roll Out Wave',
    );
    const executionArn = await releases.startRelease(parent, input('web', 'web-run-5'));
    const release = await ended(executionArn);
    // Act
    const events = await releases.executionHistory(executionArn);
    // Assess
    expect(release).toMatchObject({ name: 'web-run-5', status: 'FAILED', error: 'BuildFailedError', input: { pipeline: 'web' } });
    expect(events.filter((e) => /State(Entered|Exited)$/.test(e.type)).map((e) => [e.type, e.state])).toEqual([
      ['TaskStateEntered', 'Roll Out Wave'],
      ['TaskStateExited', 'Roll Out Wave'],
      ['FailStateEntered', 'Give Up'],
    ]);
    const submitted = events.find((e) => e.type === 'TaskSubmitted');
    expect(submitted?.childExecutionArn).toMatch(new RegExp(`^arn:aws:states:${REGION}:${ACCOUNT}:execution:wave:`));
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionFailed', error: 'BuildFailedError', cause: '{"errorMessage":"The build failed."}' });
    expect(events.every((e) => e.at === release.startDate.getTime())).toBe(true);
  });

  it('reads a channel in any region: its value, the one before that differed, and its history', async () => {
    // Prepare
    const ssm = new SSMClient(cloud.config(OTHER_REGION));
    for (const value of ['ami-11111111', 'ami-22222222', 'ami-22222222']) {
      await ssm.send(new PutParameterCommand({ Name: '/goldsmith/web/stable', Value: value, Type: 'String', Overwrite: true }));
    }
    ssm.destroy();
    // Act
    const stable = await releases.channelState(OTHER_REGION, '/goldsmith/web/stable');
    const elsewhere = await releases.channelState(REGION, '/goldsmith/web/stable');
    // Assess
    expect(stable).toMatchObject({
      region: OTHER_REGION,
      current: { value: 'ami-22222222', version: 3 },
      previous: { value: 'ami-11111111', version: 1 },
    });
    expect(stable.history.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(elsewhere).toEqual({ region: REGION, history: [] });
  });

  it('reads a launch template by name or id, and a missing one as having no versions', async () => {
    // Prepare
    const ec2 = new EC2Client(cloud.config(REGION));
    const created = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web', LaunchTemplateData: { ImageId: 'ami-11111111' } }));
    ec2.destroy();
    const id = created.LaunchTemplate?.LaunchTemplateId as string;
    // Act
    const states = await Promise.all([releases.launchTemplateState('web'), releases.launchTemplateState(id), releases.launchTemplateState('gone')]);
    // Assess
    expect(states).toEqual([{ name: 'web', defaultVersion: 1, latestVersion: 1 }, { name: id, defaultVersion: 1, latestVersion: 1 }, { name: 'gone' }]);
  });

  it('reads a group’s newest instance refresh, and none before the first', async () => {
    // Prepare
    const autoScaling = new AutoScalingClient(cloud.config(REGION));
    await autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'web-asg',
        LaunchTemplate: { LaunchTemplateName: 'web', Version: '1' },
        MinSize: 0,
        MaxSize: 1,
        AvailabilityZones: [`${REGION}a`],
      }),
    );
    const before = await releases.latestRefresh('web-asg');
    await autoScaling.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'web-asg' }));
    // Act
    const refresh = await releases.latestRefresh('web-asg');
    // Assess
    const described = (await autoScaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'web-asg' }))).InstanceRefreshes?.[0];
    autoScaling.destroy();
    expect(before).toBeUndefined();
    expect(described?.Status).toBeDefined();
    expect(refresh).toEqual({ status: described?.Status, percentageComplete: described?.PercentageComplete, statusReason: described?.StatusReason });
  });

  it('names the account a target’s credentials belong to, and fails when the target does not answer', async () => {
    // Act
    const account = await callerAccount(target);
    const unreachable = callerAccount({ ...target, endpoint: 'http://127.0.0.1:9' });
    // Assess
    expect(account).toBe(ACCOUNT);
    await expect(unreachable).rejects.toThrow(Error);
  });
});
