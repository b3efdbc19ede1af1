import { ListImagePipelinesCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, type PipelineSetup, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListImagePipelines', () => {
  let t: ImageBuilderTestCloud;
  let enabled: PipelineSetup;
  let disabled: PipelineSetup;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    enabled = await t.pipeline();
    disabled = await t.pipeline({ pipeline: { status: 'DISABLED' } });
  });
  afterAll(() => t.cloud.stop());

  it('lists the pipelines, filtered by status or recipe', async () => {
    // Act
    const all = await t.ib.send(new ListImagePipelinesCommand({}));
    const byStatus = await t.ib.send(new ListImagePipelinesCommand({ filters: [{ name: 'status', values: ['DISABLED'] }] }));
    const byRecipe = await t.ib.send(new ListImagePipelinesCommand({ filters: [{ name: 'imageRecipeArn', values: [enabled.recipeArn] }] }));
    // Assess
    expect(all.imagePipelineList?.map((p) => p.arn)).toEqual([enabled.pipelineArn, disabled.pipelineArn]);
    expect(byStatus.imagePipelineList?.map((p) => p.arn)).toEqual([disabled.pipelineArn]);
    expect(byRecipe.imagePipelineList?.map((p) => p.arn)).toEqual([enabled.pipelineArn]);
  });

  it('refuses more than ten filters', async () => {
    // Act
    const call = t.ib.send(new ListImagePipelinesCommand({ filters: Array.from({ length: 11 }, () => ({ name: 'name', values: ['web'] })) }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'filters' is not valid. filters must have at most 10 item(s)",
    );
  });
});
