import { DeleteAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand, StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, idsOf, startAsgTestCloud, type Template } from './asg-test-cloud.ts';

describe('Auto Scaling: DeleteAutoScalingGroup', () => {
  let t: AsgTestCloud;
  let lt: Template;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    lt = await t.createTemplate();
  });
  afterAll(() => t.cloud.stop());

  it('deletes a group without instances', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'delete-empty', LaunchTemplate: { LaunchTemplateId: lt.id } });
    // Act
    await t.asg.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'delete-empty' }));
    // Assess
    const out = await t.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['delete-empty'] }));
    expect(out.AutoScalingGroups).toEqual([]);
  });

  it('terminates the instances and stops the refresh with ForceDelete', async () => {
    // Prepare
    const group = await t.createGroup({ AutoScalingGroupName: 'delete-force', DesiredCapacity: 2, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    await t.asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'delete-force' }));
    // Act
    await t.asg.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'delete-force', ForceDelete: true }));
    await t.advance(600, 60);
    // Assess
    const out = await t.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['delete-force'] }));
    expect(out.AutoScalingGroups).toEqual([]);
    const reservations = await t.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:aws:autoscaling:groupName', Values: ['delete-force'] }] }));
    const instances = reservations.Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
    expect(instances.map((i) => i.InstanceId)).toEqual(expect.arrayContaining(idsOf(group)));
    expect(new Set(instances.map((i) => i.State?.Name))).toEqual(new Set(['terminated']));
  });

  it('refuses to delete a group that still has instances with ResourceInUseFault', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'delete-busy', DesiredCapacity: 1, LaunchTemplate: { LaunchTemplateId: lt.id } });
    // Act
    const call = t.asg.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'delete-busy' }));
    // Assess
    await expectAsgError(
      call,
      'ResourceInUseFault',
      'You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.',
    );
    expect((await t.group('delete-busy')).Instances).toHaveLength(1);
  });

  it('answers ValidationError for an unknown group', async () => {
    // Act
    const call = t.asg.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: 'delete-missing' }));
    // Assess
    await expectAsgError(call, 'ValidationError', "AutoScalingGroup name not found - AutoScalingGroup 'delete-missing' not found");
  });
});
