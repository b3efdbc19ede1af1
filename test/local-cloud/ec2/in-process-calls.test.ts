import type {
  DescribeImagesCommandOutput,
  DescribeLaunchTemplateVersionsCommandOutput,
  RunInstancesCommandOutput,
  TerminateInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import { CreateLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../local-cloud/errors.ts';
import { ACCOUNT, type Ec2TestCloud, REGION, startEc2TestCloud } from './ec2-test-cloud.ts';

const scope = { accountId: ACCOUNT, region: REGION };

describe('EC2: in-process calls from other services', () => {
  let t: Ec2TestCloud;
  let imageId: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    imageId = t.registerImage({ name: 'golden-in-process' }).imageId;
    await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'asg',
        LaunchTemplateData: { ImageId: imageId, InstanceType: 't3.micro', MetadataOptions: { HttpTokens: 'required' } },
      }),
    );
  });
  afterAll(() => t.cloud.stop());

  it('launches, describes and terminates through cloud.invoke with SDK-shaped input', async () => {
    // Act
    const launched = await t.cloud.runtime.invoke<RunInstancesCommandOutput>(
      'ec2',
      'RunInstances',
      {
        MinCount: 1,
        MaxCount: 1,
        LaunchTemplate: { LaunchTemplateName: 'asg', Version: '$Default' },
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'aws:autoscaling:groupName', Value: 'web' }] }],
      },
      scope,
      'autoscaling',
    );
    const instanceId = launched.Instances?.[0]?.InstanceId as string;
    t.cloud.clock.advance(30_000);
    const terminated = await t.cloud.runtime.invoke<TerminateInstancesCommandOutput>(
      'ec2',
      'TerminateInstances',
      { InstanceIds: [instanceId] },
      scope,
      'autoscaling',
    );
    // Assess
    expect(launched.Instances?.[0]?.Tags).toContainEqual({ Key: 'aws:autoscaling:groupName', Value: 'web' });
    expect(terminated.TerminatingInstances?.[0]?.PreviousState?.Name).toBe('running');
    expect(t.cloud.runtime.calls.filter((c) => c.caller === 'autoscaling').map((c) => c.operation)).toEqual(['RunInstances', 'TerminateInstances']);
  });

  it('answers with copies that callers cannot use to change stored state', async () => {
    // Prepare
    const versions = await t.cloud.runtime.invoke<DescribeLaunchTemplateVersionsCommandOutput>(
      'ec2',
      'DescribeLaunchTemplateVersions',
      { LaunchTemplateName: 'asg', Versions: ['$Latest'] },
      scope,
    );
    const images = await t.cloud.runtime.invoke<DescribeImagesCommandOutput>('ec2', 'DescribeImages', { ImageIds: [imageId] }, scope);
    // Act
    const data = versions.LaunchTemplateVersions?.[0]?.LaunchTemplateData;
    if (data) data.ImageId = 'ami-00000000000000000';
    const ebs = images.Images?.[0]?.BlockDeviceMappings?.[0]?.Ebs;
    if (ebs) ebs.VolumeSize = 999;
    // Assess
    const again = await t.cloud.runtime.invoke<DescribeLaunchTemplateVersionsCommandOutput>(
      'ec2',
      'DescribeLaunchTemplateVersions',
      { LaunchTemplateName: 'asg' },
      scope,
    );
    expect(again.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.ImageId).toBe(imageId);
    const image = await t.cloud.runtime.invoke<DescribeImagesCommandOutput>('ec2', 'DescribeImages', { ImageIds: [imageId] }, scope);
    expect(image.Images?.[0]?.BlockDeviceMappings?.[0]?.Ebs?.VolumeSize).toBe(8);
  });

  it('throws EC2 errors as AwsServiceError', async () => {
    // Act
    const call = t.cloud.runtime.invoke('ec2', 'DescribeLaunchTemplateVersions', { LaunchTemplateName: 'missing' }, scope);
    // Assess
    await expect(call).rejects.toEqual(
      new AwsServiceError('InvalidLaunchTemplateName.NotFoundException', 'The specified launch template, with template name missing, does not exist.'),
    );
  });
});
