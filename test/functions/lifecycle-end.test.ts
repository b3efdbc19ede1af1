import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeImagesCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pipelineInput, releaseConfigOf } from '../core/release/release-fixture.ts';
import { ACCOUNT, type FunctionCloud, failure, invoke, REGION, startFunctionCloud, TABLE, waitingTask } from './function-harness.ts';

const config = releaseConfigOf([pipelineInput({ retention: { keep: 1 }, rollout: { waves: [] }, distribution: { regions: [REGION] } })]);
const builderArn = (build: number) => `arn:aws:imagebuilder:${REGION}:${ACCOUNT}:image/acme-platform-web-server/1.0.${build}/1`;

describe('Handlers: end of a release', () => {
  let fc: FunctionCloud;
  let ec2: EC2Client;
  let retire: typeof import('../../functions/retire-images.ts').handler;
  let releaseLock: typeof import('../../functions/release-lock.ts').handler;
  let plan: typeof import('../../functions/plan-release.ts').handler;
  // As Image Builder registers them: tagged with the image they came from.
  const image = async (build: number) => {
    const { imageId } = fc.cloud.runtime.services.ec2.registerImage(ACCOUNT, REGION, {
      name: `acme-platform-web-server-${build}`,
      tags: { Ec2ImageBuilderArn: builderArn(build), CreatedBy: 'EC2 Image Builder' },
      volumeSizeGiB: 8,
    });
    fc.cloud.clock.advance(3_600_000);
    return imageId;
  };
  const describeImage = async (imageId: string) => (await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId], IncludeDeprecated: true }))).Images?.[0];
  const now = () => new Date(fc.cloud.clock.now()).toISOString();

  beforeAll(async () => {
    fc = await startFunctionCloud(JSON.stringify(config));
    ec2 = new EC2Client(fc.sdk);
    ({ handler: retire } = await import('../../functions/retire-images.ts'));
    ({ handler: releaseLock } = await import('../../functions/release-lock.ts'));
    ({ handler: plan } = await import('../../functions/plan-release.ts'));
  });
  afterAll(() => fc.stop());

  describe('Handler: retire-images', () => {
    it('deprecates images beyond the last N except those in use, and deregisters them with their snapshots on a later run', async () => {
      // Prepare
      const [oldest, used, newest] = [await image(1), await image(2), await image(3)];
      await new SSMClient(fc.sdk).send(new PutParameterCommand({ Name: '/goldsmith/web-server/stable', Value: used, Type: 'String', Overwrite: true }));
      const snapshot = (await describeImage(oldest))?.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId;
      const { metrics } = await import('../../functions/lib/powertools.ts');
      const added = vi.spyOn(metrics, 'addMetric');
      // Act
      const first = await invoke(retire, { releaseId: 'r3', pipeline: 'web-server', now: now() });
      fc.cloud.clock.advance(120_000);
      const second = await invoke(retire, { releaseId: 'r3', pipeline: 'web-server', now: now() });
      // Assess
      expect(added.mock.calls.map((call) => call.slice(0, 3))).toEqual([
        ['ImagesRetired', 'Count', 0],
        ['ImagesRetired', 'Count', 1],
      ]);
      added.mockRestore();
      expect(first).toEqual({ deprecated: [{ region: REGION, imageId: oldest }], deregistered: [], kept: 2 });
      expect(second).toEqual({ deprecated: [], deregistered: [{ region: REGION, imageId: oldest }], kept: 2 });
      expect(await failure(describeImage(oldest))).toMatchObject({ name: 'InvalidAMIID.NotFound' });
      expect(await failure(ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshot as string] })))).toMatchObject({ name: 'InvalidSnapshot.NotFound' });
      expect((await describeImage(used))?.State).toBe('available');
      expect((await describeImage(newest))?.DeprecationTime).toBeUndefined();
    });

    it('throws InvalidInputError naming the field', async () => {
      // Act
      const attempt = invoke(retire, { releaseId: 'r', pipeline: 'web-server', now: 'yesterday' });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('now:') });
    });
  });

  describe('Handler: release-lock', () => {
    it('frees the lock only for the execution that holds it', async () => {
      // Prepare
      const holder = (await waitingTask(fc)).executionArn;
      // plan-release takes the lock (the pipeline is not deployed, so it fails after that, as a real release would).
      await invoke(plan, { release: { pipeline: 'web-server', releaseId: 'r9', trigger: { kind: 'manual' } }, executionArn: holder }).catch(() => undefined);
      const lock = async () =>
        (await new DynamoDBClient(fc.sdk).send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'PIPELINE#web-server' }, sk: { S: 'LOCK' } } }))).Item;
      // Act
      const byOther = await invoke(releaseLock, { pipeline: 'web-server', executionArn: `${holder}-other` });
      const stillHeld = await lock();
      const byHolder = await invoke(releaseLock, { pipeline: 'web-server', executionArn: holder });
      // Assess
      expect(byOther).toEqual({ released: false });
      expect(stillHeld?.holder.S).toBe(holder);
      expect(byHolder).toEqual({ released: true });
      expect(await lock()).toBeUndefined();
    });

    it('throws InvalidInputError naming the field', async () => {
      // Act
      const attempt = invoke(releaseLock, { pipeline: 'web-server', executionArn: 'not-an-arn' });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('executionArn:') });
    });
  });
});
