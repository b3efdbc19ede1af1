import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, esm, payloadOf, resultOf } from './function-package.ts';

describe('Lambda: function errors', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;
  const records = () => cloud.runtime.services.lambda.invocations();

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('answers a thrown error with status 200, FunctionError Unhandled and its type, message and trace', async () => {
    // Prepare
    await createFunction(lambda, 'thrower', {
      'index.mjs': `class BuildFailedError extends Error {
        constructor(message) { super(message); this.name = 'BuildFailedError'; }
      }
      export const handler = async () => { throw new BuildFailedError('build 42 failed'); };`,
    });
    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'thrower', LogType: 'Tail' }));
    // Assess
    expect(response.StatusCode).toBe(200);
    expect(response.FunctionError).toBe('Unhandled');
    const payload = resultOf(response.Payload);
    expect(Object.keys(payload)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(payload.errorType).toBe('BuildFailedError');
    expect(payload.errorMessage).toBe('build 42 failed');
    expect(payload.trace[0]).toBe('BuildFailedError: build 42 failed');
    expect(payload.trace[1]).toMatch(/^ {4}at /);
    expect(Buffer.from(String(response.LogResult), 'base64').toString()).toMatch(
      /\tERROR\tInvoke Error \t\{"errorType":"BuildFailedError","errorMessage":"build 42 failed","stack":\[/,
    );
  });

  it('reports a thrown value that is not an Error by its type', async () => {
    // Prepare
    await createFunction(lambda, 'string-thrower', esm("throw 'no luck';"));
    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'string-thrower' }));
    // Assess
    expect(response.FunctionError).toBe('Unhandled');
    expect(resultOf(response.Payload)).toEqual({ errorType: 'string', errorMessage: 'no luck', trace: [] });
  });

  it('times the function out after its timeout, in real seconds, and starts the next invocation cold', async () => {
    // Prepare
    await createFunction(
      lambda,
      'sleeper',
      {
        'index.mjs':
          'let calls = 0;\nexport const handler = async (event) => { calls++; if (event.sleep) await new Promise((r) => setTimeout(r, 5000)); return calls; };',
      },
      { Timeout: 1 },
    );
    await lambda.send(new InvokeCommand({ FunctionName: 'sleeper', Payload: payloadOf({}) }));
    // Act
    const started = Date.now();
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'sleeper', Payload: payloadOf({ sleep: true }), LogType: 'Tail' }));
    const elapsed = Date.now() - started;
    const next = await lambda.send(new InvokeCommand({ FunctionName: 'sleeper', Payload: payloadOf({}) }));
    // Assess
    const requestId = response.$metadata.requestId;
    expect(response.StatusCode).toBe(200);
    expect(response.FunctionError).toBe('Unhandled');
    expect(resultOf(response.Payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${requestId} Error: Task timed out after 1.00 seconds`,
    });
    const log = Buffer.from(String(response.LogResult), 'base64').toString();
    expect(log).toMatch(new RegExp(`Z ${requestId} Task timed out after 1.00 seconds\\n`));
    expect(log).toMatch(/Duration: 1000\.00 ms\tBilled Duration: 1000 ms\t.*Status: timeout/);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(4000);
    expect(resultOf(next.Payload)).toBe(1);
    expect(records().find((r) => r.requestId === requestId)?.outcome).toBe('timeout');
  });

  it('reports a function that exits its runtime', async () => {
    // Prepare
    await createFunction(lambda, 'quitter', esm('process.exit(3);'));
    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'quitter' }));
    // Assess
    expect(response.FunctionError).toBe('Unhandled');
    expect(resultOf(response.Payload)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${response.$metadata.requestId} Error: Runtime exited with error: exit status 3`,
    });
  });

  it('retries a failed Event invocation one simulated minute later', async () => {
    // Prepare
    await createFunction(lambda, 'flaky', esm("throw new Error('not yet');"));
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'flaky', InvocationType: 'Event' }));
    const attempts = () => records().filter((r) => r.requestId === response.$metadata.requestId);
    await expect.poll(() => attempts().length).toBe(1);
    // Act
    cloud.clock.advance(60_000);
    // Assess
    await expect.poll(() => attempts().length).toBe(2);
    expect(attempts().map((r) => r.outcome)).toEqual(['error', 'error']);
  });
});
