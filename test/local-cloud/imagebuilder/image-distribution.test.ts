import {
  CreateLaunchTemplateCommand,
  DescribeImageAttributeCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetImageCommand, StartImagePipelineExecutionCommand } from '@aws-sdk/client-imagebuilder';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUILD_MS, type ImageBuilderTestCloud, REGION, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: distribution', () => {
  let t: ImageBuilderTestCloud;
  let ec2: EC2Client;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    ec2 = new EC2Client(t.cloud.config());
  });
  afterAll(() => t.cloud.stop());

  it('shares the AMI, writes its ID to SSM and makes it the launch template’s default, as the distribution says', async () => {
    // Prepare
    const { LaunchTemplate } = await ec2.send(
      new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web-fleet', LaunchTemplateData: { ImageId: t.parentAmi(), InstanceType: 't3.micro' } }),
    );
    const setup = await t.pipeline({
      distribution: {
        distributions: [
          {
            region: REGION,
            amiDistributionConfiguration: { name: 'web-{{ imagebuilder:buildDate }}', launchPermission: { userIds: ['111122223333'] } },
            ssmParameterConfigurations: [{ parameterName: '/goldsmith/web/latest', dataType: 'aws:ec2:image' }],
            launchTemplateConfigurations: [{ launchTemplateId: LaunchTemplate?.LaunchTemplateId, setDefaultVersion: true }],
          },
        ],
      },
    });
    const { imageBuildVersionArn } = await t.ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: setup.pipelineArn }));
    // Act
    t.cloud.clock.advance(DEFAULT_BUILD_MS);
    await new Promise((resolve) => setImmediate(resolve));
    // Assess
    const { image } = await t.ib.send(new GetImageCommand({ imageBuildVersionArn }));
    const amiId = image?.outputResources?.amis?.[0].image as string;
    const permissions = await ec2.send(new DescribeImageAttributeCommand({ ImageId: amiId, Attribute: 'launchPermission' }));
    expect(permissions.LaunchPermissions).toEqual([{ UserId: '111122223333' }]);
    const { Parameter } = await new SSMClient(t.cloud.config()).send(new GetParameterCommand({ Name: '/goldsmith/web/latest' }));
    expect(Parameter).toMatchObject({ Value: amiId, DataType: 'aws:ec2:image' });
    const { LaunchTemplates } = await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [LaunchTemplate?.LaunchTemplateId as string] }));
    expect(LaunchTemplates?.[0].DefaultVersionNumber).toBe(2);
    const { LaunchTemplateVersions } = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: LaunchTemplate?.LaunchTemplateId, Versions: ['2'] }),
    );
    expect(LaunchTemplateVersions?.[0].LaunchTemplateData).toMatchObject({ ImageId: amiId, InstanceType: 't3.micro' });
  });
});
