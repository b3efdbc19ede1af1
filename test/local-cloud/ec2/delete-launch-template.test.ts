import { CreateLaunchTemplateCommand, DeleteLaunchTemplateCommand, DescribeLaunchTemplatesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DeleteLaunchTemplate', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('deletes the template with all its versions', async () => {
    // Prepare
    const created = await t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'doomed', LaunchTemplateData: { InstanceType: 't3.micro' } }));
    // Act
    const deleted = await t.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: created.LaunchTemplate?.LaunchTemplateId }));
    // Assess
    expect(deleted.LaunchTemplate?.LaunchTemplateName).toBe('doomed');
    const left = await t.ec2.send(new DescribeLaunchTemplatesCommand({}));
    expect(left.LaunchTemplates).toEqual([]);
  });

  it('refuses a template name that does not exist', async () => {
    // Act
    const call = t.ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateName: 'ghost' }));
    // Assess
    await expectEc2Error(call, 'InvalidLaunchTemplateName.NotFoundException', 'The specified launch template, with template name ghost, does not exist.');
  });

  it('refuses a request that names no template', async () => {
    // Act
    const call = t.ec2.send(new DeleteLaunchTemplateCommand({}));
    // Assess
    await expectEc2Error(call, 'MissingParameter', 'The request must contain the parameter launchTemplateName or launchTemplateId');
  });
});
