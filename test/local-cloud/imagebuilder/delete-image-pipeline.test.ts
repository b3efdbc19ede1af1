import { DeleteImagePipelineCommand, GetImagePipelineCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: DeleteImagePipeline', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('deletes a pipeline', async () => {
    // Prepare
    const setup = await t.pipeline();
    // Act
    const deleted = await t.ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: setup.pipelineArn }));
    // Assess
    expect(deleted.imagePipelineArn).toBe(setup.pipelineArn);
    await expectImageBuilderError(
      t.ib.send(new GetImagePipelineCommand({ imagePipelineArn: setup.pipelineArn })),
      'ResourceNotFoundException',
      /cannot be found/,
      404,
    );
  });

  it('answers ResourceNotFoundException for a pipeline that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/none';
    // Act
    const call = t.ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: arn }));
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'ImagePipeline' cannot be found: '${arn}'.`, 404);
  });
});
