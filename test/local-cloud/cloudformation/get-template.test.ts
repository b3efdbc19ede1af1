import { GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapTemplate, type CloudFormationTestCloud, startCloudFormationTestCloud } from './cloudformation-test-cloud.ts';

describe('CloudFormation: GetTemplate', () => {
  let t: CloudFormationTestCloud;
  beforeAll(async () => {
    t = await startCloudFormationTestCloud();
    t.register({ stackName: 'prod-goldsmith-Release', templateBody: bootstrapTemplate });
  });
  afterAll(() => t.cloud.stop());

  it('returns the template body the stack was deployed with', async () => {
    // Prepare
    const request = new GetTemplateCommand({ StackName: 'prod-goldsmith-Release' });
    // Act
    const output = await t.cloudformation.send(request);
    // Assess
    expect(output.TemplateBody).toBe(bootstrapTemplate);
    expect(output.StagesAvailable).toEqual(['Original', 'Processed']);
  });

  it('returns the same body for the processed stage of a template without transforms', async () => {
    // Prepare
    const request = new GetTemplateCommand({ StackName: 'prod-goldsmith-Release', TemplateStage: 'Processed' });
    // Act
    const output = await t.cloudformation.send(request);
    // Assess
    expect(JSON.parse(output.TemplateBody ?? '')).toEqual(JSON.parse(bootstrapTemplate));
  });

  it('answers ValidationError for a stack that does not exist', async () => {
    // Prepare
    const request = new GetTemplateCommand({ StackName: 'prod-goldsmith-Nope' });
    // Act
    const error = await t.cloudformation.send(request).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationError', message: 'Stack with id prod-goldsmith-Nope does not exist', $metadata: { httpStatusCode: 400 } });
  });

  it('answers ValidationError for an unknown template stage', async () => {
    // Prepare
    const request = new GetTemplateCommand({ StackName: 'prod-goldsmith-Release', TemplateStage: 'Final' as 'Original' });
    // Act
    const error = await t.cloudformation.send(request).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'Final' at 'templateStage' failed to satisfy constraint: Member must satisfy enum value set: [Original, Processed]",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers ChangeSetNotFound for a change set, which the local cloud never has', async () => {
    // Prepare
    const request = new GetTemplateCommand({ StackName: 'prod-goldsmith-Release', ChangeSetName: 'cdk-deploy-change-set' });
    // Act
    const error = await t.cloudformation.send(request).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'ChangeSetNotFoundException',
      message: 'ChangeSet [cdk-deploy-change-set] does not exist',
      $metadata: { httpStatusCode: 404 },
    });
  });
});
