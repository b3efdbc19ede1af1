import { StartInstanceRefreshCommand, UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, idsOf, startAsgTestCloud, type Template, versionsOf } from './asg-test-cloud.ts';

describe('Auto Scaling: UpdateAutoScalingGroup', () => {
  let t: AsgTestCloud;
  let lt: Template;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    lt = await t.createTemplate();
  });
  afterAll(() => t.cloud.stop());

  it('launches instances when the desired capacity grows and terminates them when it shrinks', async () => {
    // Prepare
    const before = await t.createGroup({
      AutoScalingGroupName: 'update-capacity',
      DesiredCapacity: 1,
      LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' },
    });
    // Act
    await t.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'update-capacity', DesiredCapacity: 3 }));
    const grown = await t.group('update-capacity');
    await t.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'update-capacity', DesiredCapacity: 1 }));
    const shrunk = await t.group('update-capacity');
    // Assess
    expect(grown.DesiredCapacity).toBe(3);
    expect(idsOf(grown)).toHaveLength(3);
    expect(idsOf(grown)).toEqual(expect.arrayContaining(idsOf(before)));
    expect(idsOf(shrunk)).toHaveLength(1);
    const removed = idsOf(grown).filter((id) => !idsOf(shrunk).includes(id));
    const reservations = await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: removed }));
    expect(reservations.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.State?.Name)).toEqual(['shutting-down', 'shutting-down']);
  });

  it('raises the desired capacity to a new MinSize', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'update-min', DesiredCapacity: 1, LaunchTemplate: { LaunchTemplateId: lt.id } });
    // Act
    await t.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'update-min', MinSize: 2 }));
    // Assess
    const group = await t.group('update-min');
    expect(group).toMatchObject({ MinSize: 2, DesiredCapacity: 2 });
    expect(group.Instances).toHaveLength(2);
  });

  it('launches new instances from a new launch template version and keeps the running ones', async () => {
    // Prepare
    const before = await t.createGroup({
      AutoScalingGroupName: 'update-template',
      DesiredCapacity: 1,
      LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' },
    });
    // Act
    await t.asg.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'update-template',
        LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' },
        DesiredCapacity: 2,
      }),
    );
    // Assess
    const group = await t.group('update-template');
    expect(group.LaunchTemplate).toEqual({ LaunchTemplateId: lt.id, LaunchTemplateName: lt.name, Version: '2' });
    expect(idsOf(group)).toEqual(expect.arrayContaining(idsOf(before)));
    expect(versionsOf(group)).toEqual(['1', '2']);
  });

  it('answers ValidationError naming no group for an unknown group', async () => {
    // Act
    const call = t.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'update-missing', DesiredCapacity: 1 }));
    // Assess
    await expectAsgError(call, 'ValidationError', 'AutoScalingGroup name not found - null');
  });

  it('refuses bounds that exclude the desired capacity and changes nothing', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'update-bounds', DesiredCapacity: 2, MaxSize: 4, LaunchTemplate: { LaunchTemplateId: lt.id } });
    // Act
    const maxBelowMin = t.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'update-bounds', MinSize: 5 }));
    const outOfBounds = t.asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'update-bounds', DesiredCapacity: 6 }));
    // Assess
    await expectAsgError(maxBelowMin, 'ValidationError', 'Max bound, 4, must be greater than or equal to min bound, 5');
    await expectAsgError(outOfBounds, 'ValidationError', 'Desired capacity:6 must be between the specified min size:0 and max size:4');
    expect(await t.group('update-bounds')).toMatchObject({ MinSize: 0, MaxSize: 4, DesiredCapacity: 2 });
  });

  it('refuses a launch template change while a refresh with a desired configuration is active', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'update-locked', DesiredCapacity: 2, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: 'update-locked',
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
      }),
    );
    // Act
    const call = t.asg.send(
      new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'update-locked', LaunchTemplate: { LaunchTemplateId: lt.id, Version: '3' } }),
    );
    // Assess
    await expectAsgError(
      call,
      'ValidationError',
      'An active instance refresh with a desired configuration exists. All configuration options derived from the desired configuration are not available for update while the instance refresh is active.',
    );
    expect((await t.group('update-locked')).LaunchTemplate?.Version).toBe('1');
  });
});
