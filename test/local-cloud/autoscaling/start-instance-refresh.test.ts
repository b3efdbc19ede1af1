import { StartInstanceRefreshCommand, type StartInstanceRefreshCommandInput, UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, idsOf, startAsgTestCloud, type Template, versionsOf } from './asg-test-cloud.ts';

describe('Auto Scaling: StartInstanceRefresh', () => {
  let t: AsgTestCloud;
  let lt: Template;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    lt = await t.createTemplate();
    await t.createGroup({ AutoScalingGroupName: 'refresh-refused', DesiredCapacity: 0, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
  });
  afterAll(() => t.cloud.stop());

  /** Samples the group every `every` seconds until the refresh ends, returning what was seen. */
  async function watch(group: string, id: string, every: number) {
    const samples: Array<{ total: number; inService: number }> = [];
    for (let i = 0; i < 200; i++) {
      const g = await t.group(group);
      samples.push({ total: g.Instances?.length ?? 0, inService: g.Instances?.filter((x) => x.LifecycleState === 'InService').length ?? 0 });
      const status = (await t.refresh(group, id)).Status;
      if (status !== 'Pending' && status !== 'InProgress') break;
      await t.advance(every);
    }
    return samples;
  }

  it('replaces every instance from the desired launch template version in batches that keep MinHealthyPercentage in service', async () => {
    // Prepare
    const before = await t.createGroup({
      AutoScalingGroupName: 'refresh-rolling',
      MinSize: 4,
      DesiredCapacity: 4,
      LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' },
    });
    await t.advance(120);
    const started = t.cloud.clock.now();
    // Act
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'refresh-rolling',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
        Preferences: { MinHealthyPercentage: 50, InstanceWarmup: 30 },
      }),
    );
    const samples = await watch('refresh-rolling', InstanceRefreshId as string, 30);
    // Assess
    const after = await t.group('refresh-rolling');
    expect(idsOf(after)).toHaveLength(4);
    expect(idsOf(after).filter((id) => idsOf(before).includes(id))).toEqual([]);
    expect(versionsOf(before)).toEqual(['1', '1', '1', '1']);
    expect(versionsOf(after)).toEqual(['2', '2', '2', '2']);
    expect(after.LaunchTemplate).toEqual({ LaunchTemplateId: lt.id, LaunchTemplateName: lt.name, Version: '2' });
    expect(Math.min(...samples.map((s) => s.inService))).toBe(2);
    expect(Math.max(...samples.map((s) => s.total))).toBe(4);
    const refresh = await t.refresh('refresh-rolling', InstanceRefreshId as string);
    expect(refresh).toMatchObject({ Status: 'Successful', PercentageComplete: 100, InstancesToUpdate: 0, StartTime: new Date(started) });
    // Two batches of two, each 120 s to pass health checks and 30 s of warm-up.
    expect(refresh.EndTime).toEqual(new Date(started + 2 * 150_000));
    const reservations = await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: idsOf(after) }));
    expect(new Set(reservations.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.ImageId))).toEqual(new Set([lt.images[1]]));
    expect(t.refreshEvents('refresh-rolling')).toEqual([
      ['Started', { InstanceRefreshId, AutoScalingGroupName: 'refresh-rolling' }],
      ['Succeeded', { InstanceRefreshId, AutoScalingGroupName: 'refresh-rolling' }],
    ]);
  });

  it('launches replacements before terminating with MaxHealthyPercentage above 100', async () => {
    // Prepare
    const before = await t.createGroup({
      AutoScalingGroupName: 'refresh-launch-first',
      DesiredCapacity: 2,
      LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' },
    });
    await t.advance(120);
    // Act
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'refresh-launch-first',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
        Preferences: { MinHealthyPercentage: 100, MaxHealthyPercentage: 150 },
      }),
    );
    const samples = await watch('refresh-launch-first', InstanceRefreshId as string, 30);
    // Assess
    expect(Math.min(...samples.map((s) => s.inService))).toBe(2);
    expect(Math.max(...samples.map((s) => s.total))).toBe(3);
    const after = await t.group('refresh-launch-first');
    expect(versionsOf(after)).toEqual(['2', '2']);
    expect(idsOf(after).filter((id) => idsOf(before).includes(id))).toEqual([]);
  });

  it('skips instances already on the desired configuration with SkipMatching', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'refresh-skip', DesiredCapacity: 2, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    await t.asg.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'refresh-skip',
        LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' },
        DesiredCapacity: 4,
      }),
    );
    const before = await t.group('refresh-skip');
    const onDesired = before.Instances?.filter((i) => i.LaunchTemplate?.Version === '2').map((i) => i.InstanceId);
    // Act
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'refresh-skip',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
        Preferences: { SkipMatching: true, MinHealthyPercentage: 50 },
      }),
    );
    const starting = await t.refresh('refresh-skip', InstanceRefreshId as string);
    await watch('refresh-skip', InstanceRefreshId as string, 60);
    // Assess
    expect(starting.InstancesToUpdate).toBe(2);
    const after = await t.group('refresh-skip');
    expect(versionsOf(after)).toEqual(['2', '2', '2', '2']);
    expect(idsOf(after)).toEqual(expect.arrayContaining(onDesired as string[]));
    expect((await t.refresh('refresh-skip', InstanceRefreshId as string)).Status).toBe('Successful');
  });

  it('waits for BakeTime in Baking before it succeeds', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'refresh-bake', DesiredCapacity: 1, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    // Act
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'refresh-bake',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
        Preferences: { BakeTime: 300 },
      }),
    );
    await t.advance(120);
    const baking = await t.refresh('refresh-bake', InstanceRefreshId as string);
    await t.advance(300);
    // Assess
    expect(baking).toMatchObject({ Status: 'Baking', PercentageComplete: 100 });
    expect((await t.refresh('refresh-bake', InstanceRefreshId as string)).Status).toBe('Successful');
    expect(t.refreshEvents('refresh-bake').map(([type]) => type)).toEqual(['Started', 'Succeeded']);
  });

  it.each([
    ['Ignore', 0, ['1', '1']],
    ['Refresh', 2, ['2', '2']],
  ])('treats instances protected from scale in as ScaleInProtectedInstances %s says', async (mode, toUpdate, versions) => {
    // Prepare
    const name = `refresh-protected-${mode}`;
    await t.createGroup({
      AutoScalingGroupName: name,
      DesiredCapacity: 2,
      NewInstancesProtectedFromScaleIn: true,
      LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' },
    });
    // Act
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: name,
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
        Preferences: { MinHealthyPercentage: 50, ScaleInProtectedInstances: mode as 'Ignore' | 'Refresh' },
      }),
    );
    const starting = await t.refresh(name, InstanceRefreshId as string);
    await t.advance(600, 60);
    // Assess
    expect(starting.InstancesToUpdate).toBe(toUpdate);
    expect((await t.refresh(name, InstanceRefreshId as string)).Status).toBe('Successful');
    expect(versionsOf(await t.group(name))).toEqual(versions);
  });

  it('fails after waiting an hour for instances protected from scale in with ScaleInProtectedInstances Wait', async () => {
    // Prepare
    await t.createGroup({
      AutoScalingGroupName: 'refresh-protected-wait',
      DesiredCapacity: 1,
      NewInstancesProtectedFromScaleIn: true,
      LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' },
    });
    // Act
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'refresh-protected-wait',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
      }),
    );
    await t.advance(3599);
    const waiting = await t.refresh('refresh-protected-wait', InstanceRefreshId as string);
    await t.advance(1);
    // Assess
    expect(waiting.Status).toBe('InProgress');
    expect((await t.refresh('refresh-protected-wait', InstanceRefreshId as string)).Status).toBe('Failed');
  });

  it('fails the refresh when EC2 refuses to launch a replacement', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'refresh-no-capacity', DesiredCapacity: 2, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    t.cloud.setScenario({
      api: [
        {
          service: 'ec2',
          operation: 'RunInstances',
          error: 'InsufficientInstanceCapacity',
          message: 'We currently do not have sufficient capacity.',
          times: 1,
        },
      ],
    });
    // Act
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'refresh-no-capacity',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
      }),
    );
    await t.advance(30);
    t.cloud.setScenario({});
    // Assess
    const refresh = await t.refresh('refresh-no-capacity', InstanceRefreshId as string);
    expect(refresh).toMatchObject({ Status: 'Failed', StatusReason: 'Instance refresh failed: We currently do not have sufficient capacity.' });
    expect(t.refreshEvents('refresh-no-capacity').map(([type]) => type)).toEqual(['Started', 'Failed']);
    expect((await t.group('refresh-no-capacity')).Instances).toHaveLength(2);
  });

  it('refuses a second refresh while one is in progress with InstanceRefreshInProgressFault', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'refresh-twice', DesiredCapacity: 1, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    await t.asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'refresh-twice' }));
    // Act
    const call = t.asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'refresh-twice' }));
    // Assess
    await expectAsgError(
      call,
      'InstanceRefreshInProgressFault',
      'An Instance Refresh is already in progress and blocks the execution of this Instance Refresh.',
    );
  });

  it.each([
    ['$Default', '2'],
    ['1', '$Latest'],
  ])('refuses AutoRollback when the group uses version %s and the desired configuration %s', async (groupVersion, desiredVersion) => {
    // Prepare
    const name = `refresh-unversioned-${groupVersion.replace('$', '')}`;
    await t.createGroup({ AutoScalingGroupName: name, DesiredCapacity: 1, LaunchTemplate: { LaunchTemplateId: lt.id, Version: groupVersion } });
    // Act
    const call = t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: name,
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: desiredVersion } },
        Preferences: { AutoRollback: true },
      }),
    );
    // Assess
    await expectAsgError(
      call,
      'ValidationError',
      "The request isn't valid. The AutoRollback parameter cannot be set to true when the Auto Scaling group or the desired configuration uses the $Latest or $Default launch template version. Specify a launch template version number and try again.",
    );
    expect(t.refreshEvents(name)).toEqual([]);
  });

  it('refuses AutoRollback when the launch template takes its AMI from a Systems Manager parameter', async () => {
    // Prepare
    const ssm = await t.createTemplate({ imageIdOfVersion3: 'resolve:ssm:/golden/web/candidate' });
    await t.createGroup({ AutoScalingGroupName: 'refresh-ssm', DesiredCapacity: 0, LaunchTemplate: { LaunchTemplateId: ssm.id, Version: '1' } });
    // Act
    const call = t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'refresh-ssm',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: ssm.id, Version: '3' } },
        Preferences: { AutoRollback: true },
      }),
    );
    // Assess
    await expectAsgError(
      call,
      'ValidationError',
      "The request isn't valid. The AutoRollback parameter cannot be set to true when the launch template uses a Systems Manager parameter instead of an AMI ID for the ImageId property. Specify an AMI ID and try again.",
    );
  });

  it.each<[Partial<StartInstanceRefreshCommandInput>, string]>([
    [
      { Preferences: { AutoRollback: true } },
      "The request isn't valid. The AutoRollback parameter cannot be set to true when the DesiredConfiguration parameter is empty. Set AutoRollback to false or specify a desired configuration and try again.",
    ],
    [
      { Preferences: { MinHealthyPercentage: 150, InstanceWarmup: -1 } },
      "2 validation errors detected: Value '150' at 'preferences.minHealthyPercentage' failed to satisfy constraint: Member must have value less than or equal to 100; Value '-1' at 'preferences.instanceWarmup' failed to satisfy constraint: Member must have value greater than or equal to 0",
    ],
    [{ Preferences: { CheckpointPercentages: [50, 20, 100] } }, 'The checkpoint percentages must be unique and in ascending order.'],
    [
      { Preferences: { MinHealthyPercentage: 90, MaxHealthyPercentage: 200 } },
      'The MaxHealthyPercentage minus the MinHealthyPercentage cannot be greater than 100.',
    ],
    [{ AutoScalingGroupName: 'refresh-missing' }, "AutoScalingGroup name not found - AutoScalingGroup 'refresh-missing' not found"],
  ])('refuses %j with ValidationError', async (overrides, message) => {
    // Act
    const call = t.asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'refresh-refused', ...overrides }));
    // Assess
    await expectAsgError(call, 'ValidationError', message);
    expect(t.refreshEvents('refresh-refused')).toEqual([]);
  });
});
