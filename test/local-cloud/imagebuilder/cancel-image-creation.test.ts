import { CancelImageCreationCommand, GetImageCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUILD_MS, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: CancelImageCreation', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('cancels a build in progress, which then moves no further', async () => {
    // Prepare
    const setup = await t.pipeline();
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    const arn = imageBuildVersionArn as string;
    t.cloud.clock.advance(DEFAULT_BUILD_MS / 2);
    // Act
    const cancelled = await t.ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn }));
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    // Assess
    expect(cancelled.imageBuildVersionArn).toBe(arn);
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn: arn }));
    expect(image?.state?.status).toBe('CANCELLED');
    expect(image?.outputResources?.amis).toEqual([]);
    expect(t.stateChanges(arn).map((e) => e.detail)).toEqual([
      { 'previous-state': { status: 'PENDING' }, state: { status: 'CREATING' } },
      { 'previous-state': { status: 'CREATING' }, state: { status: 'BUILDING' } },
      { 'previous-state': { status: 'BUILDING' }, state: { status: 'CANCELLED' } },
    ]);
  });

  it('refuses to cancel an image that is already AVAILABLE', async () => {
    // Prepare
    const setup = await t.pipeline();
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    // Act
    const call = t.ib.send(new CancelImageCreationCommand({ imageBuildVersionArn }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceInUseException',
      `The image '${imageBuildVersionArn}' cannot be cancelled because its status is AVAILABLE. Only an image that is still being built can be cancelled.`,
    );
  });

  it('answers ResourceNotFoundException for an image that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image/none/1.0.0/1';
    // Act
    const call = t.ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn }));
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'Image' cannot be found: '${arn}'.`, 404);
  });
});
