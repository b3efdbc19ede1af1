import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetImageCommand, ListTagsForResourceCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUILD_MS, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListTagsForResource', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('lists an image’s tags, which do not go to its AMIs', async () => {
    // Prepare
    const setup = await t.pipeline();
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn, tags: { release: 'r42' } }));
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    // Act
    const { tags } = await t.ib.send(new ListTagsForResourceCommand({ resourceArn: imageBuildVersionArn }));
    // Assess
    expect(tags).toEqual({ release: 'r42' });
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn }));
    const { Images } = await new EC2Client(t.cloud.config()).send(new DescribeImagesCommand({ ImageIds: [image?.outputResources?.amis?.[0].image as string] }));
    expect(Images?.[0].Tags?.map((tag) => tag.Key)).not.toContain('release');
  });

  it('answers ResourceNotFoundException for a resource that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image/none/1.0.0/1';
    // Act
    const call = t.ib.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'Image' cannot be found: '${arn}'.`, 404);
  });

  it('refuses an ARN that is not an Image Builder ARN', async () => {
    // Act
    const call = t.ib.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:ec2:us-east-1:123456789012:image/ami-0123456789abcdef0' }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      /^The value supplied for parameter 'resourceArn' is not valid\. resourceArn must match pattern /,
    );
  });
});
