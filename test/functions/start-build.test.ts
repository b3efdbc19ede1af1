import { GetImageCommand, ImagebuilderClient, ListImagePipelineImagesCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken } from '../../core/release/deterministic-ids.ts';
import { releaseConfigOf } from '../core/release/release-fixture.ts';
import { type FunctionCloud, invoke, startFunctionCloud } from './function-harness.ts';
import { type DeployedPipeline, deployPipeline } from './release-fixtures.ts';

const config = releaseConfigOf();

describe('Handler: start-build', () => {
  let fc: FunctionCloud;
  let deployed: DeployedPipeline;
  let handler: typeof import('../../functions/start-build.ts').handler;
  const images = async () =>
    (await new ImagebuilderClient(fc.sdk).send(new ListImagePipelineImagesCommand({ imagePipelineArn: deployed.pipelineArn }))).imageSummaryList ?? [];

  beforeAll(async () => {
    fc = await startFunctionCloud(JSON.stringify(config));
    deployed = await deployPipeline(fc, config);
    ({ handler } = await import('../../functions/start-build.ts'));
  });
  afterAll(() => fc.stop());

  it('starts one build per release, however often the step runs', async () => {
    // Prepare
    const input = { imagePipelineArn: deployed.pipelineArn, clientToken: clientToken('web-server-2026-11-scheduled') };
    // Act
    const first = await invoke(handler, input);
    const retried = await invoke(handler, input);
    // Assess
    expect(retried).toEqual(first);
    const { image } = await new ImagebuilderClient(fc.sdk).send(new GetImageCommand({ imageBuildVersionArn: first.imageBuildVersionArn }));
    expect(image?.sourcePipelineArn).toBe(deployed.pipelineArn);
    expect(await images()).toHaveLength(1);
  });

  it('throws InvalidInputError naming the field, and starts nothing', async () => {
    // Prepare
    const before = await images();
    // Act
    const attempt = invoke(handler, { imagePipelineArn: 'web-server', clientToken: 'x' });
    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('imagePipelineArn:') });
    expect(await images()).toEqual(before);
  });

  it('lets the Image Builder error through by its name', async () => {
    // Act
    const attempt = invoke(handler, { imagePipelineArn: deployed.pipelineArn.replace('web-server', 'gone'), clientToken: 'y' });
    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
