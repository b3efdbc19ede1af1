import { DescribeImagesCommand, EC2Client, ModifyImageAttributeCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: ModifyImageAttribute', () => {
  let t: Ec2TestCloud;
  let other: EC2Client;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    other = new EC2Client({ ...t.cloud.config(), credentials: { accessKeyId: '444455556666', secretAccessKey: 'x' } });
  });
  afterAll(() => t.cloud.stop());

  it('shares an AMI with another account, which can then launch it', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    // Act
    await t.ec2.send(new ModifyImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission', OperationType: 'add', UserIds: ['444455556666'] }));
    // Assess
    const seen = await other.send(new DescribeImagesCommand({ ImageIds: [imageId] }));
    expect(seen.Images?.[0]?.ImageId).toBe(imageId);
    const launched = await other.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }));
    expect(launched.Instances?.[0]?.ImageId).toBe(imageId);
  });

  it('makes an AMI public and private again', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    // Act
    await t.ec2.send(new ModifyImageAttributeCommand({ ImageId: imageId, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    const made = (await t.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0]?.Public;
    await t.ec2.send(new ModifyImageAttributeCommand({ ImageId: imageId, LaunchPermission: { Remove: [{ Group: 'all' }] } }));
    // Assess
    expect(made).toBe(true);
    expect((await t.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0]?.Public).toBe(false);
  });

  it('changes the description', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    // Act
    await t.ec2.send(new ModifyImageAttributeCommand({ ImageId: imageId, Description: { Value: 'rejected by validation' } }));
    // Assess
    expect((await t.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0]?.Description).toBe('rejected by validation');
  });

  it('refuses an invalid user id', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    // Act
    const call = t.ec2.send(new ModifyImageAttributeCommand({ ImageId: imageId, LaunchPermission: { Add: [{ UserId: 'someone' }] } }));
    // Assess
    await expectEc2Error(call, 'InvalidAMIAttributeItemValue', 'Invalid attribute item value "someone" for userId item type.');
  });
});
