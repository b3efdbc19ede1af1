import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplateVersionsCommand,
  ModifyLaunchTemplateCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DescribeLaunchTemplateVersions', () => {
  let t: Ec2TestCloud;
  let templateId: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    const created = await t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'versions', LaunchTemplateData: { InstanceType: 't3.micro' } }));
    templateId = created.LaunchTemplate?.LaunchTemplateId as string;
    for (const type of ['t3.small', 't3.medium', 't3.large'] as const)
      await t.ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: templateId, LaunchTemplateData: { InstanceType: type } }));
    await t.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: templateId, DefaultVersion: '2' }));
  });
  afterAll(() => t.cloud.stop());

  it('resolves $Latest and $Default', async () => {
    // Act
    const described = await t.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'versions', Versions: ['$Latest', '$Default'] }));
    // Assess
    const versions = described.LaunchTemplateVersions?.map((v) => [v.VersionNumber, v.DefaultVersion, v.LaunchTemplateData?.InstanceType]);
    expect(versions).toEqual([
      [4, false, 't3.large'],
      [2, true, 't3.small'],
    ]);
  });

  it('describes every version from newest to oldest, bounded by MinVersion and MaxVersion', async () => {
    // Act
    const all = await t.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId }));
    const bounded = await t.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, MinVersion: '2', MaxVersion: '3' }));
    // Assess
    expect(all.LaunchTemplateVersions?.map((v) => v.VersionNumber)).toEqual([4, 3, 2, 1]);
    expect(bounded.LaunchTemplateVersions?.map((v) => v.VersionNumber)).toEqual([3, 2]);
  });

  it('filters versions', async () => {
    // Act
    const described = await t.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateId: templateId,
        Filters: [
          { Name: 'instance-type', Values: ['t3.*'] },
          { Name: 'is-default-version', Values: ['false'] },
        ],
      }),
    );
    // Assess
    expect(described.LaunchTemplateVersions?.map((v) => v.VersionNumber)).toEqual([4, 3, 1]);
  });

  it('describes the $Latest version of every template when no template is named', async () => {
    // Prepare
    await t.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'versions-other', LaunchTemplateData: { InstanceType: 'c7g.large' } }));
    // Act
    const described = await t.ec2.send(new DescribeLaunchTemplateVersionsCommand({ Versions: ['$Latest'] }));
    // Assess
    expect(described.LaunchTemplateVersions?.map((v) => [v.LaunchTemplateName, v.VersionNumber])).toEqual([
      ['versions', 4],
      ['versions-other', 1],
    ]);
  });

  it('refuses a version that does not exist', async () => {
    // Act
    const call = t.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: ['9'] }));
    // Assess
    await expectEc2Error(
      call,
      'InvalidLaunchTemplateId.VersionNotFound',
      `Could not find the specified version 9 for the launch template with ID ${templateId}.`,
    );
  });

  it('refuses an unknown launch template name', async () => {
    // Act
    const call = t.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'nobody' }));
    // Assess
    await expectEc2Error(call, 'InvalidLaunchTemplateName.NotFoundException', 'The specified launch template, with template name nobody, does not exist.');
  });
});
