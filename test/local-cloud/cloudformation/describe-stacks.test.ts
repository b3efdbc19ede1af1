import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapTemplate, type CloudFormationTestCloud, startCloudFormationTestCloud } from './cloudformation-test-cloud.ts';

describe('CloudFormation: DescribeStacks', () => {
  let t: CloudFormationTestCloud;
  beforeAll(async () => {
    t = await startCloudFormationTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('returns a stack by name with its outputs, parameters and tags', async () => {
    // Prepare
    const stackId = t.register({
      stackName: 'CDKToolkit',
      templateBody: bootstrapTemplate,
      outputs: { BootstrapVersion: '28', BucketName: 'cdk-assets' },
      parameters: { Qualifier: 'hnb659fds' },
      tags: { team: 'platform' },
    });
    // Act
    const { Stacks } = await t.cloudformation.send(new DescribeStacksCommand({ StackName: 'CDKToolkit' }));
    // Assess
    expect(Stacks).toHaveLength(1);
    const [stack] = Stacks ?? [];
    expect(stack.StackId).toBe(stackId);
    expect(stack.StackId).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/CDKToolkit\/[0-9a-f-]{36}$/);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Description).toBe('This stack includes resources needed to deploy AWS CDK apps into this environment');
    expect(stack.CreationTime).toEqual(new Date(t.cloud.clock.now()));
    expect(stack.Outputs).toEqual([
      { OutputKey: 'BootstrapVersion', OutputValue: '28' },
      { OutputKey: 'BucketName', OutputValue: 'cdk-assets' },
    ]);
    expect(stack.Parameters).toEqual([{ ParameterKey: 'Qualifier', ParameterValue: 'hnb659fds' }]);
    expect(stack.Tags).toEqual([{ Key: 'team', Value: 'platform' }]);
  });

  it('returns a stack by its stack id', async () => {
    // Prepare
    const stackId = t.register({ stackName: 'by-id', templateBody: bootstrapTemplate });
    // Act
    const { Stacks } = await t.cloudformation.send(new DescribeStacksCommand({ StackName: stackId }));
    // Assess
    expect(Stacks?.map((s) => s.StackName)).toEqual(['by-id']);
    expect(Stacks?.[0].Parameters).toBeUndefined();
  });

  it('updates the live stack of the same name in place', async () => {
    // Prepare
    const first = t.register({ stackName: 'updated', templateBody: bootstrapTemplate, outputs: { Version: '1' } });
    t.cloud.clock.advance(60_000);
    // Act
    const second = t.register({ stackName: 'updated', templateBody: bootstrapTemplate, outputs: { Version: '2' } });
    const { Stacks } = await t.cloudformation.send(new DescribeStacksCommand({ StackName: 'updated' }));
    // Assess
    expect(second).toBe(first);
    expect(Stacks?.[0].StackStatus).toBe('UPDATE_COMPLETE');
    expect(Stacks?.[0].Outputs).toEqual([{ OutputKey: 'Version', OutputValue: '2' }]);
    expect(Stacks?.[0].LastUpdatedTime?.getTime()).toBe((Stacks?.[0].CreationTime?.getTime() ?? 0) + 60_000);
  });

  it('lists every live stack when no name is given, leaving deleted ones out', async () => {
    // Prepare
    t.register({ stackName: 'gone', templateBody: bootstrapTemplate, status: 'DELETE_COMPLETE' });
    // Act
    const { Stacks } = await t.cloudformation.send(new DescribeStacksCommand({}));
    // Assess
    const names = Stacks?.map((s) => s.StackName) ?? [];
    expect(names).toEqual(expect.arrayContaining(['CDKToolkit', 'by-id', 'updated']));
    expect(names).not.toContain('gone');
  });

  it('finds a deleted stack by its stack id only', async () => {
    // Prepare
    const stackId = t.register({ stackName: 'deleted-later', templateBody: bootstrapTemplate, status: 'DELETE_COMPLETE' });
    // Act
    const byId = await t.cloudformation.send(new DescribeStacksCommand({ StackName: stackId }));
    const byName = t.cloudformation.send(new DescribeStacksCommand({ StackName: 'deleted-later' }));
    // Assess
    expect(byId.Stacks?.[0].StackStatus).toBe('DELETE_COMPLETE');
    expect(byId.Stacks?.[0].DeletionTime).toBeInstanceOf(Date);
    await expect(byName).rejects.toMatchObject({ name: 'ValidationError', message: 'Stack with id deleted-later does not exist' });
  });

  it('answers ValidationError for a stack that does not exist', async () => {
    // Prepare
    const request = new DescribeStacksCommand({ StackName: 'SSTBootstrap' });
    // Act
    const error = await t.cloudformation.send(request).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'ValidationError',
      Code: 'ValidationError',
      message: 'Stack with id SSTBootstrap does not exist',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
