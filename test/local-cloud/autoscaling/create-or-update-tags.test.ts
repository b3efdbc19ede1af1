import { CreateOrUpdateTagsCommand, SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, idsOf, startAsgTestCloud } from './asg-test-cloud.ts';

describe('Auto Scaling: CreateOrUpdateTags', () => {
  let t: AsgTestCloud;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    const lt = await t.createTemplate();
    await t.createGroup({ AutoScalingGroupName: 'tagged', LaunchTemplate: { LaunchTemplateId: lt.id }, Tags: [{ Key: 'env', Value: 'staging' }] });
  });
  afterAll(() => t.cloud.stop());

  it('adds tags, overwrites by key, and propagates them to instances launched afterwards', async () => {
    // Act
    await t.asg.send(
      new CreateOrUpdateTagsCommand({
        Tags: [
          { ResourceId: 'tagged', ResourceType: 'auto-scaling-group', Key: 'env', Value: 'prod', PropagateAtLaunch: true },
          { ResourceId: 'tagged', ResourceType: 'auto-scaling-group', Key: 'team', Value: 'platform', PropagateAtLaunch: false },
        ],
      }),
    );
    await t.asg.send(new SetDesiredCapacityCommand({ AutoScalingGroupName: 'tagged', DesiredCapacity: 1 }));
    // Assess
    const group = await t.group('tagged');
    expect(group.Tags?.map((tag) => [tag.Key, tag.Value, tag.PropagateAtLaunch])).toEqual([
      ['env', 'prod', true],
      ['team', 'platform', false],
    ]);
    const reservations = await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: idsOf(group) }));
    const tags = reservations.Reservations?.[0].Instances?.[0].Tags ?? [];
    expect(tags).toContainEqual({ Key: 'env', Value: 'prod' });
    expect(tags.some((tag) => tag.Key === 'team')).toBe(false);
  });

  it('answers ValidationError for a tag on an unknown group', async () => {
    // Act
    const call = t.asg.send(
      new CreateOrUpdateTagsCommand({ Tags: [{ ResourceId: 'untagged', ResourceType: 'auto-scaling-group', Key: 'env', Value: 'prod' }] }),
    );
    // Assess
    await expectAsgError(call, 'ValidationError', "AutoScalingGroup name not found - AutoScalingGroup 'untagged' not found");
  });

  it('refuses a tag without a key with ValidationError', async () => {
    // Act
    const call = t.asg.send(new CreateOrUpdateTagsCommand({ Tags: [{ ResourceId: 'tagged', ResourceType: 'auto-scaling-group', Value: 'x' } as never] }));
    // Assess
    await expectAsgError(
      call,
      'ValidationError',
      "1 validation error detected: Value null at 'tags.1.member.key' failed to satisfy constraint: Member must not be null",
    );
  });
});
