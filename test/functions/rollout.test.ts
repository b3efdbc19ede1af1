import { AutoScalingClient, CreateAutoScalingGroupCommand, DescribeInstanceRefreshesCommand } from '@aws-sdk/client-auto-scaling';
import { CreateLaunchTemplateCommand, DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '../../functions/lib/powertools.ts';
import { releaseConfigOf } from '../core/release/release-fixture.ts';
import { ACCOUNT, type FunctionCloud, failure, invoke, REGION, startFunctionCloud, waitingTask } from './function-harness.ts';

const config = releaseConfigOf();
const PIPELINE = config.pipelines[0].config.name;
const waves = config.pipelines[0].config.rollout.waves.map((wave) => wave.name);
/** What the wave's Map hands start-refresh for one group. */
const refreshOf = (releaseId: string, wave: string, autoScalingGroupName: string) => ({ releaseId, pipeline: PIPELINE, wave, autoScalingGroupName });
const refreshEvent = (kind: string, group: string, id: string) => ({
  version: '0',
  id: `evt-${Math.random()}`,
  'detail-type': `EC2 Auto Scaling Instance Refresh ${kind}`,
  source: 'aws.autoscaling',
  account: ACCOUNT,
  time: '2026-11-10T05:12:40Z',
  region: REGION,
  resources: [`arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:x:autoScalingGroupName/${group}`],
  detail: { InstanceRefreshId: id, AutoScalingGroupName: group },
});

describe('Handlers: rollout', () => {
  let fc: FunctionCloud;
  let ec2: EC2Client;
  let asg: AutoScalingClient;
  let roll: typeof import('../../functions/roll-launch-templates.ts').handler;
  let start: typeof import('../../functions/start-refresh.ts').handler;
  let waitForRefresh: typeof import('../../functions/wait-for-refresh.ts').handler;
  let onRefreshEvent: typeof import('../../functions/on-refresh-event.ts').handler;
  let reconcile: typeof import('../../functions/reconcile-refresh.ts').handler;
  let restore: typeof import('../../functions/restore-launch-templates.ts').handler;
  const image = () => fc.cloud.runtime.services.ec2.registerImage(ACCOUNT, REGION, { name: `golden-${Math.random()}` }).imageId;
  const template = async (name: string) => (await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [name] }))).LaunchTemplates?.[0];
  const refresh = async (group: string, id: string) =>
    (await asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: group, InstanceRefreshIds: [id] }))).InstanceRefreshes?.[0];
  const advance = async (seconds: number, step = 30) => {
    for (let done = 0; done < seconds; done += step) {
      fc.cloud.clock.advance(step * 1000);
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const now = () => new Date(fc.cloud.clock.now()).toISOString();

  beforeAll(async () => {
    fc = await startFunctionCloud(JSON.stringify(config));
    ec2 = new EC2Client(fc.sdk);
    asg = new AutoScalingClient(fc.sdk);
    for (const [name, groups] of [
      ['web-staging', ['web-staging']],
      ['web-production', ['web-production-a', 'web-production-b']],
    ] as const) {
      await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: name, LaunchTemplateData: { ImageId: image(), InstanceType: 't3.micro' } }));
      for (const group of groups) {
        await asg.send(
          new CreateAutoScalingGroupCommand({
            AutoScalingGroupName: group,
            MinSize: 0,
            MaxSize: 6,
            DesiredCapacity: 2,
            AvailabilityZones: [`${REGION}a`, `${REGION}b`],
            // A numbered version: Auto Scaling refuses AutoRollback for a group on $Default or $Latest.
            LaunchTemplate: { LaunchTemplateName: name, Version: '1' },
          }),
        );
      }
    }
    await advance(300);
    ({ handler: roll } = await import('../../functions/roll-launch-templates.ts'));
    ({ handler: start } = await import('../../functions/start-refresh.ts'));
    ({ handler: waitForRefresh } = await import('../../functions/wait-for-refresh.ts'));
    ({ handler: onRefreshEvent } = await import('../../functions/on-refresh-event.ts'));
    ({ handler: reconcile } = await import('../../functions/reconcile-refresh.ts'));
    ({ handler: restore } = await import('../../functions/restore-launch-templates.ts'));
  });
  afterAll(() => fc.stop());

  it('rolls a wave: a numbered version with the literal AMI made the default, then a refresh per group that completes the wave', async () => {
    // Prepare
    const ami = image();
    const task = await waitingTask(fc);
    // Act
    const rolled = await invoke(roll, { releaseId: 'r1', pipeline: PIPELINE, wave: waves[0], amis: [{ region: REGION, imageId: ami }] });
    const started = await invoke(start, refreshOf('r1', waves[0], rolled.groups[0]));
    const retried = await invoke(start, refreshOf('r1', waves[0], rolled.groups[0]));
    const waiting = await invoke(waitForRefresh, { taskToken: task.token, refresh: started });
    const progress = await invoke(reconcile, { refresh: started, boundSeconds: 14_400, waitSeconds: 600, checkedAt: now() });
    await advance(3 * 3600, 60);
    const final = await refresh('web-staging', started.instanceRefreshId);
    const completed = await invoke(onRefreshEvent, refreshEvent('Succeeded', 'web-staging', started.instanceRefreshId));
    const done = await invoke(reconcile, { refresh: started, boundSeconds: 14_400, waitSeconds: progress.waitSeconds, checkedAt: now() });
    // Assess
    expect(rolled.launchTemplates).toEqual([
      { region: REGION, launchTemplateId: (await template('web-staging'))?.LaunchTemplateId, version: 2, previousDefaultVersion: 1 },
    ]);
    expect((await template('web-staging'))?.DefaultVersionNumber).toBe(2);
    const { LaunchTemplateVersions } = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'web-staging', Versions: ['2'] }));
    expect(LaunchTemplateVersions?.[0].LaunchTemplateData).toMatchObject({ ImageId: ami, InstanceType: 't3.micro' });
    expect(retried).toEqual(started);
    expect(waiting.completion).toBe('waiting');
    expect(progress.done).toBe(false);
    expect(progress.waitSeconds).toBeGreaterThan(600);
    expect(final).toMatchObject({
      Status: 'Successful',
      DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: rolled.launchTemplates[0].launchTemplateId, Version: '2' } },
      Preferences: { CheckpointPercentages: [50, 100], SkipMatching: true, AutoRollback: true, MinHealthyPercentage: 90 },
    });
    expect(completed).toMatchObject({ action: 'completed', status: 'Successful' });
    expect(done).toMatchObject({ done: true, status: 'Successful' });
    expect(await task.ended()).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('restores the launch templates of a failed wave and rolls back its running refreshes', async () => {
    // Prepare
    const before = (await template('web-production'))?.DefaultVersionNumber;
    const rolled = await invoke(roll, { releaseId: 'r2', pipeline: PIPELINE, wave: waves[1], amis: [{ region: REGION, imageId: image() }] });
    const started = await Promise.all(rolled.groups.map((group) => invoke(start, refreshOf('r2', waves[1], group))));
    await advance(60);
    // Act
    const result = await invoke(restore, { releaseId: 'r2', waveName: 'production' });
    // Assess
    expect((await template('web-production'))?.DefaultVersionNumber).toBe(before);
    expect(result.restored).toEqual([{ region: REGION, launchTemplateId: rolled.launchTemplates[0].launchTemplateId, version: before }]);
    expect(result.refreshes.map((r) => r.action)).toEqual(['rolled-back', 'rolled-back']);
    for (const s of started) expect((await refresh(s.autoScalingGroupName, s.instanceRefreshId))?.Status).toMatch(/^Rollback/);
  });

  it('fails the waiting wave when an event says the refresh failed and Auto Scaling confirms it', async () => {
    // Prepare
    fc.cloud.setScenario({ refreshes: { 'web-staging': { failAtPercentage: 50 } } });
    const rolled = await invoke(roll, { releaseId: 'r3', pipeline: PIPELINE, wave: waves[0], amis: [{ region: REGION, imageId: image() }] });
    const started = await invoke(start, refreshOf('r3', waves[0], rolled.groups[0]));
    const task = await waitingTask(fc);
    await invoke(waitForRefresh, { taskToken: task.token, refresh: started });
    await advance(3 * 3600, 60);
    const status = (await refresh('web-staging', started.instanceRefreshId))?.Status as string;
    // Act
    await invoke(onRefreshEvent, refreshEvent(status === 'Failed' ? 'Failed' : 'Rollback Succeeded', 'web-staging', started.instanceRefreshId));
    // Assess
    expect(status).toMatch(/^(Failed|RollbackSuccessful)$/);
    expect(await task.ended()).toMatchObject({ status: 'FAILED', error: 'RefreshFailedError' });
    fc.cloud.setScenario({});
  });

  it('throws InvalidInputError naming the field, and changes nothing', async () => {
    // Prepare
    const before = (await template('web-staging'))?.LatestVersionNumber;
    // Act
    const [rolling, starting, event, restoring, reconciling] = await Promise.all([
      failure(invoke(roll, { releaseId: 'r4', pipeline: PIPELINE, wave: '', amis: [{ region: REGION, imageId: image() }] })),
      failure(invoke(start, { releaseId: 'r4', pipeline: PIPELINE, autoScalingGroupName: 'web-staging' })),
      failure(invoke(onRefreshEvent, { ...refreshEvent('Succeeded', 'web-staging', 'x'), 'detail-type': 'EC2 Auto Scaling Instance Refresh Exploded' })),
      failure(invoke(restore, { releaseId: 'r4' })),
      failure(invoke(reconcile, { refresh: { region: REGION }, boundSeconds: 1 })),
    ]);
    // Assess
    expect(rolling).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('wave:') });
    expect(starting).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('wave:') });
    expect(event).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('detail-type:') });
    expect(restoring).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('waveName:') });
    expect(reconciling).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('refresh.autoScalingGroupName:') });
    expect((await template('web-staging'))?.LatestVersionNumber).toBe(before);
  });

  it('throws InvalidInputError naming detail.AutoScalingGroupName for a group name longer than Auto Scaling allows', async () => {
    // Act
    const attempt = invoke(onRefreshEvent, refreshEvent('Succeeded', 'x'.repeat(200_000), 'c613620e-07e2-4ed2-a9e2-ef8258911ade'));
    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('detail.AutoScalingGroupName:') });
  });

  it('starts no second refresh when the step is retried after its refresh already succeeded', async () => {
    // Prepare
    const rolled = await invoke(roll, { releaseId: 'r5', pipeline: PIPELINE, wave: waves[0], amis: [{ region: REGION, imageId: image() }] });
    const started = await invoke(start, refreshOf('r5', waves[0], rolled.groups[0]));
    await advance(3 * 3600, 60);
    const ended = (await refresh('web-staging', started.instanceRefreshId))?.Status;
    // Act
    const retried = await invoke(start, refreshOf('r5', waves[0], rolled.groups[0]));
    // Assess
    expect(ended).toBe('Successful');
    expect(retried).toEqual(started);
    const all = (await asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'web-staging' }))).InstanceRefreshes ?? [];
    expect(all.filter((r) => r.DesiredConfiguration?.LaunchTemplate?.Version === String(rolled.launchTemplates[0].version))).toHaveLength(1);
  });

  it('starts no refresh once its wave was restored, with WaveRestoredError', async () => {
    // Prepare
    const rolled = await invoke(roll, { releaseId: 'r6', pipeline: PIPELINE, wave: waves[0], amis: [{ region: REGION, imageId: image() }] });
    await invoke(restore, { releaseId: 'r6', waveName: 'staging' });
    const before = (await asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'web-staging' }))).InstanceRefreshes ?? [];
    // Act
    const late = await failure(invoke(start, refreshOf('r6', waves[0], rolled.groups[0])));
    // Assess
    expect(late).toMatchObject({ name: 'WaveRestoredError' });
    const after = (await asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'web-staging' }))).InstanceRefreshes ?? [];
    expect(after).toHaveLength(before.length);
    expect(after.some((r) => r.DesiredConfiguration?.LaunchTemplate?.Version === String(rolled.launchTemplates[0].version))).toBe(false);
    expect((await template('web-staging'))?.DefaultVersionNumber).toBe(rolled.launchTemplates[0].previousDefaultVersion);
  });
  it('rolls the wave the config names, hands the Map only group names, and refuses a group or wave the config lacks', async () => {
    // Prepare
    const before = (await template('web-production'))?.LatestVersionNumber;
    // Act
    const rolled = await invoke(roll, { releaseId: 'r7', pipeline: PIPELINE, wave: waves[1], amis: [{ region: REGION, imageId: image() }] });
    const [strangerGroup, unknownWave, unrolled] = await Promise.all([
      failure(invoke(start, refreshOf('r7', waves[1], 'web-staging'))),
      failure(invoke(roll, { releaseId: 'r7', pipeline: PIPELINE, wave: 'canary', amis: [{ region: REGION, imageId: image() }] })),
      failure(invoke(start, refreshOf('r8', waves[1], 'web-production-a'))),
    ]);
    // Assess
    expect(rolled.groups).toEqual(['web-production-a', 'web-production-b']);
    expect((await template('web-production'))?.LatestVersionNumber).toBe((before ?? 0) + 1);
    expect(strangerGroup).toMatchObject({ name: 'UnknownWaveError', message: expect.stringContaining("with group 'web-staging'") });
    expect(unknownWave).toMatchObject({ name: 'UnknownWaveError', message: expect.stringContaining("no wave 'canary'") });
    expect(unrolled).toMatchObject({ name: 'RolloutRecordMissingError' });
    const refreshes = (await asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'web-production-a' }))).InstanceRefreshes ?? [];
    expect(refreshes.some((r) => r.DesiredConfiguration?.LaunchTemplate?.Version === String((before ?? 0) + 1))).toBe(false);
  });

  it('ignores a refresh event of a group no wave rolls, logs why at debug, and leaves the waiting wave alone', async () => {
    // Prepare
    const task = await waitingTask(fc);
    const ours = { region: REGION, autoScalingGroupName: 'web-staging', instanceRefreshId: '0c6a8a56-5b0e-4d47-9a1e-6f2f3d5a9b10' };
    await invoke(waitForRefresh, { taskToken: task.token, refresh: ours });
    const debug = vi.spyOn(logger, 'debug');
    // Act
    const result = await invoke(onRefreshEvent, refreshEvent('Succeeded', 'payments-team-asg', 'f1a2b3c4-0000-4000-8000-000000000001'));
    // Assess
    expect(result).toEqual({ action: 'ignored', reason: 'no wave waits on this refresh' });
    expect(debug).toHaveBeenCalledWith('Ignored an instance refresh event', { group: 'payments-team-asg', reason: 'no wave waits on this refresh' });
    const waiting = await new SFNClient(fc.sdk).send(new DescribeExecutionCommand({ executionArn: task.executionArn }));
    expect(waiting.status).toBe('RUNNING');
    debug.mockRestore();
  });
});
