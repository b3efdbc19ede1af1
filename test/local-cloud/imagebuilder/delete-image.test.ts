import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DeleteImageCommand, GetImageCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUILD_MS, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: DeleteImage', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('deletes the image resource but leaves its AMIs registered', async () => {
    // Prepare
    const setup = await t.pipeline();
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn }));
    const amiId = image?.outputResources?.amis?.[0].image as string;
    // Act
    const deleted = await t.ib.send(new DeleteImageCommand({ imageBuildVersionArn }));
    // Assess
    expect(deleted.imageBuildVersionArn).toBe(imageBuildVersionArn);
    await expectImageBuilderError(t.ib.send(new GetImageCommand({ imageBuildVersionArn })), 'ResourceNotFoundException', /cannot be found/, 404);
    const { Images } = await new EC2Client(t.cloud.config()).send(new DescribeImagesCommand({ ImageIds: [amiId] }));
    expect(Images?.[0].State).toBe('available');
  });

  it('refuses to delete an image that is still being built', async () => {
    // Prepare
    const setup = await t.pipeline();
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    const call = t.ib.send(new DeleteImageCommand({ imageBuildVersionArn }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceDependencyException',
      `Resource dependency error: The image '${imageBuildVersionArn}' is still being built (status PENDING). Cancel it with CancelImageCreation before deleting it.`,
    );
  });

  it('answers ResourceNotFoundException for an image that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image/none/1.0.0/1';
    // Act
    const call = t.ib.send(new DeleteImageCommand({ imageBuildVersionArn: arn }));
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'Image' cannot be found: '${arn}'.`, 404);
  });
});
