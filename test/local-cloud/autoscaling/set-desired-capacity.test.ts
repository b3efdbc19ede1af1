import { SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, startAsgTestCloud } from './asg-test-cloud.ts';

describe('Auto Scaling: SetDesiredCapacity', () => {
  let t: AsgTestCloud;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    const lt = await t.createTemplate();
    await t.createGroup({ AutoScalingGroupName: 'desired', MinSize: 1, MaxSize: 3, DesiredCapacity: 1, LaunchTemplate: { LaunchTemplateId: lt.id } });
  });
  afterAll(() => t.cloud.stop());

  it('scales the group out to the new desired capacity', async () => {
    // Act
    await t.asg.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'desired', DesiredCapacity: 3 }));
    // Assess
    const group = await t.group('desired');
    expect(group.DesiredCapacity).toBe(3);
    expect(group.Instances).toHaveLength(3);
  });

  it.each([
    [4, 'New SetDesiredCapacity value 4 is above max value 3 for the AutoScalingGroup.'],
    [0, 'New SetDesiredCapacity value 0 is below min value 1 for the AutoScalingGroup.'],
  ])('refuses %i with ValidationError', async (desired, message) => {
    // Act
    const call = t.asg.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'desired', DesiredCapacity: desired }));
    // Assess
    await expectAsgError(call, 'ValidationError', message);
  });

  it('answers ValidationError for an unknown group', async () => {
    // Act
    const call = t.asg.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'desired-missing', DesiredCapacity: 1 }));
    // Assess
    await expectAsgError(call, 'ValidationError', 'AutoScalingGroup name not found - null');
  });
});
