import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, payloadOf } from './function-package.ts';

/** A function whose init leaves a file behind, so a test sees when its init ran. */
const MARKING_INIT = {
  'index.mjs': [
    "import { writeFileSync } from 'node:fs';",
    'writeFileSync(process.env.MARKER, String(Date.now()));',
    "console.log('init done');",
    'export const handler = async () => ({ ok: true });',
  ].join('\n'),
};

async function waitFor(condition: () => boolean, limitMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < limitMs; await sleep(50)) if (condition()) return true;
  return condition();
}

describe('Lambda: environments started ahead of use', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;
  let dir: string;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    dir = mkdtempSync(join(tmpdir(), 'goldsmith-prewarm-'));
  });
  afterAll(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a new function’s init before its first invocation, which still reports the cold start and the init output', async () => {
    // Prepare
    const marker = join(dir, 'created');
    await createFunction(lambda, 'marks-init', MARKING_INIT, { Environment: { Variables: { MARKER: marker } } });
    const initializedAhead = await waitFor(() => existsSync(marker), 20_000);
    const initAt = Number(readFileSync(marker, 'utf8'));
    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'marks-init', Payload: payloadOf({}), LogType: 'Tail' }));
    // Assess
    const log = Buffer.from(String(response.LogResult), 'base64').toString();
    expect(initializedAhead).toBe(true);
    expect(Number(readFileSync(marker, 'utf8'))).toBe(initAt);
    expect(log).toMatch(/^INIT_START /);
    expect(log).toContain('init done');
    expect(log).toMatch(/Init Duration: [\d.]+ ms/);
  });
});
