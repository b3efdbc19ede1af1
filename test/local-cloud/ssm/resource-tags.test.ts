import { AddTagsToResourceCommand, ListTagsForResourceCommand, PutParameterCommand, RemoveTagsFromResourceCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: AddTagsToResource, ListTagsForResource and RemoveTagsFromResource', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
    await t.ssm.send(new PutParameterCommand({ Name: '/tags/app', Value: 'a', Type: 'String', Tags: [{ Key: 'team', Value: 'platform' }] }));
  });
  afterAll(() => t.cloud.stop());

  it('adds, overwrites, lists and removes tags of a parameter', async () => {
    // Act
    await t.ssm.send(
      new AddTagsToResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: '/tags/app',
        Tags: [
          { Key: 'team', Value: 'images' },
          { Key: 'goldsmith:managed', Value: 'true' },
        ],
      }),
    );
    const listed = await t.ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tags/app' }));
    await t.ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tags/app', TagKeys: ['team'] }));
    const after = await t.ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tags/app' }));
    // Assess
    expect(listed.TagList).toEqual([
      { Key: 'team', Value: 'images' },
      { Key: 'goldsmith:managed', Value: 'true' },
    ]);
    expect(after.TagList).toEqual([{ Key: 'goldsmith:managed', Value: 'true' }]);
  });

  it('throws InvalidResourceId for an unknown parameter', async () => {
    // Act
    const call = t.ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tags/none' }));
    // Assess
    await expectAwsError(call, 'InvalidResourceId', 'Invalid Resource Id');
  });

  it('throws TooManyTagsError past 50 tags', async () => {
    // Prepare
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    // Act
    const call = t.ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/tags/app', Tags: tags }));
    // Assess
    await expectAwsError(call, 'TooManyTagsError', 'The Targets parameter includes too many tags. Remove one or more tags and try again.');
  });
});
