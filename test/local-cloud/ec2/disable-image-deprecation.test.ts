import { DescribeImagesCommand, DisableImageDeprecationCommand, EnableImageDeprecationCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DisableImageDeprecation', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('clears the deprecation time', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    await t.ec2.send(new EnableImageDeprecationCommand({ ImageId: imageId, DeprecateAt: new Date(t.cloud.clock.now() + 86_400_000) }));
    // Act
    const result = await t.ec2.send(new DisableImageDeprecationCommand({ ImageId: imageId }));
    // Assess
    expect(result.Return).toBe(true);
    const image = (await t.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0];
    expect(image?.DeprecationTime).toBeUndefined();
  });

  it('refuses a malformed AMI id', async () => {
    // Act
    const call = t.ec2.send(new DisableImageDeprecationCommand({ ImageId: 'image-1' }));
    // Assess
    await expectEc2Error(call, 'InvalidAMIID.Malformed', 'Invalid id: "image-1" (expecting "ami-...")');
  });
});
