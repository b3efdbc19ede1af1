import { CreateComponentCommand, CreateImageRecipeCommand, GetImageRecipeCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: GetImageRecipe', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('returns a recipe, by its version or by a wildcard for the newest', async () => {
    // Prepare
    const { componentBuildVersionArn } = await t.ib.send(
      new CreateComponentCommand({ name: 'base-tools', semanticVersion: '1.0.0', platform: 'Linux', data: buildDocument() }),
    );
    const parentImage = t.parentAmi();
    for (const version of ['1.0.0', '1.2.0'])
      await t.ib.send(
        new CreateImageRecipeCommand({ name: 'app', semanticVersion: version, parentImage, components: [{ componentArn: componentBuildVersionArn }] }),
      );
    // Act
    const exact = await t.ib.send(new GetImageRecipeCommand({ imageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/app/1.0.0' }));
    const newest = await t.ib.send(new GetImageRecipeCommand({ imageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/app/x.x.x' }));
    // Assess
    expect(exact.imageRecipe).toMatchObject({ version: '1.0.0', owner: '123456789012', parentImage });
    expect(newest.imageRecipe?.arn).toBe('arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/app/1.2.0');
  });

  it('answers ResourceNotFoundException for a recipe that does not exist', async () => {
    // Act
    const call = t.ib.send(new GetImageRecipeCommand({ imageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/none/1.0.0' }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceNotFoundException',
      "The following required resource 'ImageRecipe' cannot be found: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/none/1.0.0'.",
      404,
    );
  });
});
