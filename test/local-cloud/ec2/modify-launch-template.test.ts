import { CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, ModifyLaunchTemplateCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: ModifyLaunchTemplate', () => {
  let t: Ec2TestCloud;
  let templateId: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    const created = await t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'modify', LaunchTemplateData: { InstanceType: 't3.micro' } }));
    templateId = created.LaunchTemplate?.LaunchTemplateId as string;
    await t.ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: templateId, LaunchTemplateData: { InstanceType: 't3.small' } }));
  });
  afterAll(() => t.cloud.stop());

  it('sets the default version', async () => {
    // Act
    const modified = await t.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateName: 'modify', DefaultVersion: '2' }));
    // Assess
    expect(modified.LaunchTemplate).toMatchObject({ LaunchTemplateId: templateId, DefaultVersionNumber: 2, LatestVersionNumber: 2 });
  });

  it('refuses a default version that does not exist', async () => {
    // Act
    const call = t.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: templateId, DefaultVersion: '7' }));
    // Assess
    await expectEc2Error(
      call,
      'InvalidLaunchTemplateId.VersionNotFound',
      `Could not find the specified version 7 for the launch template with ID ${templateId}.`,
    );
  });
});
