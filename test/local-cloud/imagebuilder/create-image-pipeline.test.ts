import { CreateImagePipelineCommand, GetImagePipelineCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, type PipelineSetup, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: CreateImagePipeline', () => {
  let t: ImageBuilderTestCloud;
  let setup: PipelineSetup;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    setup = await t.pipeline();
  });
  afterAll(() => t.cloud.stop());

  const base = () => ({ imageRecipeArn: setup.recipeArn, infrastructureConfigurationArn: setup.infrastructureArn });

  it('creates a pipeline with its schedule, tests, scanning and status', async () => {
    // Act
    const created = await t.ib.send(
      new CreateImagePipelineCommand({
        ...base(),
        name: 'Monthly Web',
        description: 'Monthly patching',
        distributionConfigurationArn: setup.distributionArn,
        imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 90 },
        enhancedImageMetadataEnabled: true,
        imageScanningConfiguration: { imageScanningEnabled: true },
        schedule: { scheduleExpression: 'cron(0 4 ? * tue#2 *)', timezone: 'Europe/Paris', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' },
        status: 'DISABLED',
        tags: { team: 'web' },
      }),
    );
    // Assess
    expect(created.imagePipelineArn).toBe('arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/monthly-web');
    const { imagePipeline } = await t.ib.send(new GetImagePipelineCommand({ imagePipelineArn: created.imagePipelineArn }));
    expect(imagePipeline).toMatchObject({
      name: 'Monthly Web',
      platform: 'Linux',
      imageRecipeArn: setup.recipeArn,
      infrastructureConfigurationArn: setup.infrastructureArn,
      distributionConfigurationArn: setup.distributionArn,
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 90 },
      imageScanningConfiguration: { imageScanningEnabled: true },
      schedule: { scheduleExpression: 'cron(0 4 ? * tue#2 *)', timezone: 'Europe/Paris', pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' },
      status: 'DISABLED',
      tags: { team: 'web' },
    });
  });

  it('applies Image Builder’s defaults', async () => {
    // Act
    const created = await t.ib.send(new CreateImagePipelineCommand({ ...base(), name: 'defaults' }));
    // Assess
    const { imagePipeline } = await t.ib.send(new GetImagePipelineCommand({ imagePipelineArn: created.imagePipelineArn }));
    expect(imagePipeline).toMatchObject({
      status: 'ENABLED',
      enhancedImageMetadataEnabled: true,
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 },
    });
  });

  it('refuses a name that exists already', async () => {
    // Act
    const call = t.ib.send(new CreateImagePipelineCommand({ ...base(), name: setup.name }));
    // Assess
    await expectImageBuilderError(call, 'ResourceAlreadyExistsException', `The following resource 'ImagePipeline' already exists: '${setup.pipelineArn}'.`);
  });

  it('answers ResourceNotFoundException for an infrastructure configuration that does not exist', async () => {
    // Prepare
    const missing = 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/none';
    // Act
    const call = t.ib.send(new CreateImagePipelineCommand({ ...base(), infrastructureConfigurationArn: missing, name: 'orphan' }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceNotFoundException',
      `The following required resource 'InfrastructureConfiguration' cannot be found: '${missing}'.`,
      404,
    );
  });

  it('refuses a schedule that is not a cron expression', async () => {
    // Act
    const call = t.ib.send(new CreateImagePipelineCommand({ ...base(), name: 'rated', schedule: { scheduleExpression: 'rate(1 day)' } }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'schedule.scheduleExpression' is not valid. The schedule expression is not valid: it must be a cron expression, such as cron(0 0 * * ? *).",
    );
  });

  it('refuses a test timeout under an hour', async () => {
    // Act
    const call = t.ib.send(new CreateImagePipelineCommand({ ...base(), name: 'hasty', imageTestsConfiguration: { timeoutMinutes: 30 } }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'imageTestsConfiguration.timeoutMinutes' is not valid. imageTestsConfiguration.timeoutMinutes must be greater than or equal to 60",
    );
  });
});
