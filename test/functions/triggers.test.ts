import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineInput, releaseConfigOf } from '../core/release/release-fixture.ts';
import {
  ACCOUNT,
  createReleaseMachine,
  execution,
  type FunctionCloud,
  failure,
  invoke,
  REGION,
  RELEASE_MACHINE_ARN,
  startFunctionCloud,
  TABLE,
} from './function-harness.ts';

const PARENT = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const config = releaseConfigOf([
  pipelineInput({ upstreamWatch: { expression: 'rate(1 day)' } }),
  pipelineInput({ name: 'api-server', parentImage: 'pipeline:web-server', schedule: undefined, rollout: { waves: [] } }),
]);
const event = (detailType: string, detail: Record<string, unknown>, id = `evt-${Math.random()}`) => ({
  version: '0',
  id,
  'detail-type': detailType,
  source: 'goldsmith',
  account: ACCOUNT,
  time: '2026-11-10T04:47:12Z',
  region: REGION,
  resources: [],
  detail,
});

describe('Handlers: triggers', () => {
  let fc: FunctionCloud;
  let trigger: typeof import('../../functions/trigger-release.ts').handler;
  let watch: typeof import('../../functions/watch-upstream.ts').handler;

  beforeAll(async () => {
    fc = await startFunctionCloud(JSON.stringify(config));
    await createReleaseMachine(fc);
    ({ handler: trigger } = await import('../../functions/trigger-release.ts'));
    ({ handler: watch } = await import('../../functions/watch-upstream.ts'));
  });
  afterAll(() => fc.stop());

  describe('Handler: trigger-release', () => {
    it('starts <pipeline>-<yyyy>-<mm>-scheduled from a schedule, once however often it fires', async () => {
      // Act
      const first = await invoke(trigger, { kind: 'scheduled', pipeline: 'web-server', scheduledTime: '2026-11-10T02:00:00Z', id: 'sched-1' });
      const replay = await invoke(trigger, { kind: 'scheduled', pipeline: 'web-server', scheduledTime: '2026-11-10T02:00:00Z', id: 'sched-1' });
      const again = await invoke(trigger, { kind: 'scheduled', pipeline: 'web-server', scheduledTime: '2026-11-10T02:05:00Z', id: 'sched-2' });
      // Assess
      expect(first.releases).toEqual([expect.objectContaining({ releaseId: 'web-server-2026-11-scheduled', outcome: 'started' })]);
      expect(replay).toEqual(first);
      expect(again.releases).toEqual([expect.objectContaining({ releaseId: 'web-server-2026-11-scheduled', outcome: 'already-running' })]);
      const started = await execution(fc, first.releases[0].executionArn);
      expect(started.parsedInput).toEqual({
        pipeline: 'web-server',
        releaseId: 'web-server-2026-11-scheduled',
        trigger: { kind: 'scheduled', detail: 'schedule for 2026-11-10T02:00:00Z' },
      });
    });

    it('starts a release per Release Requested request, and the chained pipelines of a published image', async () => {
      // Act
      const requested = await invoke(trigger, event('Release Requested', { pipeline: 'web-server', requestId: 'ci-42' }));
      const chained = await invoke(
        trigger,
        event('Goldsmith Image Published', { pipeline: 'web-server', releaseId: 'web-server-2026-11-scheduled', amis: [], channel: '/x' }),
      );
      // Assess
      expect(requested.releases).toEqual([
        expect.objectContaining({ pipeline: 'web-server', releaseId: expect.stringMatching(/^web-server-req-/), outcome: 'started' }),
      ]);
      expect(chained.releases).toEqual([
        expect.objectContaining({ pipeline: 'api-server', releaseId: expect.stringMatching(/^api-server-after-/), outcome: 'started' }),
      ]);
    });

    it('throws a clear error naming the field for an unknown pipeline or a malformed event, and starts nothing', async () => {
      // Prepare
      const before = (await new SFNClient(fc.sdk).send(new ListExecutionsCommand({ stateMachineArn: RELEASE_MACHINE_ARN }))).executions?.length;
      // Act
      const [unknown, malformed, other] = await Promise.all([
        failure(invoke(trigger, event('Release Requested', { pipeline: 'nope', requestId: 'ci-43' }))),
        failure(invoke(trigger, event('Release Requested', { pipline: 'web-server' }))),
        failure(invoke(trigger, { hello: 'world' })),
      ]);
      // Assess
      expect(unknown).toMatchObject({ name: 'UnknownPipelineError', message: expect.stringMatching(/^detail\.pipeline: there is no pipeline named 'nope'/) });
      expect(malformed).toMatchObject({ name: 'InvalidInputError', message: expect.stringMatching(/detail\.pipeline: .*detail: Unrecognized key: "pipline"/) });
      expect(other).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('kind: must be a schedule payload') });
      expect((await new SFNClient(fc.sdk).send(new ListExecutionsCommand({ stateMachineArn: RELEASE_MACHINE_ARN }))).executions?.length).toBe(before);
    });
  });

  describe('Handler: watch-upstream', () => {
    it('starts <pipeline>-upstream-<ami> for a new parent image, once, and nothing when it did not change', async () => {
      // Prepare
      const { Parameter } = await new SSMClient(fc.sdk).send(new GetParameterCommand({ Name: PARENT }));
      const current = Parameter?.Value as string;
      // Act
      const first = await invoke(watch, { kind: 'upstream-watch', pipeline: 'web-server', id: 'w-1' });
      const second = await invoke(watch, { kind: 'upstream-watch', pipeline: 'web-server', id: 'w-2' });
      await new DynamoDBClient(fc.sdk).send(
        new PutItemCommand({
          TableName: TABLE,
          Item: {
            pk: { S: 'PIPELINE#web-server' },
            sk: { S: 'SUCCESS#0000000000001#r1' },
            pipeline: { S: 'web-server' },
            releaseId: { S: 'r1' },
            succeededAt: { N: '1' },
            amis: { L: [] },
            parentImageId: { S: current },
          },
        }),
      );
      const unchanged = await invoke(watch, { kind: 'upstream-watch', pipeline: 'web-server', id: 'w-3' });
      // Assess
      expect(first).toMatchObject({ action: 'started', parentImageId: current, releaseId: `web-server-upstream-${current}` });
      // Step Functions answers a repeated start of a running execution (same name and input) with that execution.
      expect(second).toMatchObject({ releaseId: `web-server-upstream-${current}`, executionArn: (first as { executionArn: string }).executionArn });
      expect(unchanged).toMatchObject({ action: 'unchanged', releasedWith: 'r1' });
    });

    it('throws a clear error naming the field for a pipeline without an upstream, or bad input', async () => {
      // Act
      const chained = await failure(invoke(watch, { kind: 'upstream-watch', pipeline: 'api-server' }));
      const bad = await failure(invoke(watch, { kind: 'upstream', pipeline: 'web-server' }));
      // Assess
      expect(chained).toMatchObject({ name: 'InvalidReleaseRequestError', message: expect.stringMatching(/^pipeline: /) });
      expect(bad).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('kind:') });
    });
  });
});
