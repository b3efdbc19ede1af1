import { CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: RunInstances', () => {
  let t: Ec2TestCloud;
  let imageV1: string;
  let imageV2: string;
  let templateId: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    imageV1 = t.registerImage({ architecture: 'arm64' }).imageId;
    imageV2 = t.registerImage().imageId;
    const created = await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'validation',
        LaunchTemplateData: {
          ImageId: imageV1,
          InstanceType: 't4g.micro',
          MetadataOptions: { HttpTokens: 'required' },
          IamInstanceProfile: { Name: 'smoke-test' },
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Purpose', Value: 'validation' }] }],
        },
      }),
    );
    templateId = created.LaunchTemplate?.LaunchTemplateId as string;
    await t.ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: templateId, SourceVersion: '1', LaunchTemplateData: { ImageId: imageV2 } }));
  });
  afterAll(() => t.cloud.stop());

  it('launches pending instances from an AMI with the given settings', async () => {
    // Act
    const reservation = await t.ec2.send(
      new RunInstancesCommand({
        ImageId: imageV2,
        InstanceType: 'm7i.large',
        MinCount: 2,
        MaxCount: 2,
        MetadataOptions: { HttpTokens: 'optional' },
        IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/builder' },
        SubnetId: 'subnet-0123456789abcdef0',
        UserData: Buffer.from('#!/bin/bash\necho hi').toString('base64'),
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'probe' }] }],
      }),
    );
    // Assess
    expect(reservation.ReservationId).toMatch(/^r-[0-9a-f]{17}$/);
    expect(reservation.OwnerId).toBe('123456789012');
    expect(reservation.Instances).toHaveLength(2);
    expect(reservation.Instances?.map((i) => i.AmiLaunchIndex)).toEqual([0, 1]);
    expect(reservation.Instances?.[0]).toMatchObject({
      ImageId: imageV2,
      InstanceType: 'm7i.large',
      State: { Code: 0, Name: 'pending' },
      SubnetId: 'subnet-0123456789abcdef0',
      MetadataOptions: { State: 'pending', HttpTokens: 'optional', HttpEndpoint: 'enabled' },
      IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/builder' },
      Tags: [{ Key: 'Name', Value: 'probe' }],
      LaunchTime: t.cloud.clock.date(),
      Architecture: 'x86_64',
    });
  });

  it('launches from the default version of a launch template and tags the instance with it', async () => {
    // Act
    const reservation = await t.ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateId: templateId } }));
    // Assess
    const instance = reservation.Instances?.[0];
    expect(instance).toMatchObject({
      ImageId: imageV1,
      InstanceType: 't4g.micro',
      Architecture: 'arm64',
      MetadataOptions: { HttpTokens: 'required' },
      IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/smoke-test' },
    });
    expect(instance?.Tags).toEqual([
      { Key: 'Purpose', Value: 'validation' },
      { Key: 'aws:ec2launchtemplate:id', Value: templateId },
      { Key: 'aws:ec2launchtemplate:version', Value: '1' },
    ]);
  });

  it('launches from $Latest, with request parameters overriding the template', async () => {
    // Act
    const reservation = await t.ec2.send(
      new RunInstancesCommand({ MinCount: 1, MaxCount: 1, InstanceType: 't3.nano', LaunchTemplate: { LaunchTemplateName: 'validation', Version: '$Latest' } }),
    );
    // Assess
    expect(reservation.Instances?.[0]).toMatchObject({ ImageId: imageV2, InstanceType: 't3.nano' });
    expect(reservation.Instances?.[0]?.Tags).toContainEqual({ Key: 'aws:ec2launchtemplate:version', Value: '2' });
  });

  it('emits a pending state-change event for each instance', async () => {
    // Prepare
    const before = t.cloud.runtime.events.length;
    // Act
    const reservation = await t.ec2.send(new RunInstancesCommand({ ImageId: imageV1, MinCount: 1, MaxCount: 1 }));
    // Assess
    const instanceId = reservation.Instances?.[0]?.InstanceId;
    expect(t.cloud.runtime.events.slice(before)).toMatchObject([
      {
        source: 'aws.ec2',
        'detail-type': 'EC2 Instance State-change Notification',
        account: '123456789012',
        region: 'us-east-1',
        resources: [`arn:aws:ec2:us-east-1:123456789012:instance/${instanceId}`],
        detail: { 'instance-id': instanceId, state: 'pending' },
      },
    ]);
  });

  it('returns the first reservation again for a repeated client token', async () => {
    // Prepare
    const first = await t.ec2.send(new RunInstancesCommand({ ImageId: imageV1, MinCount: 1, MaxCount: 1, ClientToken: 'release-42' }));
    // Act
    const again = await t.ec2.send(new RunInstancesCommand({ ImageId: imageV1, MinCount: 1, MaxCount: 1, ClientToken: 'release-42' }));
    // Assess
    expect(again.ReservationId).toBe(first.ReservationId);
    expect(again.Instances?.map((i) => i.InstanceId)).toEqual(first.Instances?.map((i) => i.InstanceId));
  });

  it('refuses an AMI that does not exist', async () => {
    // Act
    const call = t.ec2.send(new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', MinCount: 1, MaxCount: 1 }));
    // Assess
    await expectEc2Error(call, 'InvalidAMIID.NotFound', "The image id '[ami-0123456789abcdef0]' does not exist");
  });

  it('refuses a malformed AMI id', async () => {
    // Act
    const call = t.ec2.send(new RunInstancesCommand({ ImageId: 'ubuntu', MinCount: 1, MaxCount: 1 }));
    // Assess
    await expectEc2Error(call, 'InvalidAMIID.Malformed', 'Invalid id: "ubuntu" (expecting "ami-...")');
  });

  it('refuses a launch with neither an AMI nor a launch template', async () => {
    // Act
    const call = t.ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1 }));
    // Assess
    await expectEc2Error(call, 'MissingParameter', 'The request must contain the parameter ImageId');
  });

  it('refuses a launch template version that does not exist', async () => {
    // Act
    const call = t.ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateId: templateId, Version: '5' } }));
    // Assess
    await expectEc2Error(
      call,
      'InvalidLaunchTemplateId.VersionNotFound',
      `Could not find the specified version 5 for the launch template with ID ${templateId}.`,
    );
  });

  it('refuses an invalid HttpTokens value and launches nothing', async () => {
    // Prepare
    const before = Object.keys(t.cloud.runtime.services.ec2.store.get('123456789012', 'us-east-1').instances).length;
    // Act
    const call = t.ec2.send(new RunInstancesCommand({ ImageId: imageV1, MinCount: 1, MaxCount: 1, MetadataOptions: { HttpTokens: 'sometimes' as never } }));
    // Assess
    await expectEc2Error(call, 'InvalidParameterValue', 'Value (sometimes) for parameter httpTokens is invalid. Valid values: optional, required.');
    expect(Object.keys(t.cloud.runtime.services.ec2.store.get('123456789012', 'us-east-1').instances)).toHaveLength(before);
  });

  it('answers a dry run with DryRunOperation and launches nothing', async () => {
    // Prepare
    const before = t.cloud.runtime.events.length;
    // Act
    const call = t.ec2.send(new RunInstancesCommand({ ImageId: imageV1, MinCount: 1, MaxCount: 1, DryRun: true }));
    // Assess
    await expectEc2Error(call, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
    expect(t.cloud.runtime.events.length).toBe(before);
  });
});
