import { CreateComponentCommand, GetImagePipelineCommand, ListImagePipelineImagesCommand, UpdateImagePipelineCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

const HOUR = 3_600_000;
const nextHour = (ms: number) => Math.floor(ms / HOUR) * HOUR + HOUR;

describe('Image Builder: scheduled pipelines', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('starts a SCHEDULED build each time the cron matches, and tells when it runs next', async () => {
    // Prepare
    const setup = await t.pipeline({
      pipeline: { schedule: { scheduleExpression: 'cron(0 * * * ? *)', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' } },
    });
    const first = nextHour(t.cloud.clock.now());
    const { imagePipeline } = await t.ib.send(new GetImagePipelineCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    t.cloud.clock.advanceTo(first + HOUR);
    // Assess
    expect(imagePipeline?.dateNextRun).toBe(new Date(first).toISOString());
    const { imageSummaryList } = await t.ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: setup.pipelineArn }));
    expect(imageSummaryList?.map((i) => [i.buildType, i.dateCreated])).toEqual([
      ['SCHEDULED', new Date(first).toISOString()],
      ['SCHEDULED', new Date(first + HOUR).toISOString()],
    ]);
  });

  it('builds again on the default condition only when a component has a newer version', async () => {
    // Prepare
    const component = `scheduled-${Date.now()}`;
    const setup = await t.pipeline({
      components: [{ name: component, data: buildDocument() }],
      pipeline: { schedule: { scheduleExpression: 'cron(0 * * * ? *)' } },
    });
    const versionless = setup.componentArns[0].replace(/\/1\.0\.0\/1$/, '/x.x.x');
    await t.ib.send(
      new UpdateImagePipelineCommand({
        imagePipelineArn: setup.pipelineArn,
        imageRecipeArn: (await t.pipeline({ components: [], recipe: { components: [{ componentArn: versionless }] } })).recipeArn,
        infrastructureConfigurationArn: setup.infrastructureArn,
        schedule: { scheduleExpression: 'cron(0 * * * ? *)' },
      }),
    );
    const list = async () => (await t.ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: setup.pipelineArn }))).imageSummaryList ?? [];
    // Act
    t.cloud.clock.advanceTo(nextHour(t.cloud.clock.now()) + 2 * HOUR - 1);
    const unchanged = await list();
    await t.ib.send(new CreateComponentCommand({ name: component, semanticVersion: '1.1.0', platform: 'Linux', data: buildDocument() }));
    t.cloud.clock.advance(HOUR);
    await new Promise((resolve) => setImmediate(resolve));
    // Assess
    expect(unchanged).toHaveLength(1);
    expect(await list()).toHaveLength(2);
  });

  it('refuses a cron expression with five fields', async () => {
    // Prepare
    const setup = await t.pipeline();
    // Act
    const call = t.ib.send(
      new UpdateImagePipelineCommand({
        imagePipelineArn: setup.pipelineArn,
        imageRecipeArn: setup.recipeArn,
        infrastructureConfigurationArn: setup.infrastructureArn,
        schedule: { scheduleExpression: 'cron(0 4 * * 2)' },
      }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      /^The value supplied for parameter 'schedule\.scheduleExpression' is not valid\. The schedule expression is not valid: /,
    );
  });
});
