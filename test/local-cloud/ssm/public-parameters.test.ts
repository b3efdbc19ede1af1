import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { GetParameterCommand, GetParameterHistoryCommand, GetParametersByPathCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, NO_MESSAGE, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

const PREFIX = '/aws/service/ami-amazon-linux-latest';

describe('SSM: Amazon public parameters', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('serves the Amazon Linux 2023 parameters, pointing at Amazon-owned public AMIs', async () => {
    // Act
    const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: `${PREFIX}/al2023-ami-kernel-default-x86_64` }));
    const { Images } = await t.ec2.send(new DescribeImagesCommand({ ImageIds: [Parameter?.Value as string] }));
    // Assess
    expect(Parameter).toMatchObject({
      Type: 'String',
      Version: 1,
      DataType: 'text',
      ARN: `arn:aws:ssm:us-east-1::parameter${PREFIX}/al2023-ami-kernel-default-x86_64`,
    });
    expect(Images?.[0]).toMatchObject({ OwnerId: '137112412989', ImageOwnerAlias: 'amazon', Public: true, Architecture: 'x86_64' });
    expect(Images?.[0]?.Name).toMatch(/^al2023-ami-2023\.\d+\.\d{8}\.\d+-kernel-6\.1-x86_64$/);
  });

  it('lists the four parameters by path, with one AMI per architecture', async () => {
    // Act
    const { Parameters } = await t.ssm.send(new GetParametersByPathCommand({ Path: PREFIX }));
    // Assess
    const byName = Object.fromEntries(Parameters?.map((p) => [p.Name?.slice(PREFIX.length + 1), p.Value]) ?? []);
    expect(Object.keys(byName).sort()).toEqual([
      'al2023-ami-kernel-6.1-arm64',
      'al2023-ami-kernel-6.1-x86_64',
      'al2023-ami-kernel-default-arm64',
      'al2023-ami-kernel-default-x86_64',
    ]);
    expect(byName['al2023-ami-kernel-6.1-arm64']).toBe(byName['al2023-ami-kernel-default-arm64']);
    expect(byName['al2023-ami-kernel-6.1-x86_64']).not.toBe(byName['al2023-ami-kernel-6.1-arm64']);
  });

  it('moves a parameter to a newer Amazon image when one is published', async () => {
    // Prepare
    const name = `${PREFIX}/al2023-ami-kernel-6.1-arm64`;
    const before = (await t.ssm.send(new GetParameterCommand({ Name: name }))).Parameter;
    t.cloud.clock.advance(86_400_000);
    // Act
    const published = t.cloud.runtime.services.ssm.publishPublicImage('us-east-1', name);
    // Assess
    const after = (await t.ssm.send(new GetParameterCommand({ Name: name }))).Parameter;
    expect(after?.Value).toBe(published.imageIds.arm64);
    expect(after?.Value).not.toBe(before?.Value);
    expect(after?.Version).toBe((before?.Version ?? 0) + 1);
    const { Images } = await t.ec2.send(new DescribeImagesCommand({ ImageIds: [after?.Value as string, before?.Value as string] }));
    const created = Object.fromEntries(Images?.map((i) => [i.ImageId, i.CreationDate]) ?? []);
    expect(Date.parse(created[after?.Value as string] as string)).toBeGreaterThan(Date.parse(created[before?.Value as string] as string));
    const { Parameters } = await t.ssm.send(new GetParameterHistoryCommand({ Name: name }));
    expect(Parameters?.map((p) => p.Value)).toEqual([before?.Value, after?.Value]);
    const untouched = (await t.ssm.send(new GetParameterCommand({ Name: `${PREFIX}/al2023-ami-kernel-6.1-x86_64` }))).Parameter;
    expect(untouched?.Version).toBe(1);
  });

  it('moves all four parameters when no name is given', async () => {
    // Prepare
    const region = 'ap-southeast-2';
    const { SSMClient } = await import('@aws-sdk/client-ssm');
    const sydney = new SSMClient(t.cloud.config(region));
    const before = (await sydney.send(new GetParametersByPathCommand({ Path: PREFIX }))).Parameters;
    // Act
    const published = t.cloud.runtime.services.ssm.publishPublicImage(region);
    // Assess
    const after = (await sydney.send(new GetParametersByPathCommand({ Path: PREFIX }))).Parameters;
    expect(published.parameters).toHaveLength(4);
    expect(after?.map((p) => p.Version)).toEqual([2, 2, 2, 2]);
    expect(new Set(after?.map((p) => p.Value))).toEqual(new Set([published.imageIds.arm64, published.imageIds.x86_64]));
    expect(after?.map((p) => p.Value)).not.toEqual(before?.map((p) => p.Value));
  });

  it('refuses a public parameter name it does not publish', () => {
    // Act
    const publish = () => t.cloud.runtime.services.ssm.publishPublicImage('us-east-1', `${PREFIX}/amzn2-ami-hvm-x86_64-gp2`);
    // Assess
    expect(publish).toThrow(RangeError);
  });

  it('seeds each region on its own', async () => {
    // Prepare
    const { SSMClient } = await import('@aws-sdk/client-ssm');
    const west = new SSMClient(t.cloud.config('eu-west-1'));
    // Act
    const east = (await t.ssm.send(new GetParameterCommand({ Name: `${PREFIX}/al2023-ami-kernel-default-x86_64` }))).Parameter;
    const other = (await west.send(new GetParameterCommand({ Name: `${PREFIX}/al2023-ami-kernel-default-x86_64` }))).Parameter;
    // Assess
    expect(other?.ARN).toBe(`arn:aws:ssm:eu-west-1::parameter${PREFIX}/al2023-ami-kernel-default-x86_64`);
    expect(other?.Value).not.toBe(east?.Value);
  });

  it('throws ParameterNotFound for a public parameter the local cloud does not serve', async () => {
    // Act
    const call = t.ssm.send(new GetParameterCommand({ Name: `${PREFIX}/amzn2-ami-hvm-x86_64-gp2` }));
    // Assess
    await expectAwsError(call, 'ParameterNotFound', NO_MESSAGE);
  });
});
