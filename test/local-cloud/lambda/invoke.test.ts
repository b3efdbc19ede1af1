import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, esm, payloadOf, resultOf } from './function-package.ts';

const SCOPE = { accountId: '123456789012', region: 'us-east-1' };

describe('Lambda: Invoke', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;
  const records = () => cloud.runtime.services.lambda.invocations();

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'echo', esm("console.log('got', JSON.stringify(event)); return { event };"));
    await createFunction(
      lambda,
      'context',
      esm(`return {
        awsRequestId: context.awsRequestId,
        functionName: context.functionName,
        functionVersion: context.functionVersion,
        invokedFunctionArn: context.invokedFunctionArn,
        memoryLimitInMB: context.memoryLimitInMB,
        logGroupName: context.logGroupName,
        logStreamName: context.logStreamName,
        remaining: context.getRemainingTimeInMillis(),
        clientContext: context.clientContext,
      };`),
      { MemorySize: 256, Timeout: 7 },
    );
    await createFunction(lambda, 'chatty', esm("for (let i = 0; i < 200; i++) console.log('line', i, 'x'.repeat(40)); return 'done';"));
  });
  afterAll(() => cloud.stop());

  it("returns the handler's JSON result with status 200", async () => {
    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: payloadOf({ hello: 'world' }) }));
    // Assess
    expect(response.StatusCode).toBe(200);
    expect(response.FunctionError).toBeUndefined();
    expect(response.ExecutedVersion).toBe('$LATEST');
    expect(resultOf(response.Payload)).toEqual({ event: { hello: 'world' } });
  });

  it('passes an empty object for an empty payload', async () => {
    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'echo' }));
    // Assess
    expect(resultOf(response.Payload)).toEqual({ event: {} });
  });

  it('gives the handler a context object', async () => {
    // Prepare
    const clientContext = Buffer.from(JSON.stringify({ custom: { caller: 'test' } })).toString('base64');
    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'context', ClientContext: clientContext }));
    // Assess
    const context = resultOf(response.Payload);
    expect(context).toMatchObject({
      awsRequestId: response.$metadata.requestId,
      functionName: 'context',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:context',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/context',
      clientContext: { custom: { caller: 'test' } },
    });
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(context.remaining).toBeGreaterThan(0);
    expect(context.remaining).toBeLessThanOrEqual(7000);
  });

  it('returns the last 4 KB of the log with LogType Tail', async () => {
    // Act
    const quiet = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: payloadOf({ n: 1 }), LogType: 'Tail' }));
    const chatty = await lambda.send(new InvokeCommand({ FunctionName: 'chatty', LogType: 'Tail' }));
    // Assess
    const log = Buffer.from(String(quiet.LogResult), 'base64').toString('utf8');
    const requestId = quiet.$metadata.requestId;
    expect(log).toContain(`START RequestId: ${requestId} Version: $LATEST`);
    expect(log).toMatch(new RegExp(`\\t${requestId}\\tINFO\\tgot {"n":1}\\n`));
    expect(log).toContain(`END RequestId: ${requestId}`);
    expect(log).toMatch(
      new RegExp(`REPORT RequestId: ${requestId}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB`),
    );
    const tail = Buffer.from(String(chatty.LogResult), 'base64');
    expect(tail.byteLength).toBe(4096);
    expect(tail.toString('utf8')).toContain('REPORT RequestId:');
  });

  it('answers 202 for an Event invocation and runs the function in the background', async () => {
    // Prepare
    const before = records().length;
    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: payloadOf({ async: true }) }));
    // Assess
    expect(response.StatusCode).toBe(202);
    expect(Buffer.from(response.Payload ?? []).byteLength).toBe(0);
    await expect
      .poll(
        () =>
          records()
            .slice(before)
            .find((r) => r.requestId === response.$metadata.requestId)?.outcome,
      )
      .toBe('success');
  });

  it('answers 204 for DryRun without running the function', async () => {
    // Prepare
    const before = records().length;
    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }));
    // Assess
    expect(response.StatusCode).toBe(204);
    expect(records()).toHaveLength(before);
  });

  it('serves other services in-process with a Buffer payload', async () => {
    // Act
    const response = await cloud.runtime.invoke<{ StatusCode: number; Payload: Buffer }>(
      'lambda',
      'Invoke',
      { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:echo', InvocationType: 'RequestResponse', Payload: payloadOf({ from: 'states' }) },
      SCOPE,
      'states',
    );
    // Assess
    expect(response.StatusCode).toBe(200);
    expect(Buffer.isBuffer(response.Payload)).toBe(true);
    expect(JSON.parse(response.Payload.toString())).toEqual({ event: { from: 'states' } });
  });

  it('throws ResourceNotFoundException for an unknown function', async () => {
    // Act
    const error = await lambda.send(new InvokeCommand({ FunctionName: 'ghost' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Function not found: arn:aws:lambda:us-east-1:123456789012:function:ghost');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('throws RequestTooLargeException for a synchronous payload over 6 MB', async () => {
    // Prepare
    const payload = payloadOf({ data: 'x'.repeat(6_291_456) });
    // Act
    const error = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: payload })).catch((e) => e);
    // Assess
    expect(error.name).toBe('RequestTooLargeException');
    expect(error.message).toBe('Request must be smaller than 6291456 bytes for the Invoke operation');
    expect(error.$metadata.httpStatusCode).toBe(413);
  });

  it('throws RequestTooLargeException for an asynchronous payload over 1 MB', async () => {
    // Prepare
    const payload = payloadOf({ data: 'x'.repeat(1_048_576) });
    // Act
    const error = await lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: payload })).catch((e) => e);
    // Assess
    expect(error.name).toBe('RequestTooLargeException');
    expect(error.message).toBe('Request must be smaller than 1048576 bytes for the Invoke operation');
    expect(error.$metadata.httpStatusCode).toBe(413);
  });

  it('throws InvalidRequestContentException for a payload that is not JSON', async () => {
    // Act
    const error = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{not json') })).catch((e) => e);
    // Assess
    expect(error.name).toBe('InvalidRequestContentException');
    expect(error.message).toMatch(/^Could not parse request body into json: Could not parse payload into json: /);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});
