import { StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, idsOf, startAsgTestCloud, type Template, versionsOf } from './asg-test-cloud.ts';

describe('Auto Scaling: instance refresh checkpoints and failures', () => {
  let t: AsgTestCloud;
  let lt: Template;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    t.cloud.setScenario({ refreshes: { 'fail-plain': { failAtPercentage: 50 }, 'fail-rollback': { failAtPercentage: 50 } } });
    lt = await t.createTemplate();
  });
  afterAll(() => t.cloud.stop());

  const start = async (group: string, autoRollback = false) => {
    await t.createGroup({ AutoScalingGroupName: group, DesiredCapacity: 4, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    await t.advance(120);
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: group,
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
        Preferences: { MinHealthyPercentage: 75, CheckpointPercentages: [25, 50, 100], CheckpointDelay: 600, AutoRollback: autoRollback },
      }),
    );
    return InstanceRefreshId as string;
  };

  it('pauses for CheckpointDelay at each checkpoint and emits Checkpoint Reached, but none for 100', async () => {
    // Prepare
    const id = await start('checkpoints');
    // Act
    await t.advance(120);
    const atFirst = await t.refresh('checkpoints', id);
    const groupAtFirst = await t.group('checkpoints');
    await t.advance(599);
    const stillWaiting = await t.group('checkpoints');
    await t.advance(1);
    const resumed = await t.group('checkpoints');
    await t.advance(120 + 600 + 240, 60);
    // Assess
    expect(atFirst).toMatchObject({ Status: 'InProgress', PercentageComplete: 25, InstancesToUpdate: 3 });
    expect(atFirst.StatusReason).toContain('Checkpoint 25%');
    expect(idsOf(stillWaiting)).toEqual(idsOf(groupAtFirst));
    expect(versionsOf(resumed)).toEqual(['1', '1', '2', '2']);
    expect(await t.refresh('checkpoints', id)).toMatchObject({ Status: 'Successful', PercentageComplete: 100 });
    expect(versionsOf(await t.group('checkpoints'))).toEqual(['2', '2', '2', '2']);
    expect(t.refreshEvents('checkpoints')).toEqual([
      ['Started', { InstanceRefreshId: id, AutoScalingGroupName: 'checkpoints' }],
      ['Checkpoint Reached', { InstanceRefreshId: id, AutoScalingGroupName: 'checkpoints', CheckpointPercentage: '25', CheckpointDelay: '600' }],
      ['Checkpoint Reached', { InstanceRefreshId: id, AutoScalingGroupName: 'checkpoints', CheckpointPercentage: '50', CheckpointDelay: '600' }],
      ['Succeeded', { InstanceRefreshId: id, AutoScalingGroupName: 'checkpoints' }],
    ]);
  });

  it('fails at the scenario checkpoint without AutoRollback and keeps the replaced instances', async () => {
    // Prepare
    const id = await start('fail-plain');
    // Act
    await t.advance(120 + 600 + 120, 60);
    // Assess
    const refresh = await t.refresh('fail-plain', id);
    expect(refresh).toMatchObject({ Status: 'Failed', PercentageComplete: 50, InstancesToUpdate: 2 });
    expect(refresh.StatusReason).toMatch(/failed at 50% complete/);
    expect(refresh.EndTime).toEqual(t.cloud.clock.date());
    const group = await t.group('fail-plain');
    expect(versionsOf(group)).toEqual(['1', '1', '2', '2']);
    expect(group.LaunchTemplate?.Version).toBe('1');
    expect(t.refreshEvents('fail-plain').map(([type]) => type)).toEqual(['Started', 'Checkpoint Reached', 'Failed']);
  });

  it('rolls back to the previous launch template version with AutoRollback when it fails', async () => {
    // Prepare
    const id = await start('fail-rollback', true);
    const original = idsOf(await t.group('fail-rollback'));
    // Act
    await t.advance(120 + 600 + 120, 60);
    const rolling = await t.refresh('fail-rollback', id);
    const launchedByRefresh = (await t.group('fail-rollback')).Instances?.filter((i) => i.LaunchTemplate?.Version === '2').map((i) => i.InstanceId as string);
    await t.advance(600, 60);
    // Assess
    expect(rolling.Status).toBe('RollbackInProgress');
    const refresh = await t.refresh('fail-rollback', id);
    expect(refresh).toMatchObject({
      Status: 'RollbackSuccessful',
      PercentageComplete: 100,
      InstancesToUpdate: 0,
      RollbackDetails: { PercentageCompleteOnRollback: 50, InstancesToUpdateOnRollback: 2, RollbackReason: expect.stringMatching(/failed at 50% complete/) },
    });
    const group = await t.group('fail-rollback');
    expect(versionsOf(group)).toEqual(['1', '1', '1', '1']);
    expect(group.LaunchTemplate?.Version).toBe('1');
    expect(idsOf(group).filter((i) => launchedByRefresh?.includes(i))).toEqual([]);
    expect(idsOf(group).filter((i) => original.includes(i))).toHaveLength(2);
    expect(t.refreshEvents('fail-rollback')).toEqual([
      ['Started', { InstanceRefreshId: id, AutoScalingGroupName: 'fail-rollback' }],
      ['Checkpoint Reached', { InstanceRefreshId: id, AutoScalingGroupName: 'fail-rollback', CheckpointPercentage: '25', CheckpointDelay: '600' }],
      ['Rollback Started', { InstanceRefreshId: id, AutoScalingGroupName: 'fail-rollback' }],
      ['Rollback Succeeded', { InstanceRefreshId: id, AutoScalingGroupName: 'fail-rollback' }],
    ]);
  });

  it('ends RollbackFailed when the rollback cannot launch the previous configuration', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'rollback-broken', DesiredCapacity: 2, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'rollback-broken',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
        Preferences: { MinHealthyPercentage: 50, AutoRollback: true },
      }),
    );
    await t.advance(1);
    t.cloud.setScenario({
      refreshes: { 'rollback-broken': { failAtPercentage: 50 } },
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
    await t.advance(120);
    // Assess
    const refresh = await t.refresh('rollback-broken', InstanceRefreshId as string);
    expect(refresh).toMatchObject({ Status: 'RollbackFailed', StatusReason: 'Rollback failed: We currently do not have sufficient capacity.' });
    expect(t.refreshEvents('rollback-broken').map(([type]) => type)).toEqual(['Started', 'Rollback Started', 'Rollback Failed']);
    await t.advance(60);
    expect((await t.group('rollback-broken')).Instances).toHaveLength(2);
  });
});
