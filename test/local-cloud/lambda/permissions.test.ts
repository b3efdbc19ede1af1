import { AddPermissionCommand, GetPolicyCommand, LambdaClient, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, esm } from './function-package.ts';

const RULE_ARN = 'arn:aws:events:us-east-1:123456789012:rule/nightly';

describe('Lambda: AddPermission', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'guarded', esm('return 1;'));
  });
  afterAll(() => cloud.stop());

  it('records a statement as Lambda writes it', async () => {
    // Act
    const added = await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'guarded',
        StatementId: 'events-nightly',
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        SourceArn: RULE_ARN,
        SourceAccount: '123456789012',
      }),
    );
    // Assess
    expect(added.$metadata.httpStatusCode).toBe(201);
    expect(JSON.parse(String(added.Statement))).toEqual({
      Sid: 'events-nightly',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:guarded',
      Condition: { StringEquals: { 'AWS:SourceAccount': '123456789012' }, ArnLike: { 'AWS:SourceArn': RULE_ARN } },
    });
  });

  it('throws ResourceConflictException for a statement id already used', async () => {
    // Prepare
    const input = { FunctionName: 'guarded', StatementId: 'twice', Action: 'lambda:InvokeFunction', Principal: '111122223333' };
    await lambda.send(new AddPermissionCommand(input));
    // Act
    const error = await lambda.send(new AddPermissionCommand(input)).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceConflictException');
    expect(error.message).toBe('The statement id (twice) provided already exists. Please provide a new statement id, or remove the existing statement.');
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  it('throws ResourceNotFoundException for an unknown function', async () => {
    // Act
    const error = await lambda
      .send(new AddPermissionCommand({ FunctionName: 'unguarded', StatementId: 's', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com' }))
      .catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:unguarded');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});

describe('Lambda: GetPolicy', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'open', esm('return 1;'));
    await createFunction(lambda, 'closed', esm('return 1;'));
    await lambda.send(new AddPermissionCommand({ FunctionName: 'open', StatementId: 'account', Action: 'lambda:InvokeFunction', Principal: '111122223333' }));
  });
  afterAll(() => cloud.stop());

  it('returns the policy document with its statements', async () => {
    // Act
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: 'open' }));
    // Assess
    const document = JSON.parse(String(policy.Policy));
    expect(document).toMatchObject({ Version: '2012-10-17', Id: 'default' });
    expect(document.Statement).toEqual([
      expect.objectContaining({ Sid: 'account', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'lambda:InvokeFunction' }),
    ]);
    expect(policy.RevisionId).toBeTruthy();
  });

  it('throws ResourceNotFoundException for a function without a policy', async () => {
    // Act
    const error = await lambda.send(new GetPolicyCommand({ FunctionName: 'closed' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('The resource you requested does not exist.');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});

describe('Lambda: RemovePermission', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'revoked', esm('return 1;'));
  });
  afterAll(() => cloud.stop());

  it('removes a statement, and the policy with its last one', async () => {
    // Prepare
    await lambda.send(
      new AddPermissionCommand({ FunctionName: 'revoked', StatementId: 'only', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com' }),
    );
    // Act
    const removed = await lambda.send(new RemovePermissionCommand({ FunctionName: 'revoked', StatementId: 'only' }));
    const error = await lambda.send(new GetPolicyCommand({ FunctionName: 'revoked' })).catch((e) => e);
    // Assess
    expect(removed.$metadata.httpStatusCode).toBe(204);
    expect(error.name).toBe('ResourceNotFoundException');
  });

  it('throws ResourceNotFoundException for an unknown statement', async () => {
    // Act
    const error = await lambda.send(new RemovePermissionCommand({ FunctionName: 'revoked', StatementId: 'ghost' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Statement ghost is not found in resource policy.');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});
