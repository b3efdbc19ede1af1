import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GetFunctionCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, esm } from './function-package.ts';

describe('Lambda: GetFunction', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'get-me', esm('return 1;'), { Tags: { team: 'platform' }, Publish: true });
  });
  afterAll(() => cloud.stop());

  it('returns the configuration, where the package is and the tags', async () => {
    // Act
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'get-me' }));
    // Assess
    expect(fn.Configuration).toMatchObject({
      FunctionName: 'get-me',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:get-me',
      Version: '$LATEST',
      State: 'Active',
    });
    expect(fn.Tags).toEqual({ team: 'platform' });
    expect(fn.Code?.RepositoryType).toBe('S3');
    expect(existsSync(fileURLToPath(String(fn.Code?.Location)))).toBe(true);
  });

  it('finds a function by its ARN and a published version by qualifier', async () => {
    // Act
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:get-me', Qualifier: '1' }));
    // Assess
    expect(fn.Configuration?.Version).toBe('1');
    expect(fn.Configuration?.FunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:get-me:1');
  });

  it('throws ResourceNotFoundException for an unknown function', async () => {
    // Act
    const error = await lambda.send(new GetFunctionCommand({ FunctionName: 'nobody' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:nobody');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('throws ResourceNotFoundException for an unknown version', async () => {
    // Act
    const error = await lambda.send(new GetFunctionCommand({ FunctionName: 'get-me', Qualifier: '7' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:get-me:7');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});

describe('Lambda: GetFunctionConfiguration', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'configured', esm('return 1;'), { Timeout: 10, Environment: { Variables: { STAGE: '1' } } });
  });
  afterAll(() => cloud.stop());

  it('returns the configuration of $LATEST', async () => {
    // Act
    const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'configured' }));
    // Assess
    expect(configuration).toMatchObject({
      FunctionName: 'configured',
      Timeout: 10,
      Environment: { Variables: { STAGE: '1' } },
      LastUpdateStatus: 'Successful',
    });
  });

  it('throws ResourceNotFoundException for a function of another region', async () => {
    // Prepare
    const elsewhere = new LambdaClient(cloud.config('eu-west-1'));
    // Act
    const error = await elsewhere.send(new GetFunctionConfigurationCommand({ FunctionName: 'configured' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Function not found: arn:aws:lambda:eu-west-1:123456789012:function:configured');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});
