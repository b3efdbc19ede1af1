import { ListTagsForResourceCommand, UntagResourceCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: UntagResource', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('removes the named tags from a recipe', async () => {
    // Prepare
    const setup = await t.pipeline({ recipe: { tags: { team: 'web', tier: 'gold', owner: 'ops' } } });
    // Act
    await t.ib.send(new UntagResourceCommand({ resourceArn: setup.recipeArn, tagKeys: ['tier', 'owner', 'absent'] }));
    // Assess
    expect((await t.ib.send(new ListTagsForResourceCommand({ resourceArn: setup.recipeArn }))).tags).toEqual({ team: 'web' });
  });

  it('answers ResourceNotFoundException for a resource that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/none/1.0.0';
    // Act
    const call = t.ib.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'ImageRecipe' cannot be found: '${arn}'.`, 404);
  });
});
