import { GetImageCommand, ListImagePipelineImagesCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: StartImagePipelineExecution', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('starts a PENDING build whose ARN names the recipe, its version and the build number', async () => {
    // Prepare
    const setup = await t.pipeline();
    // Act
    const first = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn, tags: { release: 'r1' } }));
    const second = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Assess
    expect(first.imageBuildVersionArn).toBe(`arn:aws:imagebuilder:us-east-1:123456789012:image/${setup.name}/1.0.0/1`);
    expect(second.imageBuildVersionArn).toBe(`arn:aws:imagebuilder:us-east-1:123456789012:image/${setup.name}/1.0.0/2`);
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn: first.imageBuildVersionArn }));
    expect(image).toMatchObject({ state: { status: 'PENDING' }, buildType: 'USER_INITIATED', sourcePipelineArn: setup.pipelineArn, tags: { release: 'r1' } });
  });

  it('answers the same image for the same client token and request, and starts nothing more', async () => {
    // Prepare
    const setup = await t.pipeline();
    const request = { imagePipelineArn: setup.pipelineArn, clientToken: `release-${setup.name}` };
    const first = await t.ib.send(new StartImagePipelineExecutionCommand(request));
    // Act
    const again = await t.ib.send(new StartImagePipelineExecutionCommand(request));
    // Assess
    expect(again.imageBuildVersionArn).toBe(first.imageBuildVersionArn);
    expect(again.clientToken).toBe(request.clientToken);
    expect(again.requestId).not.toBe(first.requestId);
    const { imageSummaryList } = await t.ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: setup.pipelineArn }));
    expect(imageSummaryList).toHaveLength(1);
  });

  it('refuses the same client token with a different request', async () => {
    // Prepare
    const setup = await t.pipeline();
    const other = await t.pipeline();
    await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn, clientToken: 'shared-token' }));
    // Act
    const call = t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: other.pipelineArn, clientToken: 'shared-token' }));
    // Assess
    await expectImageBuilderError(
      call,
      'IdempotentParameterMismatchException',
      "The client token 'shared-token' was already used in a previous request with different parameters. Use a new client token for a different request.",
    );
    const { imageSummaryList } = await t.ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: other.pipelineArn }));
    expect(imageSummaryList).toEqual([]);
  });

  it('answers ResourceNotFoundException for a pipeline that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/none';
    // Act
    const call = t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn }));
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'ImagePipeline' cannot be found: '${arn}'.`, 404);
  });

  it('refuses a client token longer than 64 characters', async () => {
    // Prepare
    const setup = await t.pipeline();
    // Act
    const call = t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn, clientToken: 'x'.repeat(65) }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'clientToken' is not valid. clientToken must have length less than or equal to 64",
    );
  });
});
