import { DescribeImageAttributeCommand, ModifyImageAttributeCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DescribeImageAttribute', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('describes launch permissions and the description', async () => {
    // Prepare
    const { imageId } = t.registerImage({ description: 'golden' });
    await t.ec2.send(new ModifyImageAttributeCommand({ ImageId: imageId, LaunchPermission: { Add: [{ UserId: '444455556666' }] } }));
    // Act
    const permissions = await t.ec2.send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }));
    const description = await t.ec2.send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'description' }));
    // Assess
    expect(permissions.LaunchPermissions).toEqual([{ UserId: '444455556666' }]);
    expect(description.Description).toEqual({ Value: 'golden' });
  });

  it('refuses an unknown attribute', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    // Act
    const call = t.ec2.send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'colour' as never }));
    // Assess
    await expectEc2Error(call, 'InvalidParameterValue', 'Value (colour) for parameter attribute is invalid. Unknown attribute.');
  });

  it('refuses an AMI that does not exist', async () => {
    // Act
    const call = t.ec2.send(new DescribeImageAttributeCommand({ ImageId: 'ami-0123456789abcdef0', Attribute: 'launchPermission' }));
    // Assess
    await expectEc2Error(call, 'InvalidAMIID.NotFound', "The image id '[ami-0123456789abcdef0]' does not exist");
  });
});
