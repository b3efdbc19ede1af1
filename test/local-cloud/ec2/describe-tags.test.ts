import { CreateLaunchTemplateCommand, DescribeTagsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DescribeTags', () => {
  let t: Ec2TestCloud;
  let imageId: string;
  let templateId: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    imageId = t.registerImage({ tags: { pipeline: 'web', channel: 'stable' } }).imageId;
    const template = await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'described',
        LaunchTemplateData: { ImageId: imageId },
        TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'pipeline', Value: 'web' }] }],
      }),
    );
    templateId = template.LaunchTemplate?.LaunchTemplateId as string;
  });
  afterAll(() => t.cloud.stop());

  it('describes tags by key and resource type', async () => {
    // Act
    const byKey = await t.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['pipeline'] }] }));
    const images = await t.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-type', Values: ['image'] }] }));
    // Assess
    expect(byKey.Tags).toEqual(
      [
        { Key: 'pipeline', Value: 'web', ResourceId: imageId, ResourceType: 'image' },
        { Key: 'pipeline', Value: 'web', ResourceId: templateId, ResourceType: 'launch-template' },
      ].sort((a, b) => a.ResourceId.localeCompare(b.ResourceId)),
    );
    expect(images.Tags?.map((tag) => tag.Key)).toEqual(['channel', 'pipeline']);
  });

  it('refuses an unknown filter', async () => {
    // Act
    const call = t.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'owner', Values: ['me'] }] }));
    // Assess
    await expectEc2Error(call, 'InvalidParameterValue', "The filter 'owner' is invalid");
  });
});
