import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, esm, payloadOf, resultOf } from './function-package.ts';

describe('Lambda: execution environments', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;
  const run = async (name: string, event: unknown = {}) =>
    resultOf((await lambda.send(new InvokeCommand({ FunctionName: name, Payload: payloadOf(event) }))).Payload);

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('keeps module state between invocations of a warm environment', async () => {
    // Prepare
    await createFunction(lambda, 'counter', { 'index.mjs': 'let count = 0;\nexport const handler = async () => ++count;' });
    // Act
    const counts = [await run('counter'), await run('counter'), await run('counter')];
    // Assess
    expect(counts).toEqual([1, 2, 3]);
  });

  it('gives each function its own value of the same variable', async () => {
    // Prepare
    const code = esm('return process.env.COLOR;');
    await createFunction(lambda, 'red', code, { Environment: { Variables: { COLOR: 'red' } } });
    await createFunction(lambda, 'blue', code, { Environment: { Variables: { COLOR: 'blue' } } });
    // Act
    const [red, blue] = await Promise.all([run('red'), run('blue')]);
    // Assess
    expect(red).toBe('red');
    expect(blue).toBe('blue');
  });

  it("sets Lambda's variables and nothing of the host's", async () => {
    // Prepare
    await createFunction(lambda, 'env-dump', esm('return process.env;'), { MemorySize: 1024, Runtime: 'nodejs20.x' });
    // Act
    const env = await run('env-dump');
    // Assess
    expect(env).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: 'env-dump',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/env-dump',
      _HANDLER: 'index.handler',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL: cloud.endpoint,
      TZ: ':UTC',
    });
    expect(env.LAMBDA_TASK_ROOT).toMatch(/env-dump/);
    expect(env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    expect(env.VITEST).toBeUndefined();
  });

  it('lets a function call the local cloud with the AWS SDK the runtime provides', async () => {
    // Prepare
    await createFunction(
      lambda,
      'who-am-i',
      esm(`const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
      const identity = await new STSClient({}).send(new GetCallerIdentityCommand({}));
      return { account: identity.Account, arn: identity.Arn };`),
    );
    // Act
    const identity = await run('who-am-i');
    // Assess
    expect(identity).toEqual({ account: '123456789012', arn: 'arn:aws:iam::123456789012:user/local' });
  });

  it('calls the local cloud as the account the function belongs to', async () => {
    // Prepare
    const other = new LambdaClient({ ...cloud.config(), credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    await createFunction(
      other,
      'who-am-i',
      esm(`const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
      return (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account;`),
    );
    // Act
    const response = await other.send(new InvokeCommand({ FunctionName: 'who-am-i' }));
    // Assess
    expect(resultOf(response.Payload)).toBe('111122223333');
  });

  it('runs concurrent invocations in separate environments, one at a time each', async () => {
    // Prepare
    await createFunction(lambda, 'slow', {
      'index.mjs': `import { threadId } from 'node:worker_threads';
      let busy = false;
      export const handler = async () => {
        if (busy) throw new Error('two invocations at once in one environment');
        busy = true;
        await new Promise((resolve) => setTimeout(resolve, 300));
        busy = false;
        return threadId;
      };`,
    });
    // Act
    const threads = await Promise.all([run('slow'), run('slow'), run('slow')]);
    const warm = await run('slow');
    // Assess
    expect(new Set(threads).size).toBe(3);
    expect(threads).toContain(warm);
  });
});

describe('Lambda: shutdown', () => {
  it('ends running environments when the cloud stops', async () => {
    // Prepare
    const cloud = await startTestCloud();
    const lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'long-runner', esm('await new Promise((r) => setTimeout(r, 20_000)); return 1;'), { Timeout: 60 });
    const running = lambda.send(new InvokeCommand({ FunctionName: 'long-runner' })).catch((e) => e);
    // Let the invocation start in its worker.
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Act
    const started = Date.now();
    await cloud.stop();
    await running;
    // Assess
    expect(Date.now() - started).toBeLessThan(5000);
    expect(cloud.runtime.services.lambda.invocations()).toEqual([expect.objectContaining({ functionName: 'long-runner', outcome: 'crash' })]);
  });
});

describe('Lambda: code on disk', () => {
  it('keeps code in a temp directory without a data directory, removed on stop', async () => {
    // Prepare
    const cloud = await startTestCloud();
    const lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'ephemeral', esm('return process.env.LAMBDA_TASK_ROOT;'));
    const taskRoot = resultOf((await lambda.send(new InvokeCommand({ FunctionName: 'ephemeral' }))).Payload);
    const existed = existsSync(join(taskRoot, 'index.mjs'));
    // Act
    await cloud.stop();
    // Assess
    expect(taskRoot.startsWith(tmpdir())).toBe(true);
    expect(existed).toBe(true);
    expect(existsSync(taskRoot)).toBe(false);
  });

  it('keeps code under the data directory and runs it after a restart', async () => {
    // Prepare
    const dataDir = mkdtempSync(join(tmpdir(), 'goldsmith-lambda-test-'));
    try {
      const first = await startTestCloud({ dataDir });
      await createFunction(new LambdaClient(first.config()), 'durable', esm('return process.env.LAMBDA_TASK_ROOT;'));
      await first.stop();
      const second = await startTestCloud({ dataDir });
      // Act
      const response = await new LambdaClient(second.config()).send(new InvokeCommand({ FunctionName: 'durable' }));
      await second.stop();
      // Assess
      expect(response.FunctionError).toBeUndefined();
      expect(resultOf(response.Payload)).toMatch(new RegExp(`^${join(dataDir, 'lambda', 'durable')}/[A-Za-z0-9_-]{43}$`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
