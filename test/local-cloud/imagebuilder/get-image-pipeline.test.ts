import { GetImagePipelineCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: GetImagePipeline', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('reports when the pipeline last ran', async () => {
    // Prepare
    const setup = await t.pipeline();
    const startedAt = t.cloud.clock.date().toISOString();
    await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    t.cloud.clock.advance(60_000);
    // Act
    const { imagePipeline } = await t.ib.send(new GetImagePipelineCommand({ imagePipelineArn: setup.pipelineArn }));
    // Assess
    expect(imagePipeline).toMatchObject({ arn: setup.pipelineArn, dateLastRun: startedAt });
  });

  it('answers ResourceNotFoundException for a pipeline that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/none';
    // Act
    const call = t.ib.send(new GetImagePipelineCommand({ imagePipelineArn: arn }));
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'ImagePipeline' cannot be found: '${arn}'.`, 404);
  });
});
