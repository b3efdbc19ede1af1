import { DeleteImagePipelineCommand, DeleteImageRecipeCommand, GetImageRecipeCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: DeleteImageRecipe', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('refuses to delete a recipe a pipeline uses, and deletes it once the pipeline is gone', async () => {
    // Prepare
    const setup = await t.pipeline();
    // Act
    const refused = t.ib.send(new DeleteImageRecipeCommand({ imageRecipeArn: setup.recipeArn }));
    await expectImageBuilderError(
      refused,
      'ResourceDependencyException',
      `Resource dependency error: The resource ARN '${setup.recipeArn}' has other resources depended on it.`,
    );
    await t.ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: setup.pipelineArn }));
    const deleted = await t.ib.send(new DeleteImageRecipeCommand({ imageRecipeArn: setup.recipeArn }));
    // Assess
    expect(deleted.imageRecipeArn).toBe(setup.recipeArn);
    await expectImageBuilderError(
      t.ib.send(new GetImageRecipeCommand({ imageRecipeArn: setup.recipeArn })),
      'ResourceNotFoundException',
      /cannot be found/,
      404,
    );
  });

  it('answers ResourceNotFoundException for a recipe that does not exist', async () => {
    // Act
    const call = t.ib.send(new DeleteImageRecipeCommand({ imageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/none/1.0.0' }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceNotFoundException',
      "The following required resource 'ImageRecipe' cannot be found: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/none/1.0.0'.",
      404,
    );
  });
});
