import { DescribeImagesCommand, EnableImageDeprecationCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: EnableImageDeprecation', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud({ startTime: Date.parse('2026-01-01T00:00:00Z') });
  });
  afterAll(() => t.cloud.stop());

  it('sets the deprecation time, rounded to the nearest minute', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    // Act
    const result = await t.ec2.send(new EnableImageDeprecationCommand({ ImageId: imageId, DeprecateAt: new Date('2026-02-01T10:20:40Z') }));
    // Assess
    expect(result.Return).toBe(true);
    const image = (await t.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0];
    expect(image?.DeprecationTime).toBe('2026-02-01T10:21:00.000Z');
  });

  it('refuses a time in the past', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    // Act
    const call = t.ec2.send(new EnableImageDeprecationCommand({ ImageId: imageId, DeprecateAt: new Date('2025-12-01T00:00:00Z') }));
    // Assess
    await expectEc2Error(call, 'InvalidParameterValue', 'The deprecation time cannot be in the past.');
  });

  it('refuses an AMI that does not exist', async () => {
    // Act
    const call = t.ec2.send(new EnableImageDeprecationCommand({ ImageId: 'ami-0123456789abcdef0', DeprecateAt: new Date('2026-02-01T00:00:00Z') }));
    // Assess
    await expectEc2Error(call, 'InvalidAMIID.NotFound', "The image id '[ami-0123456789abcdef0]' does not exist");
  });
});
