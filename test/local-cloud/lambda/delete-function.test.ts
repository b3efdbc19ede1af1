import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeleteFunctionCommand, GetFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, esm } from './function-package.ts';

describe('Lambda: DeleteFunction', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('deletes the function and its code', async () => {
    // Prepare
    await createFunction(lambda, 'doomed', esm('return 1;'));
    await lambda.send(new InvokeCommand({ FunctionName: 'doomed' }));
    const location = fileURLToPath(String((await lambda.send(new GetFunctionCommand({ FunctionName: 'doomed' }))).Code?.Location));
    // Act
    const deleted = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'doomed' }));
    const error = await lambda.send(new GetFunctionCommand({ FunctionName: 'doomed' })).catch((e) => e);
    // Assess
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(error.name).toBe('ResourceNotFoundException');
    expect(existsSync(location)).toBe(false);
  });

  it('deletes one published version only', async () => {
    // Prepare
    await createFunction(lambda, 'trimmed', esm('return 1;'), { Publish: true });
    // Act
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'trimmed', Qualifier: '1' }));
    const latest = await lambda.send(new GetFunctionCommand({ FunctionName: 'trimmed' }));
    const version = await lambda.send(new GetFunctionCommand({ FunctionName: 'trimmed', Qualifier: '1' })).catch((e) => e);
    // Assess
    expect(latest.Configuration?.FunctionName).toBe('trimmed');
    expect(version.name).toBe('ResourceNotFoundException');
  });

  it('throws ResourceNotFoundException for an unknown function', async () => {
    // Act
    const error = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'never-was' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:never-was');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('throws InvalidParameterValueException for the $LATEST qualifier', async () => {
    // Prepare
    await createFunction(lambda, 'kept', esm('return 1;'));
    // Act
    const error = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'kept', Qualifier: '$LATEST' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toBe('$LATEST version cannot be deleted without deleting the function.');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});
