import { ListImagePipelineImagesCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUILD_MS, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListImagePipelineImages', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('lists the images a pipeline built, oldest first, with their AMIs', async () => {
    // Prepare
    const setup = await t.pipeline();
    const other = await t.pipeline();
    const first = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    const second = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: other.pipelineArn }));
    // Act
    const { imageSummaryList } = await t.ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: setup.pipelineArn }));
    // Assess
    expect(imageSummaryList?.map((i) => [i.arn, i.state?.status])).toEqual([
      [first.imageBuildVersionArn, 'AVAILABLE'],
      [second.imageBuildVersionArn, 'PENDING'],
    ]);
    expect(imageSummaryList?.[0].outputResources?.amis).toHaveLength(1);
  });

  it('answers ResourceNotFoundException for a pipeline that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/none';
    // Act
    const call = t.ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: arn }));
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'ImagePipeline' cannot be found: '${arn}'.`, 404);
  });
});
