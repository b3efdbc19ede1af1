import { RollbackInstanceRefreshCommand, StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, idsOf, startAsgTestCloud, type Template, versionsOf } from './asg-test-cloud.ts';

const IRREVERSIBLE =
  'The request failed because a desired configuration was not found or an incompatible launch template (uses a Systems Manager parameter instead of an AMI ID) or launch template version ($Latest or $Default) is present on the Auto Scaling group.';

describe('Auto Scaling: RollbackInstanceRefresh', () => {
  let t: AsgTestCloud;
  let lt: Template;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    lt = await t.createTemplate();
  });
  afterAll(() => t.cloud.stop());

  it('replaces the instances the refresh launched with the previous configuration', async () => {
    // Prepare
    const before = await t.createGroup({
      AutoScalingGroupName: 'rollback-manual',
      DesiredCapacity: 4,
      LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' },
    });
    await t.advance(120);
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'rollback-manual',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
        Preferences: { MinHealthyPercentage: 50, CheckpointPercentages: [50, 100] },
      }),
    );
    await t.advance(120);
    const rollbackTime = t.cloud.clock.date();
    // Act
    const out = await t.asg.send(new RollbackInstanceRefreshCommand({ AutoScalingGroupName: 'rollback-manual' }));
    const rolling = await t.refresh('rollback-manual', InstanceRefreshId as string);
    await t.advance(120);
    // Assess
    expect(out.InstanceRefreshId).toBe(InstanceRefreshId);
    expect(rolling).toMatchObject({
      Status: 'RollbackInProgress',
      RollbackDetails: {
        RollbackReason: 'Rollback started by user request.',
        RollbackStartTime: rollbackTime,
        PercentageCompleteOnRollback: 50,
        InstancesToUpdateOnRollback: 2,
      },
    });
    const refresh = await t.refresh('rollback-manual', InstanceRefreshId as string);
    expect(refresh).toMatchObject({ Status: 'RollbackSuccessful', PercentageComplete: 100 });
    const group = await t.group('rollback-manual');
    expect(versionsOf(group)).toEqual(['1', '1', '1', '1']);
    expect(idsOf(group).filter((id) => idsOf(before).includes(id))).toHaveLength(2);
    expect(group.LaunchTemplate?.Version).toBe('1');
    expect(t.refreshEvents('rollback-manual').map(([type]) => type)).toEqual(['Started', 'Checkpoint Reached', 'Rollback Started', 'Rollback Succeeded']);
  });

  it('refuses with IrreversibleInstanceRefreshFault when the group uses $Default', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'rollback-default', DesiredCapacity: 1, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '$Default' } });
    await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'rollback-default',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
      }),
    );
    // Act
    const call = t.asg.send(new RollbackInstanceRefreshCommand({ AutoScalingGroupName: 'rollback-default' }));
    // Assess
    await expectAsgError(call, 'IrreversibleInstanceRefreshFault', IRREVERSIBLE);
    expect(t.refreshEvents('rollback-default').map(([type]) => type)).toEqual(['Started']);
  });

  it('refuses with IrreversibleInstanceRefreshFault when the refresh has no desired configuration', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'rollback-plain', DesiredCapacity: 1, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    await t.asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'rollback-plain' }));
    // Act
    const call = t.asg.send(new RollbackInstanceRefreshCommand({ AutoScalingGroupName: 'rollback-plain' }));
    // Assess
    await expectAsgError(call, 'IrreversibleInstanceRefreshFault', IRREVERSIBLE);
  });

  it('answers ActiveInstanceRefreshNotFoundFault when no refresh is in progress', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'rollback-idle', LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    // Act
    const call = t.asg.send(new RollbackInstanceRefreshCommand({ AutoScalingGroupName: 'rollback-idle' }));
    // Assess
    await expectAsgError(call, 'ActiveInstanceRefreshNotFoundFault', 'No in progress or pending Instance Refresh found for Auto Scaling group rollback-idle');
  });
});
