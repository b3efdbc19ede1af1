import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppModel } from '../../core/app-model/index.ts';
import type { LoadedConfig } from '../../core/config/index.ts';
import { exampleModel, type SynthesizedApp, synthesizedApp } from './synthesized-app.ts';
import { referencedResource, resourcesOfType, resourceWith, roleStatements } from './template-queries.ts';

describe('Stack: ImageFactory', () => {
  let app: SynthesizedApp;
  let model: AppModel;
  let config: LoadedConfig;
  beforeAll(async () => {
    app = await synthesizedApp();
    ({ model, config } = await exampleModel());
  }, 240_000);

  it('requires IMDSv2 and terminates failed build instances, notifying Goldsmith’s topic', () => {
    Template.fromJSON(app.templates.ImageFactory).allResourcesProperties('AWS::ImageBuilder::InfrastructureConfiguration', {
      InstanceMetadataOptions: { HttpTokens: 'required' },
      TerminateInstanceOnFailure: true,
    });
    for (const spec of model.infrastructureConfigurations) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::ImageBuilder::InfrastructureConfiguration', 'Name', spec.name);
      // Act
      const topic = referencedResource(app, 'ImageFactory', properties.SnsTopicArn);
      // Assess
      expect(properties.InstanceMetadataOptions).toEqual({ HttpTokens: 'required', HttpPutResponseHopLimit: 2 });
      expect(properties.TerminateInstanceOnFailure).toBe(true);
      expect(topic?.properties.TopicName).toBe(model.topics.find((t) => t.key === spec.snsTopicArn.name)?.name);
    }
  });

  it('encrypts the root volume of every recipe', () => {
    for (const spec of model.imageRecipes) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::ImageBuilder::ImageRecipe', 'Name', spec.name);
      // Act
      const volumes = properties.BlockDeviceMappings as Array<{
        DeviceName: string;
        Ebs: { Encrypted: boolean; DeleteOnTermination: boolean; KmsKeyId?: string };
      }>;
      // Assess
      expect(volumes).toHaveLength(1);
      expect(volumes[0]).toMatchObject({
        DeviceName: '/dev/xvda',
        Ebs: { Encrypted: true, DeleteOnTermination: true, KmsKeyId: 'alias/aws/ebs', VolumeSize: 20 },
      });
      expect(properties.Version).toBe(spec.version);
    }
  });

  it('versions each component by its content', () => {
    for (const component of config.components) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::ImageBuilder::Component', 'Name', component.name);
      // Act
      const { Version, Data } = properties;
      // Assess
      expect(Version).toBe(component.version);
      expect(Data).toBe(component.data);
    }
  });

  it('distributes to every Region with its KMS key and shares with nobody by default, never with all', () => {
    // Prepare
    const pipeline = config.pipelines[0].config;
    // Act
    const { properties } = resourceWith(app, 'AWS::ImageBuilder::DistributionConfiguration', 'Name', `${config.config.project}-${pipeline.name}`);
    const distributions = properties.Distributions as Array<{ Region: string; AmiDistributionConfiguration: Record<string, unknown> }>;
    // Assess
    expect(distributions.map((d) => d.Region)).toEqual(pipeline.distribution.regions);
    for (const { AmiDistributionConfiguration: ami } of distributions) {
      expect(ami.KmsKeyId).toBe('alias/aws/ebs');
      expect(ami.LaunchPermissionConfiguration).toBeUndefined();
      expect(ami.AmiTags).toMatchObject({ 'goldsmith:managed': 'true', 'goldsmith:pipeline': pipeline.name });
      expect(ami.Name).toMatch(/\{\{ imagebuilder:buildDate \}\}$/);
    }
    expect(JSON.stringify(app.templates.ImageFactory)).not.toMatch(/UserGroups|"all"/i);
  });

  it('turns Image Builder’s own schedule off and enhanced metadata and image scanning on', () => {
    for (const spec of model.imagePipelines) {
      // Prepare
      const { properties } = resourceWith(app, 'AWS::ImageBuilder::ImagePipeline', 'Name', spec.name);
      // Act
      const { Schedule, EnhancedImageMetadataEnabled, ImageScanningConfiguration, Status } = properties;
      // Assess
      expect(Schedule).toBeUndefined();
      expect(EnhancedImageMetadataEnabled).toBe(true);
      expect(ImageScanningConfiguration).toEqual({ ImageScanningEnabled: true });
      expect(Status).toBe('ENABLED');
    }
  });

  it('gives build instances a scoped customer managed policy instead of AWS managed policies', () => {
    for (const spec of model.roles.filter((r) => r.principal === 'ec2.amazonaws.com')) {
      // Prepare
      const role = resourceWith(app, 'AWS::IAM::Role', 'RoleName', spec.name);
      // Act
      const statements = roleStatements(app, 'ImageFactory', role.logicalId);
      const actions = statements.flatMap((s) => s.Action ?? []);
      // Assess
      expect(role.properties.ManagedPolicyArns).toBeUndefined();
      expect(actions).toEqual(expect.arrayContaining(['ssm:UpdateInstanceInformation', 'ssmmessages:OpenControlChannel', 'imagebuilder:GetComponent']));
      expect(resourcesOfType(app, 'AWS::IAM::InstanceProfile').map((p) => p.properties.InstanceProfileName)).toContain(
        model.instanceProfiles.find((p) => p.role.name === spec.key)?.name,
      );
    }
  });
});
