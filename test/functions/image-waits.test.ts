import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ImagebuilderClient, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT_BACKOFF } from '../../core/release/release-settings.ts';
import { releaseConfigOf } from '../core/release/release-fixture.ts';
import {
  createReleaseMachine,
  execution,
  type FunctionCloud,
  failure,
  invoke,
  REGION,
  RELEASE_MACHINE_ARN,
  startFunctionCloud,
  TABLE,
  waitingTask,
} from './function-harness.ts';
import { BUILD_MS, buildImage, type DeployedPipeline, deployPipeline } from './release-fixtures.ts';

const config = releaseConfigOf();
const stateChange = (arn: string, status: string, id = `evt-${Math.random()}`) => ({
  version: '0',
  id,
  'detail-type': 'EC2 Image Builder Image State Change',
  source: 'aws.imagebuilder',
  account: '123456789012',
  time: '2026-11-10T04:47:12Z',
  region: REGION,
  resources: [arn],
  detail: { 'previous-state': { status: 'INTEGRATING' }, state: { status } },
});

describe('Handlers: wait-for-image, on-image-event, reconcile-image', () => {
  let fc: FunctionCloud;
  let deployed: DeployedPipeline;
  let waitForImage: typeof import('../../functions/wait-for-image.ts').handler;
  let onImageEvent: typeof import('../../functions/on-image-event.ts').handler;
  let reconcileImage: typeof import('../../functions/reconcile-image.ts').handler;
  const start = async () =>
    (await new ImagebuilderClient(fc.sdk).send(new StartImagePipelineExecutionCommand({ imagePipelineArn: deployed.pipelineArn })))
      .imageBuildVersionArn as string;
  const executionNames = async () =>
    ((await new SFNClient(fc.sdk).send(new ListExecutionsCommand({ stateMachineArn: RELEASE_MACHINE_ARN }))).executions ?? []).map((e) => e.name).sort();
  const tokenItem = async (arn: string) =>
    (await new DynamoDBClient(fc.sdk).send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: `IMAGE#${arn}` }, sk: { S: 'TOKEN' } } }))).Item;

  beforeAll(async () => {
    fc = await startFunctionCloud(JSON.stringify(config));
    deployed = await deployPipeline(fc, config);
    await createReleaseMachine(fc);
    ({ handler: waitForImage } = await import('../../functions/wait-for-image.ts'));
    ({ handler: onImageEvent } = await import('../../functions/on-image-event.ts'));
    ({ handler: reconcileImage } = await import('../../functions/reconcile-image.ts'));
  });
  afterAll(() => fc.stop());

  describe('Handler: wait-for-image', () => {
    it('stores the token under the image and leaves the release waiting while it builds', async () => {
      // Prepare
      const arn = await start();
      const task = await waitingTask(fc);
      // Act
      const result = await invoke(waitForImage, { taskToken: task.token, imageBuildVersionArn: arn });
      // Assess
      expect(result.completion).toBe('waiting');
      expect((await tokenItem(arn))?.token.S).toBe(task.token);
    });

    it('completes the release at once when the image is already available', async () => {
      // Prepare
      const { arn } = await buildImage(fc, deployed.pipelineArn);
      const task = await waitingTask(fc);
      // Act
      await invoke(waitForImage, { taskToken: task.token, imageBuildVersionArn: arn });
      // Assess
      const ended = await task.ended();
      expect(ended.cause).toBeUndefined();
      expect(ended.status).toBe('SUCCEEDED');
      const output = JSON.parse(ended.output ?? '{}');
      expect(output).toMatchObject({ imageBuildVersionArn: arn, status: 'AVAILABLE' });
      expect(output.amis.map((a: { region: string }) => a.region)).toEqual(['eu-central-1', 'eu-west-1']);
    });

    it('throws InvalidInputError naming the field, and stores nothing', async () => {
      // Act
      const attempt = invoke(waitForImage, { taskToken: '', imageBuildVersionArn: 'arn:aws:imagebuilder:eu-central-1:123456789012:image/x/1.0.0/1' });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('taskToken:') });
      expect(await tokenItem('arn:aws:imagebuilder:eu-central-1:123456789012:image/x/1.0.0/1')).toBeUndefined();
    });
  });

  describe('Handler: on-image-event', () => {
    it('completes the waiting release once on AVAILABLE, and ignores duplicates and late events', async () => {
      // Prepare
      const arn = await start();
      const task = await waitingTask(fc);
      await invoke(waitForImage, { taskToken: task.token, imageBuildVersionArn: arn });
      await new Promise((resolve) => setTimeout(resolve, 20));
      fc.cloud.clock.advance(BUILD_MS);
      // Act
      const first = await invoke(onImageEvent, stateChange(arn, 'AVAILABLE', 'evt-a'));
      const replay = await invoke(onImageEvent, stateChange(arn, 'AVAILABLE', 'evt-a'));
      const duplicate = await invoke(onImageEvent, stateChange(arn, 'AVAILABLE', 'evt-b'));
      const late = await invoke(onImageEvent, stateChange(arn, 'BUILDING', 'evt-c'));
      // Assess
      expect(first).toMatchObject({ action: 'completed', completion: 'completed' });
      expect(replay).toEqual(first);
      expect(duplicate).toMatchObject({ action: 'ignored' });
      expect(late).toMatchObject({ action: 'ignored' });
      expect((await task.ended()).status).toBe('SUCCEEDED');
    });

    it('starts a release from validation for a build Goldsmith did not start', async () => {
      // Prepare
      const { arn } = await buildImage(fc, deployed.pipelineArn);
      // Act
      const result = await invoke(onImageEvent, stateChange(arn, 'AVAILABLE'));
      const duplicate = await invoke(onImageEvent, stateChange(arn, 'AVAILABLE'));
      // Assess
      expect(result).toMatchObject({
        action: 'external-build',
        pipeline: 'web-server',
        outcome: 'started',
        releaseId: expect.stringMatching(/^web-server-ext-/),
      });
      expect(duplicate).toMatchObject({ action: 'external-build', outcome: expect.stringMatching(/^(started|already-running)$/) });
      if (result.action !== 'external-build') throw new Error('no release started');
      const started = await execution(fc, result.executionArn);
      expect(started.status).toBe('RUNNING');
      expect(started.parsedInput).toEqual({
        pipeline: 'web-server',
        releaseId: result.releaseId,
        trigger: { kind: 'external-build', detail: arn },
        imageBuildVersionArn: arn,
      });
    });

    it('throws InvalidInputError naming the field for an event that is not an Image State Change', async () => {
      // Act
      const attempt = invoke(onImageEvent, { ...stateChange('arn:aws:imagebuilder:eu-central-1:123456789012:image/x/1.0.0/1', 'AVAILABLE'), detail: {} });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('detail.state:') });
    });
  });

  describe('Handler: on-image-event, foreign events', () => {
    it('throws InvalidInputError naming resources for an event without the image ARN, and starts or completes nothing', async () => {
      // Prepare
      const { arn } = await buildImage(fc, deployed.pipelineArn);
      const before = await executionNames();
      // Act
      const [none, foreign] = await Promise.all([
        failure(invoke(onImageEvent, { ...stateChange(arn, 'AVAILABLE'), resources: [] })),
        failure(invoke(onImageEvent, { ...stateChange(arn, 'AVAILABLE'), resources: [deployed.pipelineArn] })),
      ]);
      // Assess
      for (const error of [none, foreign]) {
        expect(error).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('resources: must hold the ARN of the image build version') });
      }
      expect(await executionNames()).toEqual(before);
      expect(await tokenItem(arn)).toBeUndefined();
    });

    it('refuses an event from another source or of another kind, however large, without side effects', async () => {
      // Prepare
      const { arn } = await buildImage(fc, deployed.pipelineArn);
      const before = await executionNames();
      const huge = { ...stateChange(arn, 'AVAILABLE'), detail: { state: { status: 'AVAILABLE' }, padding: 'x'.repeat(250_000) } };
      // Act
      const [spoofed, other, large] = await Promise.all([
        failure(invoke(onImageEvent, { ...stateChange(arn, 'AVAILABLE'), source: 'my.app' })),
        failure(invoke(onImageEvent, { ...stateChange(arn, 'AVAILABLE'), 'detail-type': 'EC2 Image Builder CVE Detected' })),
        invoke(onImageEvent, huge),
      ]);
      // Assess
      expect(spoofed).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('source:') });
      expect(other).toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('detail-type:') });
      expect((spoofed as Error).message.length).toBeLessThan(1000);
      expect(large).toMatchObject({ action: 'external-build', outcome: 'started' });
      expect((await executionNames()).length).toBe(before.length + 1);
    });
  });

  describe('Handler: reconcile-image', () => {
    it('returns PENDING within the bound, the AMIs once available', async () => {
      // Prepare
      const arn = await start();
      // Act
      const pending = await invoke(reconcileImage, {
        imageBuildVersionArn: arn,
        boundSeconds: 14_400,
        waitSeconds: 600,
        checkedAt: new Date(fc.cloud.clock.now()).toISOString(),
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      fc.cloud.clock.advance(BUILD_MS);
      const ready = await invoke(reconcileImage, {
        imageBuildVersionArn: arn,
        boundSeconds: 14_400,
        waitSeconds: 600 * WAIT_BACKOFF,
        checkedAt: new Date(fc.cloud.clock.now()).toISOString(),
      });
      // Assess
      expect(pending).toEqual({ imageBuildVersionArn: arn, status: 'PENDING', waitSeconds: 600 * WAIT_BACKOFF });
      expect(ready).toMatchObject({ status: 'AVAILABLE', amis: [{ region: 'eu-central-1' }, { region: 'eu-west-1' }] });
    });

    it('throws BuildTimedOutError once the build overran its bound', async () => {
      // Prepare
      const arn = await start();
      // Act
      const attempt = invoke(reconcileImage, {
        imageBuildVersionArn: arn,
        boundSeconds: 60,
        waitSeconds: 60,
        checkedAt: new Date(fc.cloud.clock.now() + 61_000).toISOString(),
      });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'BuildTimedOutError' });
    });

    it('throws InvalidInputError naming the field', async () => {
      // Act
      const attempt = invoke(reconcileImage, { imageBuildVersionArn: 'x', boundSeconds: 0 });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringMatching(/imageBuildVersionArn: .*boundSeconds: /) });
    });
  });
});
