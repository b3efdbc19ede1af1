import { ListImageScanFindingAggregationsCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, DEFAULT_BUILD_MS, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListImageScanFindingAggregations', () => {
  let t: ImageBuilderTestCloud;
  let pipelineArn: string;
  let imageArn: string;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    const setup = await t.pipeline();
    pipelineArn = setup.pipelineArn;
    t.cloud.setScenario({ builds: { [setup.name]: { findings: { CRITICAL: 2, HIGH: 1, LOW: 4 } } } });
    imageArn = (await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn }))).imageBuildVersionArn as string;
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
  });
  afterAll(() => t.cloud.stop());

  it('counts the account’s findings by severity without a filter', async () => {
    // Act
    const output = await t.ib.send(new ListImageScanFindingAggregationsCommand({}));
    // Assess
    expect(output.aggregationType).toBe('accountId');
    expect(output.responses).toEqual([{ accountAggregation: { accountId: ACCOUNT, severityCounts: { all: 7, critical: 2, high: 1, medium: 0 } } }]);
  });

  it('counts the findings of one image or one pipeline', async () => {
    // Act
    const byImage = await t.ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: 'imageBuildVersionArn', values: [imageArn] } }));
    const byPipeline = await t.ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: 'imagePipelineArn', values: [pipelineArn] } }));
    // Assess
    expect(byImage.responses).toEqual([{ imageAggregation: { imageBuildVersionArn: imageArn, severityCounts: { all: 7, critical: 2, high: 1, medium: 0 } } }]);
    expect(byPipeline.aggregationType).toBe('imagePipelineArn');
    expect(byPipeline.responses?.[0].imagePipelineAggregation?.severityCounts?.all).toBe(7);
  });

  it('refuses a filter it cannot aggregate by', async () => {
    // Act
    const call = t.ib.send(new ListImageScanFindingAggregationsCommand({ filter: { name: 'severity', values: ['HIGH'] } }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'filter.name' is not valid. Valid filter names are: accountId, imagePipelineArn, imageBuildVersionArn, vulnerabilityId.",
    );
  });
});
