import { CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: CreateLaunchTemplateVersion', () => {
  let t: Ec2TestCloud;
  let templateId: string;
  let oldImage: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    oldImage = t.registerImage().imageId;
    const created = await t.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: 'fleet',
        LaunchTemplateData: { ImageId: oldImage, InstanceType: 't3.micro', MetadataOptions: { HttpTokens: 'required' }, IamInstanceProfile: { Name: 'fleet' } },
      }),
    );
    templateId = created.LaunchTemplate?.LaunchTemplateId as string;
  });
  afterAll(() => t.cloud.stop());

  it('overlays the given data on the source version', async () => {
    // Prepare
    const newImage = t.registerImage().imageId;
    // Act
    const created = await t.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: templateId,
        SourceVersion: '1',
        VersionDescription: 'new AMI',
        LaunchTemplateData: { ImageId: newImage },
      }),
    );
    // Assess
    expect(created.LaunchTemplateVersion).toMatchObject({
      LaunchTemplateId: templateId,
      LaunchTemplateName: 'fleet',
      VersionNumber: 2,
      VersionDescription: 'new AMI',
      DefaultVersion: false,
      LaunchTemplateData: { ImageId: newImage, InstanceType: 't3.micro', MetadataOptions: { HttpTokens: 'required' }, IamInstanceProfile: { Name: 'fleet' } },
    });
  });

  it('takes only the given data without a source version', async () => {
    // Act
    const created = await t.ec2.send(
      new CreateLaunchTemplateVersionCommand({ LaunchTemplateName: 'fleet', LaunchTemplateData: { InstanceType: 'm7g.large' } }),
    );
    // Assess
    expect(created.LaunchTemplateVersion?.VersionNumber).toBe(3);
    expect(created.LaunchTemplateVersion?.LaunchTemplateData).toEqual({ InstanceType: 'm7g.large' });
  });

  it('refuses an unknown launch template id', async () => {
    // Act
    const call = t.ec2.send(
      new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: 'lt-0123456789abcdef0', LaunchTemplateData: { InstanceType: 't3.micro' } }),
    );
    // Assess
    await expectEc2Error(call, 'InvalidLaunchTemplateId.NotFound', 'The specified launch template, with template ID lt-0123456789abcdef0, does not exist.');
  });

  it('refuses a source version that does not exist', async () => {
    // Act
    const call = t.ec2.send(
      new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: templateId, SourceVersion: '42', LaunchTemplateData: { InstanceType: 't3.micro' } }),
    );
    // Assess
    await expectEc2Error(
      call,
      'InvalidLaunchTemplateId.VersionNotFound',
      `Could not find the specified version 42 for the launch template with ID ${templateId}.`,
    );
  });
});
