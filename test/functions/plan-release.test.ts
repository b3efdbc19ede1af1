import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanReleaseOutput } from '../../core/release/contracts.ts';
import { releaseConfigOf } from '../core/release/release-fixture.ts';
import { ACCOUNT, type FunctionCloud, invoke, REGION, startFunctionCloud, TABLE, waitingTask } from './function-harness.ts';
import { type DeployedPipeline, deployPipeline } from './release-fixtures.ts';

const config = releaseConfigOf();
const execution = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:execution:goldsmith-release:${name}`;
const input = (releaseId: string, executionArn = execution(releaseId)) => ({
  release: { pipeline: 'web-server', releaseId, trigger: { kind: 'scheduled' } },
  executionArn,
  startedAt: '2026-11-10T02:00:00.000Z',
});

describe('Handler: plan-release', () => {
  let fc: FunctionCloud;
  let deployed: DeployedPipeline;
  let handler: typeof import('../../functions/plan-release.ts').handler;
  let running: string;
  const items = async () => (await new DynamoDBClient(fc.sdk).send(new ScanCommand({ TableName: TABLE }))).Items ?? [];

  beforeAll(async () => {
    fc = await startFunctionCloud(JSON.stringify(config));
    deployed = await deployPipeline(fc, config);
    running = (await waitingTask(fc)).executionArn;
    ({ handler } = await import('../../functions/plan-release.ts'));
  });
  afterAll(() => fc.stop());

  it('takes the lock and plans a build of the deployed pipeline from the current parent image', async () => {
    // Act
    const plan = await invoke(handler, input('web-server-2026-11-scheduled', running));
    // Assess
    expect(PlanReleaseOutput.parse(plan)).toEqual(plan);
    expect(plan).toMatchObject({
      action: 'build',
      imagePipelineArn: deployed.pipelineArn,
      validation: { smokeTest: { instanceProfile: 'acme-platform-build', documentName: 'AWS-RunShellScript' } },
    });
    const lock = (await items()).find((item) => item.sk.S === 'LOCK');
    expect(lock?.holder.S).toBe(running);
    expect(Number(lock?.expiresAt.N)).toBeGreaterThan(Date.parse('2026-11-10T02:00:00Z') / 1000);
  });

  it('throws ReleaseInProgressError for a second release while the first one runs', async () => {
    // Act
    const attempt = invoke(handler, input('web-server-req-0123456789'));
    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'ReleaseInProgressError', message: expect.stringContaining('web-server-2026-11-scheduled') });
    const lock = (await items()).find((item) => item.sk.S === 'LOCK');
    expect(lock?.holder.S).toBe(running);
  });

  it('throws InvalidInputError naming the field on bad input, and changes nothing', async () => {
    // Prepare
    const before = await items();
    const bad = { ...input('x'), release: { pipeline: 'web-server', releaseId: 'has spaces', trigger: { kind: 'sometime' } } };
    // Act
    const attempt = invoke(handler, bad);
    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError' });
    await expect(attempt).rejects.toThrow(/release\.releaseId: .*; release\.trigger\.kind: /);
    expect(await items()).toEqual(before);
  });

  it('throws UnknownPipelineError naming release.pipeline', async () => {
    // Act
    const attempt = invoke(handler, { ...input('y'), release: { pipeline: 'web-sever', releaseId: 'y', trigger: { kind: 'manual' } } });
    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'UnknownPipelineError', message: expect.stringMatching(/^release\.pipeline: /) });
  });
});
