import { ListImagesCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, expectImageBuilderError, type ImageBuilderTestCloud, type PipelineSetup, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListImages', () => {
  let t: ImageBuilderTestCloud;
  let web: PipelineSetup;
  let api: PipelineSetup;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    web = await t.pipeline();
    api = await t.pipeline();
    for (const setup of [web, web, api]) await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
  });
  afterAll(() => t.cloud.stop());

  it('lists one entry per image version, filtered by name', async () => {
    // Act
    const all = await t.ib.send(new ListImagesCommand({}));
    const filtered = await t.ib.send(new ListImagesCommand({ filters: [{ name: 'name', values: [api.name] }] }));
    // Assess
    expect(all.imageVersionList?.map((i) => i.arn)).toEqual([
      `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/${web.name}/1.0.0`,
      `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/${api.name}/1.0.0`,
    ]);
    expect(filtered.imageVersionList).toEqual([
      expect.objectContaining({
        name: api.name,
        version: '1.0.0',
        type: 'AMI',
        platform: 'Linux',
        owner: ACCOUNT,
        buildType: 'USER_INITIATED',
        imageSource: 'CUSTOM',
      }),
    ]);
  });

  it('lists no images for the Amazon owner, which the local cloud does not catalogue', async () => {
    // Act
    const { imageVersionList } = await t.ib.send(new ListImagesCommand({ owner: 'Amazon' }));
    // Assess
    expect(imageVersionList).toEqual([]);
  });

  it('refuses a page size under one', async () => {
    // Act
    const call = t.ib.send(new ListImagesCommand({ maxResults: 0 }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'maxResults' is not valid. maxResults must be greater than or equal to 1",
    );
  });
});
