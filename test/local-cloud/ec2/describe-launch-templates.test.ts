import { CreateLaunchTemplateCommand, DescribeLaunchTemplatesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DescribeLaunchTemplates', () => {
  let t: Ec2TestCloud;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startEc2TestCloud();
    for (const [name, stage] of [
      ['api-staging', 'staging'],
      ['api-production', 'production'],
      ['worker-production', 'production'],
    ]) {
      const created = await t.ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: name,
          LaunchTemplateData: { InstanceType: 't3.micro' },
          TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'stage', Value: stage }] }],
        }),
      );
      ids[name] = created.LaunchTemplate?.LaunchTemplateId as string;
    }
  });
  afterAll(() => t.cloud.stop());

  it('describes templates by id and by name', async () => {
    // Act
    const described = await t.ec2.send(
      new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [ids['api-staging']], LaunchTemplateNames: ['worker-production'] }),
    );
    // Assess
    expect(described.LaunchTemplates?.map((lt) => lt.LaunchTemplateName)).toEqual(['api-staging', 'worker-production']);
  });

  it('filters by name wildcard and tag', async () => {
    // Act
    const described = await t.ec2.send(
      new DescribeLaunchTemplatesCommand({
        Filters: [
          { Name: 'launch-template-name', Values: ['api-*'] },
          { Name: 'tag:stage', Values: ['production'] },
        ],
      }),
    );
    // Assess
    expect(described.LaunchTemplates?.map((lt) => lt.LaunchTemplateId)).toEqual([ids['api-production']]);
  });

  it('pages through templates', async () => {
    // Act
    const first = await t.ec2.send(new DescribeLaunchTemplatesCommand({ MaxResults: 2 }));
    const second = await t.ec2.send(new DescribeLaunchTemplatesCommand({ MaxResults: 2, NextToken: first.NextToken }));
    // Assess
    expect(first.LaunchTemplates).toHaveLength(2);
    expect(second.LaunchTemplates?.map((lt) => lt.LaunchTemplateName)).toEqual(['worker-production']);
    expect(second.NextToken).toBeUndefined();
  });

  it('refuses a name that does not exist', async () => {
    // Act
    const call = t.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['missing'] }));
    // Assess
    await expectEc2Error(call, 'InvalidLaunchTemplateName.NotFoundException', 'At least one of the launch templates specified in the request does not exist.');
  });

  it('refuses an id that does not exist', async () => {
    // Act
    const call = t.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: ['lt-0123456789abcdef0'] }));
    // Assess
    await expectEc2Error(call, 'InvalidLaunchTemplateId.NotFound', 'The specified launch template, with template ID lt-0123456789abcdef0, does not exist.');
  });

  it('refuses an unknown filter', async () => {
    // Act
    const call = t.ec2.send(new DescribeLaunchTemplatesCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] }));
    // Assess
    await expectEc2Error(call, 'InvalidParameterValue', "The filter 'colour' is invalid");
  });
});
