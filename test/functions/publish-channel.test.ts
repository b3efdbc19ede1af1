import { DeregisterImageCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetParameterCommand, ListTagsForResourceCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishChannelOutput, VerifyChannelOutput } from '../../core/release/contracts.ts';
import { VERIFY_READS } from '../../core/release/publish-channel.ts';
import { IMAGE_VALIDATION_DELAY_MS } from '../../local-cloud/services/ssm/image-validation.ts';
import { releaseConfigOf } from '../core/release/release-fixture.ts';
import { ACCOUNT, type FunctionCloud, invoke, REGION, startFunctionCloud } from './function-harness.ts';

const NAME = '/goldsmith/web-server/candidate';

describe('Handlers: publish-channel and verify-channel', () => {
  let fc: FunctionCloud;
  let publish: typeof import('../../functions/publish-channel.ts').handler;
  let verify: typeof import('../../functions/verify-channel.ts').handler;
  const ssm = (region: string) => new SSMClient({ ...fc.sdk, region });
  const ami = (region: string) => ({
    region,
    imageId: fc.cloud.runtime.services.ec2.registerImage(ACCOUNT, region, { name: `golden-${Math.random()}` }).imageId,
  });
  /** What the state machine's Wait does: Parameter Store validates aws:ec2:image values a few simulated seconds after the write. */
  const validate = () => fc.cloud.clock.advance(IMAGE_VALIDATION_DELAY_MS);
  /** The verify step's input, as the state machine hands over the publication. */
  const readBack = ({ parameterName, regions, reads }: { parameterName: string; regions: unknown[]; reads: number }) => ({
    pipeline: 'web-server',
    parameterName,
    regions,
    reads,
  });

  beforeAll(async () => {
    // A frozen clock: only validate() lets Parameter Store's validation complete.
    fc = await startFunctionCloud(JSON.stringify(releaseConfigOf()));
    ({ handler: publish } = await import('../../functions/publish-channel.ts'));
    ({ handler: verify } = await import('../../functions/verify-channel.ts'));
  });
  afterAll(() => fc.stop());

  it('points the channel at the AMI in every region as aws:ec2:image, then reads it back and tags it once validated', async () => {
    // Prepare
    const amis = [ami(REGION), ami('eu-west-1')];
    // Act
    const published = await invoke(publish, { releaseId: 'r1', pipeline: 'web-server', parameterName: NAME, amis });
    const early = await invoke(verify, readBack(published));
    validate();
    const verified = await invoke(verify, readBack(early));
    // Assess
    expect(published).toEqual({
      parameterName: NAME,
      regions: [
        { region: REGION, imageId: amis[0].imageId, version: 1, verified: false },
        { region: 'eu-west-1', imageId: amis[1].imageId, version: 1, verified: false },
      ],
      verified: false,
      reads: 0,
    });
    expect(PublishChannelOutput.parse(published)).toEqual(published);
    expect(VerifyChannelOutput.parse(verified)).toEqual(verified);
    expect(early).toMatchObject({ verified: false, reads: 1 });
    expect(verified).toEqual({ ...published, regions: published.regions.map((r) => ({ ...r, verified: true })), verified: true, reads: 2 });
    for (const { region, imageId } of amis) {
      const { Parameter } = await ssm(region).send(new GetParameterCommand({ Name: NAME }));
      expect(Parameter).toMatchObject({ Value: imageId, DataType: 'aws:ec2:image', Type: 'String' });
      const { TagList } = await ssm(region).send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: NAME }));
      expect(TagList).toContainEqual({ Key: 'goldsmith:managed', Value: 'true' });
    }
  });

  it('writes nothing when the channel already points at the AMI, and reports the previous image otherwise', async () => {
    // Prepare
    const parameterName = '/goldsmith/web-server/stable';
    const first = [ami(REGION)];
    await invoke(publish, { releaseId: 'r2', pipeline: 'web-server', parameterName, amis: first });
    validate();
    const next = [ami(REGION)];
    // Act
    const repeated = await invoke(publish, { releaseId: 'r2', pipeline: 'web-server', parameterName, amis: first });
    const moved = await invoke(publish, { releaseId: 'r3', pipeline: 'web-server', parameterName, amis: next });
    // Assess
    expect(repeated).toMatchObject({ verified: true, regions: [{ region: REGION, imageId: first[0].imageId, version: 1, verified: true }] });
    expect(moved).toMatchObject({
      verified: false,
      regions: [{ region: REGION, imageId: next[0].imageId, version: 2, previousImageId: first[0].imageId, verified: false }],
    });
  });

  it('throws ChannelVerificationError from the last read-back when Parameter Store rejected the value', async () => {
    // Prepare
    const parameterName = '/goldsmith/web-server/rejected';
    const [kept, gone] = [ami(REGION), ami(REGION)];
    await invoke(publish, { releaseId: 'r6', pipeline: 'web-server', parameterName, amis: [kept] });
    validate();
    const published = await invoke(publish, { releaseId: 'r7', pipeline: 'web-server', parameterName, amis: [gone] });
    // Deregistered after the publish checked it: Parameter Store's validation fails, the channel stays as it was.
    await new EC2Client(fc.sdk).send(new DeregisterImageCommand({ ImageId: gone.imageId }));
    validate();
    // Act
    const attempt = invoke(verify, readBack({ ...published, reads: VERIFY_READS - 1 }));
    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: 'ChannelVerificationError',
      message: expect.stringContaining(`reads ${kept.imageId} instead of ${gone.imageId}`),
    });
    const { Parameter } = await ssm(REGION).send(new GetParameterCommand({ Name: parameterName }));
    expect(Parameter?.Value).toBe(kept.imageId);
  });

  it('throws AmiNotAvailableError, and writes nothing, for an AMI that does not exist in the region', async () => {
    // Act
    const attempt = invoke(publish, {
      releaseId: 'r4',
      pipeline: 'web-server',
      parameterName: '/goldsmith/web-server/other',
      amis: [{ region: REGION, imageId: 'ami-0000000000000dead' }],
    });
    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: 'AmiNotAvailableError',
      message: expect.stringContaining('ami-0000000000000dead is missing in eu-central-1'),
    });
    validate();
    await expect(ssm(REGION).send(new GetParameterCommand({ Name: '/goldsmith/web-server/other' }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
  });

  it('throws InvalidInputError naming the field, and writes nothing', async () => {
    // Act
    const attempt = invoke(publish, { releaseId: 'r5', pipeline: 'web-server', parameterName: 'goldsmith/stable', amis: [ami(REGION)] });
    const verifyAttempt = invoke(verify, { pipeline: 'web-server', parameterName: NAME, regions: [], reads: 0 });
    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('parameterName:') });
    await expect(verifyAttempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('regions:') });
    validate();
    await expect(ssm(REGION).send(new GetParameterCommand({ Name: 'goldsmith/stable' }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
  });
});
