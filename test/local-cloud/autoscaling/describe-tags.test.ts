import { DescribeTagsCommand } from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, startAsgTestCloud } from './asg-test-cloud.ts';

describe('Auto Scaling: DescribeTags', () => {
  let t: AsgTestCloud;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    const lt = await t.createTemplate();
    await t.createGroup({
      AutoScalingGroupName: 'tags-a',
      LaunchTemplate: { LaunchTemplateId: lt.id },
      Tags: [{ Key: 'env', Value: 'prod', PropagateAtLaunch: true }],
    });
    await t.createGroup({
      AutoScalingGroupName: 'tags-b',
      LaunchTemplate: { LaunchTemplateId: lt.id },
      Tags: [
        { Key: 'env', Value: 'staging' },
        { Key: 'team', Value: 'platform' },
      ],
    });
  });
  afterAll(() => t.cloud.stop());

  it('describes the tags of every group, filtered by group, key, value or propagation', async () => {
    // Act
    const all = await t.asg.send(new DescribeTagsCommand({}));
    const byKey = await t.asg.send(
      new DescribeTagsCommand({
        Filters: [
          { Name: 'key', Values: ['env'] },
          { Name: 'propagate-at-launch', Values: ['true'] },
        ],
      }),
    );
    const byGroup = await t.asg.send(new DescribeTagsCommand({ Filters: [{ Name: 'auto-scaling-group', Values: ['tags-b'] }] }));
    // Assess
    expect(all.Tags?.map((tag) => `${tag.ResourceId}/${tag.Key}=${tag.Value}`)).toEqual(['tags-a/env=prod', 'tags-b/env=staging', 'tags-b/team=platform']);
    expect(byKey.Tags).toEqual([{ ResourceId: 'tags-a', ResourceType: 'auto-scaling-group', Key: 'env', Value: 'prod', PropagateAtLaunch: true }]);
    expect(byGroup.Tags?.map((tag) => tag.Key)).toEqual(['env', 'team']);
  });

  it('refuses an unknown filter with ValidationError', async () => {
    // Act
    const call = t.asg.send(new DescribeTagsCommand({ Filters: [{ Name: 'tag-key', Values: ['env'] }] }));
    // Assess
    await expectAsgError(
      call,
      'ValidationError',
      'Filter type tag-key is not correct. Allowed Filter types are: auto-scaling-group key value propagate-at-launch',
    );
  });
});
