import { CancelInstanceRefreshCommand, StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, idsOf, startAsgTestCloud, type Template, versionsOf } from './asg-test-cloud.ts';

describe('Auto Scaling: CancelInstanceRefresh', () => {
  let t: AsgTestCloud;
  let lt: Template;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    lt = await t.createTemplate();
  });
  afterAll(() => t.cloud.stop());

  const start = async (group: string, preferences = {}) => {
    await t.createGroup({ AutoScalingGroupName: group, DesiredCapacity: 4, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    await t.advance(120);
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: group,
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
        Preferences: { MinHealthyPercentage: 50, ...preferences },
      }),
    );
    return InstanceRefreshId as string;
  };

  it('lets the batch in flight finish, then stops without rolling back', async () => {
    // Prepare
    const id = await start('cancel-mid-batch');
    await t.advance(60);
    // Act
    const out = await t.asg.send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: 'cancel-mid-batch' }));
    const cancelling = await t.refresh('cancel-mid-batch', id);
    await t.advance(60);
    const batchWarmedUp = t.cloud.clock.date();
    const cancelled = await t.refresh('cancel-mid-batch', id);
    const group = await t.group('cancel-mid-batch');
    await t.advance(600, 60);
    // Assess
    expect(out.InstanceRefreshId).toBe(id);
    expect(cancelling.Status).toBe('Cancelling');
    expect(cancelled).toMatchObject({ Status: 'Cancelled', PercentageComplete: 50, EndTime: batchWarmedUp });
    expect(versionsOf(group)).toEqual(['1', '1', '2', '2']);
    expect(idsOf(await t.group('cancel-mid-batch'))).toEqual(idsOf(group));
    expect(group.LaunchTemplate?.Version).toBe('1');
    expect(t.refreshEvents('cancel-mid-batch')).toEqual([
      ['Started', { InstanceRefreshId: id, AutoScalingGroupName: 'cancel-mid-batch' }],
      ['Cancelled', { InstanceRefreshId: id, AutoScalingGroupName: 'cancel-mid-batch' }],
    ]);
  });

  it('cancels at once during a checkpoint wait', async () => {
    // Prepare
    const id = await start('cancel-checkpoint', { CheckpointPercentages: [50, 100] });
    await t.advance(120);
    // Act
    await t.asg.send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: 'cancel-checkpoint' }));
    // Assess
    expect((await t.refresh('cancel-checkpoint', id)).Status).toBe('Cancelled');
    expect(t.refreshEvents('cancel-checkpoint').map(([type]) => type)).toEqual(['Started', 'Checkpoint Reached', 'Cancelled']);
  });

  it('answers ActiveInstanceRefreshNotFoundFault when no refresh is in progress', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'cancel-idle', LaunchTemplate: { LaunchTemplateId: lt.id } });
    // Act
    const call = t.asg.send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: 'cancel-idle' }));
    // Assess
    await expectAsgError(call, 'ActiveInstanceRefreshNotFoundFault', 'No in progress or pending Instance Refresh found for Auto Scaling group cancel-idle');
  });

  it('answers ValidationError for an unknown group', async () => {
    // Act
    const call = t.asg.send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: 'cancel-missing' }));
    // Assess
    await expectAsgError(call, 'ValidationError', "AutoScalingGroup name not found - AutoScalingGroup 'cancel-missing' not found");
  });
});
