import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DeleteLaunchTemplateVersionsCommand,
  DescribeLaunchTemplatesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DeleteLaunchTemplateVersions', () => {
  let t: Ec2TestCloud;
  let templateId: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    const created = await t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'prune', LaunchTemplateData: { InstanceType: 't3.micro' } }));
    templateId = created.LaunchTemplate?.LaunchTemplateId as string;
    for (let i = 0; i < 3; i++)
      await t.ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: templateId, LaunchTemplateData: { InstanceType: 't3.small' } }));
  });
  afterAll(() => t.cloud.stop());

  it('deletes versions and reports the default version and unknown ones as unsuccessful', async () => {
    // Act
    const result = await t.ec2.send(new DeleteLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: ['4', '1', '2', '9'] }));
    // Assess
    expect(result.SuccessfullyDeletedLaunchTemplateVersions?.map((v) => v.VersionNumber)).toEqual([4, 2]);
    expect(result.UnsuccessfullyDeletedLaunchTemplateVersions?.map((v) => [v.VersionNumber, v.ResponseError?.Code])).toEqual([
      [1, 'unexpectedError'],
      [9, 'launchTemplateVersionDoesNotExist'],
    ]);
    const template = await t.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [templateId] }));
    expect(template.LaunchTemplates?.[0]).toMatchObject({ DefaultVersionNumber: 1, LatestVersionNumber: 3 });
  });

  it('numbers new versions after the highest ever created', async () => {
    // Act
    const created = await t.ec2.send(
      new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: templateId, LaunchTemplateData: { InstanceType: 't3.large' } }),
    );
    // Assess
    expect(created.LaunchTemplateVersion?.VersionNumber).toBe(5);
  });

  it('reports a template that does not exist for each version', async () => {
    // Act
    const result = await t.ec2.send(new DeleteLaunchTemplateVersionsCommand({ LaunchTemplateName: 'nothing', Versions: ['1'] }));
    // Assess
    expect(result.UnsuccessfullyDeletedLaunchTemplateVersions).toEqual([
      {
        LaunchTemplateName: 'nothing',
        VersionNumber: 1,
        ResponseError: { Code: 'launchTemplateNameDoesNotExist', Message: 'The specified launch template, with template name nothing, does not exist.' },
      },
    ]);
  });

  it('refuses a request without versions', async () => {
    // Act
    const call = t.ec2.send(new DeleteLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: [] }));
    // Assess
    await expectEc2Error(call, 'MissingParameter', 'The request must contain the parameter LaunchTemplateVersion');
  });
});
