import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ec2Adapter } from '../../adapters/aws/ec2.ts';
import { ACCOUNT, type FunctionCloud, REGION, startFunctionCloud } from '../functions/function-harness.ts';

describe('Adapter: EC2', () => {
  let fc: FunctionCloud;

  beforeAll(async () => {
    fc = await startFunctionCloud('{}');
  });
  afterAll(() => fc.stop());

  it("deprecates an AMI at the workflow's time, or as soon after it as EC2 takes when that time has passed", async () => {
    // Prepare
    const ec2 = new Ec2Adapter({ region: REGION });
    const { imageId } = fc.cloud.runtime.services.ec2.registerImage(ACCOUNT, REGION, { name: 'golden-retired' });
    const enteredAt = fc.cloud.clock.now();
    // A Step Functions retry 20 minutes later keeps the state's entered time.
    fc.cloud.clock.advance(20 * 60_000);
    // Act
    await ec2.deprecate(REGION, imageId, enteredAt);
    // Assess
    const [image] = (await new EC2Client(fc.sdk).send(new DescribeImagesCommand({ ImageIds: [imageId], IncludeDeprecated: true }))).Images ?? [];
    const deprecatedAt = Date.parse(image.DeprecationTime as string);
    expect(deprecatedAt).toBeGreaterThanOrEqual(Math.floor(fc.cloud.clock.now() / 60_000) * 60_000);
    expect(deprecatedAt).toBeLessThanOrEqual(fc.cloud.clock.now() + 40 * 60_000);
  });
});
