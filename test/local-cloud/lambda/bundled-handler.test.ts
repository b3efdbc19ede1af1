import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveTable, keyedById } from '../dynamodb/table-definitions.ts';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, payloadOf, resultOf } from './function-package.ts';

/** A handler as Goldsmith ships them: TypeScript with Powertools, bundled by esbuild, the AWS SDK left to the runtime. */
const HANDLER = `
import { randomUUID } from 'node:crypto';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

const logger = new Logger({ serviceName: 'release' });
const persistenceStore = new DynamoDBPersistenceLayer({ tableName: process.env.IDEMPOTENCY_TABLE as string });
const config = new IdempotencyConfig({ expiresAfterSeconds: 86_400 });

export const handler = makeIdempotent(
  async (event: { releaseId: string }, _context: Context) => {
    logger.info('publishing', { releaseId: event.releaseId });
    return { releaseId: event.releaseId, token: randomUUID() };
  },
  { persistenceStore, config },
);
`;

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, loader: 'ts', resolveDir: process.cwd(), sourcefile: 'handler.ts' },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['@aws-sdk/*'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

describe('Lambda: bundled handlers', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createActiveTable(new DynamoDBClient(cloud.config()), keyedById('idempotency'));
  });
  afterAll(() => cloud.stop());

  it('runs a Powertools idempotent handler against the local cloud: a replay gets the stored result', async () => {
    // Prepare
    await createFunction(
      lambda,
      'publish-release',
      { 'index.mjs': await bundle(HANDLER) },
      { Environment: { Variables: { IDEMPOTENCY_TABLE: 'idempotency' } }, Timeout: 30 },
    );
    const invoke = (releaseId: string) =>
      lambda.send(new InvokeCommand({ FunctionName: 'publish-release', Payload: payloadOf({ releaseId }), LogType: 'Tail' }));
    // Act
    const first = await invoke('r-1');
    const replay = await invoke('r-1');
    const other = await invoke('r-2');
    // Assess
    expect(first.FunctionError).toBeUndefined();
    const firstLog = Buffer.from(String(first.LogResult), 'base64').toString();
    const replayLog = Buffer.from(String(replay.LogResult), 'base64').toString();
    expect(firstLog).toMatch(/"message":"publishing".*"releaseId":"r-1"/);
    expect(replayLog).not.toContain('"message":"publishing"');
    expect(resultOf(replay.Payload)).toEqual(resultOf(first.Payload));
    expect(resultOf(other.Payload).token).not.toBe(resultOf(first.Payload).token);
  });

  it('resolves the runtime SDK for CommonJS code in a bundle that requires it', async () => {
    // Prepare
    const source = [
      "import { createRequire } from 'node:module';",
      'const require = createRequire(import.meta.url);',
      "const { STSClient } = require('@aws-sdk/client-sts');",
      'export const handler = async () => ({ client: typeof new STSClient({}).send });',
    ].join('\n');
    await createFunction(lambda, 'require-sdk', { 'index.mjs': source });
    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'require-sdk', Payload: payloadOf({}) }));
    // Assess
    expect(response.FunctionError).toBeUndefined();
    expect(resultOf(response.Payload)).toEqual({ client: 'function' });
  });
});
