import { CreateComponentCommand, CreateImageRecipeCommand, ListImageRecipesCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListImageRecipes', () => {
  let t: ImageBuilderTestCloud;
  let parentImage: string;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    const { componentBuildVersionArn } = await t.ib.send(
      new CreateComponentCommand({ name: 'base-tools', semanticVersion: '1.0.0', platform: 'Linux', data: buildDocument() }),
    );
    parentImage = t.parentAmi();
    for (const [name, parent] of [
      ['api', parentImage],
      ['web', 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'],
    ])
      await t.ib.send(
        new CreateImageRecipeCommand({
          name,
          semanticVersion: '1.0.0',
          parentImage: parent,
          components: [{ componentArn: componentBuildVersionArn }],
          tags: { n: name },
        }),
      );
  });
  afterAll(() => t.cloud.stop());

  it('lists the account’s recipes, filtered by parent image', async () => {
    // Act
    const all = await t.ib.send(new ListImageRecipesCommand({}));
    const filtered = await t.ib.send(new ListImageRecipesCommand({ filters: [{ name: 'parentImage', values: [parentImage] }] }));
    // Assess
    expect(all.imageRecipeSummaryList?.map((r) => r.name)).toEqual(['api', 'web']);
    expect(filtered.imageRecipeSummaryList).toEqual([
      expect.objectContaining({
        arn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/api/1.0.0',
        platform: 'Linux',
        owner: '123456789012',
        parentImage,
        tags: { n: 'api' },
      }),
    ]);
  });

  it('refuses an owner Image Builder does not know', async () => {
    // Act
    const call = t.ib.send(new ListImageRecipesCommand({ owner: 'Everyone' as 'Self' }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'owner' is not valid. owner must be one of the following values: Self, Shared, Amazon, ThirdParty, AWSMarketplace",
    );
  });
});
