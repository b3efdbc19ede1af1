import { GetImagePipelineCommand, UpdateImagePipelineCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: UpdateImagePipeline', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('points the pipeline at another recipe and disables it', async () => {
    // Prepare
    const setup = await t.pipeline();
    const other = await t.pipeline();
    // Act
    const updated = await t.ib.send(
      new UpdateImagePipelineCommand({
        imagePipelineArn: setup.pipelineArn,
        imageRecipeArn: other.recipeArn,
        infrastructureConfigurationArn: setup.infrastructureArn,
        distributionConfigurationArn: setup.distributionArn,
        status: 'DISABLED',
      }),
    );
    // Assess
    expect(updated.imagePipelineArn).toBe(setup.pipelineArn);
    const { imagePipeline } = await t.ib.send(new GetImagePipelineCommand({ imagePipelineArn: setup.pipelineArn }));
    expect(imagePipeline).toMatchObject({ imageRecipeArn: other.recipeArn, status: 'DISABLED', dateUpdated: t.cloud.clock.date().toISOString() });
  });

  it('answers ResourceNotFoundException for a recipe that does not exist', async () => {
    // Prepare
    const setup = await t.pipeline();
    const missing = 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/none/1.0.0';
    // Act
    const call = t.ib.send(
      new UpdateImagePipelineCommand({ imagePipelineArn: setup.pipelineArn, imageRecipeArn: missing, infrastructureConfigurationArn: setup.infrastructureArn }),
    );
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'ImageRecipe' cannot be found: '${missing}'.`, 404);
  });
});
