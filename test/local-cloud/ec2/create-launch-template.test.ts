import { CreateLaunchTemplateCommand, DescribeLaunchTemplateVersionsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: CreateLaunchTemplate', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('creates version 1 as the default and keeps the data in the SDK shape', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    const data = {
      ImageId: imageId,
      InstanceType: 't3.micro' as const,
      MetadataOptions: { HttpTokens: 'required' as const, HttpPutResponseHopLimit: 2 },
      IamInstanceProfile: { Name: 'validation' },
      TagSpecifications: [{ ResourceType: 'instance' as const, Tags: [{ Key: 'Role', Value: 'web' }] }],
    };
    // Act
    const created = await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'web-create',
        VersionDescription: 'first',
        LaunchTemplateData: data,
        TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'team', Value: 'platform' }] }],
      }),
    );
    // Assess
    expect(created.LaunchTemplate).toMatchObject({
      LaunchTemplateName: 'web-create',
      DefaultVersionNumber: 1,
      LatestVersionNumber: 1,
      CreatedBy: 'arn:aws:iam::123456789012:root',
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
    expect(created.LaunchTemplate?.LaunchTemplateId).toMatch(/^lt-[0-9a-f]{17}$/);
    expect(created.LaunchTemplate?.CreateTime).toEqual(t.cloud.clock.date());
    expect(created.Warning).toBeUndefined();
    const versions = await t.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: created.LaunchTemplate?.LaunchTemplateId }));
    expect(versions.LaunchTemplateVersions?.[0]).toMatchObject({
      VersionNumber: 1,
      VersionDescription: 'first',
      DefaultVersion: true,
      LaunchTemplateData: data,
    });
  });

  it('saves a template whose AMI does not exist, with a warning', async () => {
    // Prepare
    const missing = 'ami-0123456789abcdef0';
    // Act
    const created = await t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web-warning', LaunchTemplateData: { ImageId: missing } }));
    // Assess
    expect(created.LaunchTemplate?.LaunchTemplateName).toBe('web-warning');
    expect(created.Warning?.Errors).toEqual([{ Code: 'InvalidAMIID.NotFound', Message: `The image id '[${missing}]' does not exist` }]);
  });

  it('returns the same template for a repeated client token', async () => {
    // Prepare
    const input = { LaunchTemplateName: 'web-token', ClientToken: 'token-1', LaunchTemplateData: { InstanceType: 't3.small' as const } };
    const first = await t.ec2.send(new CreateLaunchTemplateCommand(input));
    // Act
    const second = await t.ec2.send(new CreateLaunchTemplateCommand(input));
    // Assess
    expect(second.LaunchTemplate?.LaunchTemplateId).toBe(first.LaunchTemplate?.LaunchTemplateId);
  });

  it('refuses a name already in use', async () => {
    // Prepare
    await t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web-taken', LaunchTemplateData: { InstanceType: 't3.micro' } }));
    // Act
    const call = t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web-taken', LaunchTemplateData: { InstanceType: 't3.micro' } }));
    // Assess
    await expectEc2Error(call, 'InvalidLaunchTemplateName.AlreadyExistsException', 'Launch template name already in use.');
  });

  it('refuses a malformed name', async () => {
    // Act
    const call = t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'no spaces allowed', LaunchTemplateData: { InstanceType: 't3.micro' } }));
    // Assess
    await expectEc2Error(
      call,
      'InvalidLaunchTemplateName.MalformedException',
      'A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.',
    );
  });

  it('refuses a malformed AMI id', async () => {
    // Act
    const call = t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web-bad-ami', LaunchTemplateData: { ImageId: 'ami-nope' } }));
    // Assess
    await expectEc2Error(call, 'InvalidAMIID.Malformed', 'Invalid id: "ami-nope" (expecting "ami-...")');
  });

  it('refuses a request without launch template data', async () => {
    // Act
    const call = t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web-no-data', LaunchTemplateData: undefined as never }));
    // Assess
    await expectEc2Error(call, 'MissingParameter', 'No launch template data was provided. Launch template data is required to create a launch template.');
  });
});
