import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, esm, resultOf, sha256Of, zipOf } from './function-package.ts';

describe('Lambda: UpdateFunctionCode', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('runs the new code from the next invocation on, in a fresh environment', async () => {
    // Prepare
    await createFunction(lambda, 'code-v1', esm("globalThis.count = (globalThis.count ?? 0) + 1; return { version: 'one', count: globalThis.count };"));
    await lambda.send(new InvokeCommand({ FunctionName: 'code-v1' }));
    const code = zipOf(esm("globalThis.count = (globalThis.count ?? 0) + 1; return { version: 'two', count: globalThis.count };"));
    // Act
    const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'code-v1', ZipFile: code }));
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'code-v1' }));
    // Assess
    expect(updated.CodeSha256).toBe(sha256Of(code));
    expect(updated.LastUpdateStatus).toBe('Successful');
    expect(resultOf(invoked.Payload)).toEqual({ version: 'two', count: 1 });
  });

  it('publishes a version with the new code when asked to', async () => {
    // Prepare
    await createFunction(lambda, 'code-publish', esm('return 1;'));
    // Act
    const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'code-publish', ZipFile: zipOf(esm('return 2;')), Publish: true }));
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'code-publish', Qualifier: '1' }));
    // Assess
    expect(updated.Version).toBe('1');
    expect(updated.FunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:code-publish:1');
    expect(resultOf(invoked.Payload)).toBe(2);
    expect(invoked.ExecutedVersion).toBe('1');
  });

  it('throws PreconditionFailedException for a stale RevisionId', async () => {
    // Prepare
    const created = await createFunction(lambda, 'code-revision', esm('return 1;'));
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'code-revision', Description: 'changed' }));
    // Act
    const error = await lambda
      .send(new UpdateFunctionCodeCommand({ FunctionName: 'code-revision', ZipFile: zipOf(esm('return 2;')), RevisionId: created.RevisionId }))
      .catch((e) => e);
    // Assess
    expect(error.name).toBe('PreconditionFailedException');
    expect(error.message).toBe(
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    );
    expect(error.$metadata.httpStatusCode).toBe(412);
  });

  it('throws ResourceNotFoundException for an unknown function', async () => {
    // Act
    const error = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'no-code', ZipFile: zipOf(esm('return 1;')) })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:no-code');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});

describe('Lambda: UpdateFunctionConfiguration', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('changes the configuration and the environment the next invocation sees', async () => {
    // Prepare
    const created = await createFunction(lambda, 'config-env', esm('return process.env.GREETING;'), { Environment: { Variables: { GREETING: 'hello' } } });
    await lambda.send(new InvokeCommand({ FunctionName: 'config-env' }));
    // Act
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'config-env', Environment: { Variables: { GREETING: 'bonjour' } }, Timeout: 20, MemorySize: 256 }),
    );
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'config-env' }));
    // Assess
    expect(updated).toMatchObject({ Timeout: 20, MemorySize: 256, Environment: { Variables: { GREETING: 'bonjour' } }, LastUpdateStatus: 'Successful' });
    expect(updated.RevisionId).not.toBe(created.RevisionId);
    expect(resultOf(invoked.Payload)).toBe('bonjour');
  });

  it('throws ValidationException for a timeout over 900 seconds and changes nothing', async () => {
    // Prepare
    await createFunction(lambda, 'config-timeout', esm('return 1;'), { Timeout: 5 });
    // Act
    const error = await lambda
      .send(new UpdateFunctionConfigurationCommand({ FunctionName: 'config-timeout', Timeout: 1000, Description: 'x' }))
      .catch((e) => e);
    const after = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'config-timeout' }));
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value '1000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(after).toMatchObject({ Timeout: 5, Description: '' });
  });

  it('throws ResourceNotFoundException for an unknown function', async () => {
    // Act
    const error = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'no-config', Timeout: 5 })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:no-config');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});
