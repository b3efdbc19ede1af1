import { ListImageBuildVersionsCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListImageBuildVersions', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('lists every build of an image version with its state', async () => {
    // Prepare
    const setup = await t.pipeline();
    const first = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    const second = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    const { imageSummaryList } = await t.ib.send(
      new ListImageBuildVersionsCommand({ imageVersionArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/${setup.name}/1.0.0` }),
    );
    // Assess
    expect(imageSummaryList?.map((i) => i.arn)).toEqual([first.imageBuildVersionArn, second.imageBuildVersionArn]);
    expect(imageSummaryList?.[0]).toMatchObject({ name: setup.name, version: '1.0.0', state: { status: 'PENDING' }, owner: ACCOUNT, type: 'AMI' });
  });

  it('refuses a build ARN where a version ARN is expected', async () => {
    // Act
    const call = t.ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/web/1.0.0/1` }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      /^The value supplied for parameter 'imageVersionArn' is not valid\. imageVersionArn must match pattern /,
    );
  });
});
