import { CreateLaunchTemplateCommand, CreateTagsCommand, DescribeImagesCommand, DescribeInstancesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: CreateTags', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('tags images, instances and launch templates, overwriting values of existing keys', async () => {
    // Prepare
    const { imageId } = t.registerImage({ tags: { status: 'candidate' } });
    const launched = await t.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }));
    const instanceId = launched.Instances?.[0]?.InstanceId as string;
    const template = await t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'tagged', LaunchTemplateData: { ImageId: imageId } }));
    // Act
    await t.ec2.send(
      new CreateTagsCommand({
        Resources: [imageId, instanceId, template.LaunchTemplate?.LaunchTemplateId as string],
        Tags: [
          { Key: 'status', Value: 'rejected' },
          { Key: 'reason', Value: 'smoke test failed' },
        ],
      }),
    );
    // Assess
    const image = (await t.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0];
    expect(image?.Tags).toEqual([
      { Key: 'status', Value: 'rejected' },
      { Key: 'reason', Value: 'smoke test failed' },
    ]);
    const instance = (await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations?.[0]?.Instances?.[0];
    expect(instance?.Tags).toContainEqual({ Key: 'status', Value: 'rejected' });
  });

  it('refuses a resource that does not exist and tags none of the others', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    // Act
    const call = t.ec2.send(new CreateTagsCommand({ Resources: [imageId, 'i-0123456789abcdef0'], Tags: [{ Key: 'k', Value: 'v' }] }));
    // Assess
    await expectEc2Error(call, 'InvalidInstanceID.NotFound', "The instance ID 'i-0123456789abcdef0' does not exist");
    expect((await t.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0]?.Tags).toBeUndefined();
  });

  it('refuses tag keys reserved for AWS', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    // Act
    const call = t.ec2.send(new CreateTagsCommand({ Resources: [imageId], Tags: [{ Key: 'aws:owner', Value: 'me' }] }));
    // Assess
    await expectEc2Error(
      call,
      'InvalidParameterValue',
      "Value ( aws: ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use",
    );
  });

  it('refuses an id of a kind it cannot tag', async () => {
    // Act
    const call = t.ec2.send(new CreateTagsCommand({ Resources: ['nothing'], Tags: [{ Key: 'k', Value: 'v' }] }));
    // Assess
    await expectEc2Error(call, 'InvalidID', "The ID 'nothing' is not valid");
  });
});
