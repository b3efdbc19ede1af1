import { GetImageCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, DEFAULT_BUILD_MS, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: GetImage', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('returns the image with the recipe and configurations it was built with', async () => {
    // Prepare
    const setup = await t.pipeline({ infrastructure: { instanceMetadataOptions: { httpTokens: 'required' } } });
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    // Act
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn }));
    // Assess
    expect(image).toMatchObject({
      arn: imageBuildVersionArn,
      type: 'AMI',
      name: setup.name,
      version: '1.0.0',
      platform: 'Linux',
      enhancedImageMetadataEnabled: true,
      state: { status: 'AVAILABLE' },
      imageRecipe: { arn: setup.recipeArn, parentImage: setup.parentAmi, owner: ACCOUNT },
      sourcePipelineName: setup.name,
      sourcePipelineArn: setup.pipelineArn,
      infrastructureConfiguration: { arn: setup.infrastructureArn, instanceMetadataOptions: { httpTokens: 'required' } },
      distributionConfiguration: { arn: setup.distributionArn },
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 },
      buildType: 'USER_INITIATED',
      imageSource: 'CUSTOM',
      scanState: { status: 'COMPLETED' },
    });
    expect(image?.outputResources?.amis).toHaveLength(1);
  });

  it('returns the newest build for a version ARN', async () => {
    // Prepare
    const setup = await t.pipeline();
    await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    const newest = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/${setup.name}/1.0.0` }));
    // Assess
    expect(image?.arn).toBe(newest.imageBuildVersionArn);
  });

  it('answers ResourceNotFoundException for an image that does not exist', async () => {
    // Prepare
    const arn = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/none/1.0.0/1`;
    // Act
    const call = t.ib.send(new GetImageCommand({ imageBuildVersionArn: arn }));
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'Image' cannot be found: '${arn}'.`, 404);
  });
});
