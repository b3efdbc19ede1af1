import { GetParameterCommand, ListTagsForResourceCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseConfigOf } from '../core/release/release-fixture.ts';
import { ACCOUNT, type FunctionCloud, invoke, REGION, startFunctionCloud } from './function-harness.ts';

const NAME = '/goldsmith/web-server/candidate';

describe('Handler: publish-channel', () => {
  let fc: FunctionCloud;
  let handler: typeof import('../../functions/publish-channel.ts').handler;
  const ssm = (region: string) => new SSMClient({ ...fc.sdk, region });
  const ami = (region: string) => ({
    region,
    imageId: fc.cloud.runtime.services.ec2.registerImage(ACCOUNT, region, { name: `golden-${Math.random()}` }).imageId,
  });

  beforeAll(async () => {
    // A running clock: Parameter Store validates aws:ec2:image values a few simulated seconds after the write.
    fc = await startFunctionCloud(JSON.stringify(releaseConfigOf()), { timeScale: 600 });
    ({ handler } = await import('../../functions/publish-channel.ts'));
  });
  afterAll(() => fc.stop());

  it('points the channel at the AMI in every region as aws:ec2:image, and reads it back', async () => {
    // Prepare
    const amis = [ami(REGION), ami('eu-west-1')];
    // Act
    const result = await invoke(handler, { releaseId: 'r1', pipeline: 'web-server', parameterName: NAME, amis });
    // Assess
    expect(result).toEqual({
      parameterName: NAME,
      regions: [
        { region: REGION, imageId: amis[0].imageId, version: 1 },
        { region: 'eu-west-1', imageId: amis[1].imageId, version: 1 },
      ],
    });
    for (const { region, imageId } of amis) {
      const { Parameter } = await ssm(region).send(new GetParameterCommand({ Name: NAME }));
      expect(Parameter).toMatchObject({ Value: imageId, DataType: 'aws:ec2:image', Type: 'String' });
      const { TagList } = await ssm(region).send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: NAME }));
      expect(TagList).toContainEqual({ Key: 'goldsmith:managed', Value: 'true' });
    }
  });

  it('writes nothing when the channel already points at the AMI, and reports the previous image otherwise', async () => {
    // Prepare
    const first = [ami(REGION)];
    await invoke(handler, { releaseId: 'r2', pipeline: 'web-server', parameterName: '/goldsmith/web-server/stable', amis: first });
    const next = [ami(REGION)];
    // Act
    const repeated = await invoke(handler, { releaseId: 'r2', pipeline: 'web-server', parameterName: '/goldsmith/web-server/stable', amis: first });
    const moved = await invoke(handler, { releaseId: 'r3', pipeline: 'web-server', parameterName: '/goldsmith/web-server/stable', amis: next });
    // Assess
    expect(repeated.regions).toEqual([{ region: REGION, imageId: first[0].imageId, version: 1 }]);
    expect(moved.regions).toEqual([{ region: REGION, imageId: next[0].imageId, version: 2, previousImageId: first[0].imageId }]);
  });

  it('throws AmiNotAvailableError, and writes nothing, for an AMI that does not exist in the region', async () => {
    // Act
    const attempt = invoke(handler, {
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
    await expect(ssm(REGION).send(new GetParameterCommand({ Name: '/goldsmith/web-server/other' }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
  });

  it('throws InvalidInputError naming the field, and writes nothing', async () => {
    // Act
    const attempt = invoke(handler, { releaseId: 'r5', pipeline: 'web-server', parameterName: 'goldsmith/stable', amis: [ami(REGION)] });
    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('parameterName:') });
    await expect(ssm(REGION).send(new GetParameterCommand({ Name: 'goldsmith/stable' }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
  });
});
