import { DescribeAutoScalingInstancesCommand } from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, idsOf, startAsgTestCloud, type Template } from './asg-test-cloud.ts';

describe('Auto Scaling: DescribeAutoScalingInstances', () => {
  let t: AsgTestCloud;
  let lt: Template;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    lt = await t.createTemplate();
    await t.createGroup({ AutoScalingGroupName: 'instances-a', DesiredCapacity: 2, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } });
    await t.createGroup({ AutoScalingGroupName: 'instances-b', DesiredCapacity: 1, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
  });
  afterAll(() => t.cloud.stop());

  it('describes the instances of every group, or the ones named', async () => {
    // Prepare
    const b = await t.group('instances-b');
    // Act
    const all = await t.asg.send(new DescribeAutoScalingInstancesCommand({}));
    const named = await t.asg.send(new DescribeAutoScalingInstancesCommand({ InstanceIds: idsOf(b) }));
    // Assess
    expect(all.AutoScalingInstances?.map((i) => i.AutoScalingGroupName)).toEqual(['instances-a', 'instances-a', 'instances-b']);
    expect(named.AutoScalingInstances).toEqual([
      {
        InstanceId: idsOf(b)[0],
        InstanceType: 't3.micro',
        AutoScalingGroupName: 'instances-b',
        AvailabilityZone: b.Instances?.[0].AvailabilityZone,
        LifecycleState: 'Pending',
        HealthStatus: 'HEALTHY',
        LaunchTemplate: { LaunchTemplateId: lt.id, LaunchTemplateName: lt.name, Version: '1' },
        ProtectedFromScaleIn: false,
      },
    ]);
  });

  it('refuses MaxRecords above 50 with ValidationError', async () => {
    // Act
    const call = t.asg.send(new DescribeAutoScalingInstancesCommand({ MaxRecords: 51 }));
    // Assess
    await expectAsgError(
      call,
      'ValidationError',
      "1 validation error detected: Value '51' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
  });
});
