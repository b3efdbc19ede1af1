import { ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapTemplate, type CloudFormationTestCloud, startCloudFormationTestCloud } from './cloudformation-test-cloud.ts';

describe('CloudFormation: ListStacks', () => {
  let t: CloudFormationTestCloud;
  beforeAll(async () => {
    t = await startCloudFormationTestCloud();
    t.register({ stackName: 'live', templateBody: bootstrapTemplate });
    t.register({ stackName: 'deleted', templateBody: bootstrapTemplate, status: 'DELETE_COMPLETE' });
  });
  afterAll(() => t.cloud.stop());

  it('lists every stack, deleted ones included, with their template description', async () => {
    // Prepare
    const request = new ListStacksCommand({});
    // Act
    const { StackSummaries } = await t.cloudformation.send(request);
    // Assess
    expect(StackSummaries?.map((s) => [s.StackName, s.StackStatus]).sort()).toEqual([
      ['deleted', 'DELETE_COMPLETE'],
      ['live', 'CREATE_COMPLETE'],
    ]);
    expect(StackSummaries?.[0].TemplateDescription).toBe('This stack includes resources needed to deploy AWS CDK apps into this environment');
  });

  it('lists only stacks in the statuses of the filter', async () => {
    // Prepare
    const request = new ListStacksCommand({ StackStatusFilter: ['CREATE_COMPLETE', 'UPDATE_COMPLETE'] });
    // Act
    const { StackSummaries } = await t.cloudformation.send(request);
    // Assess
    expect(StackSummaries?.map((s) => s.StackName)).toEqual(['live']);
  });

  it('answers ValidationError for a status that does not exist', async () => {
    // Prepare
    const request = new ListStacksCommand({ StackStatusFilter: ['CREATE_COMPLETE', 'DONE' as 'CREATE_COMPLETE'] });
    // Act
    const error = await t.cloudformation.send(request).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    expect((error as Error).message).toMatch(
      /^1 validation error detected: Value '\[CREATE_COMPLETE, DONE\]' at 'stackStatusFilter' failed to satisfy constraint: Member must satisfy constraint: \[Member must satisfy enum value set: \[CREATE_IN_PROGRESS, .*, IMPORT_ROLLBACK_COMPLETE\]\]$/,
    );
  });
});
