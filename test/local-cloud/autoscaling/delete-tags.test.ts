import { DeleteTagsCommand } from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, startAsgTestCloud } from './asg-test-cloud.ts';

describe('Auto Scaling: DeleteTags', () => {
  let t: AsgTestCloud;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    const lt = await t.createTemplate();
    await t.createGroup({
      AutoScalingGroupName: 'untag',
      LaunchTemplate: { LaunchTemplateId: lt.id },
      Tags: [
        { Key: 'env', Value: 'prod' },
        { Key: 'team', Value: 'platform' },
      ],
    });
  });
  afterAll(() => t.cloud.stop());

  it('removes the named tags from the group', async () => {
    // Act
    await t.asg.send(new DeleteTagsCommand({ Tags: [{ ResourceId: 'untag', ResourceType: 'auto-scaling-group', Key: 'env' }] }));
    // Assess
    expect((await t.group('untag')).Tags?.map((tag) => tag.Key)).toEqual(['team']);
  });

  it('refuses a resource type other than auto-scaling-group with ValidationError', async () => {
    // Act
    const call = t.asg.send(new DeleteTagsCommand({ Tags: [{ ResourceId: 'untag', ResourceType: 'instance', Key: 'team' }] }));
    // Assess
    await expectAsgError(call, 'ValidationError', 'Invalid resource type: instance. Only auto-scaling-group is supported.');
    expect((await t.group('untag')).Tags?.map((tag) => tag.Key)).toEqual(['team']);
  });
});
