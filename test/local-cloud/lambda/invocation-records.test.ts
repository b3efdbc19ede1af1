import { InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, esm } from './function-package.ts';

describe('Lambda: invocation records', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;
  const records = () => cloud.runtime.services.lambda.invocations();

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('records what each invocation is billed, with the init duration on a cold start only', async () => {
    // Prepare
    await createFunction(lambda, 'billed', esm('await new Promise((r) => setTimeout(r, 20)); return 1;'), { MemorySize: 2048 });
    // Act
    const cold = await lambda.send(new InvokeCommand({ FunctionName: 'billed' }));
    const warm = await lambda.send(new InvokeCommand({ FunctionName: 'billed' }));
    // Assess
    const [first, second] = [cold, warm].map((response) => records().find((r) => r.requestId === response.$metadata.requestId));
    expect(first).toMatchObject({
      functionName: 'billed',
      version: '$LATEST',
      invocationType: 'RequestResponse',
      memorySizeMB: 2048,
      coldStart: true,
      outcome: 'success',
    });
    expect(first?.initDurationMs).toBeGreaterThan(0);
    expect(first?.billedDurationMs).toBe(Math.ceil((first?.durationMs ?? 0) + (first?.initDurationMs ?? 0)));
    expect(second).toMatchObject({ coldStart: false, initDurationMs: undefined, outcome: 'success' });
    expect(second?.durationMs).toBeGreaterThanOrEqual(19);
    expect(second?.billedDurationMs).toBe(Math.ceil(second?.durationMs ?? 0));
    expect(second?.gbSeconds).toBeCloseTo(2 * ((second?.billedDurationMs ?? 0) / 1000), 10);
  });

  it('records the outcome of a failed invocation', async () => {
    // Prepare
    await createFunction(lambda, 'failing', esm("throw new TypeError('bad input');"));
    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'failing' }));
    // Assess
    expect(records().find((r) => r.requestId === response.$metadata.requestId)).toMatchObject({ outcome: 'error', errorType: 'TypeError' });
  });

  it('forgets functions and records on reset', async () => {
    // Prepare
    await createFunction(lambda, 'reset-me', esm('return 1;'));
    await lambda.send(new InvokeCommand({ FunctionName: 'reset-me' }));
    // Act
    await cloud.reset();
    const listed = await lambda.send(new ListFunctionsCommand({}));
    // Assess
    expect(listed.Functions).toEqual([]);
    expect(records()).toEqual([]);
  });
});
