import { CfnInstanceProfile, ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnComponent, CfnDistributionConfiguration, CfnImagePipeline, CfnImageRecipe, CfnInfrastructureConfiguration } from 'aws-cdk-lib/aws-imagebuilder';
import type { StackContext } from 'sst/constructs';
import { applyTags } from './constructs/resource-tags.ts';
import { amiDistribution } from './image-factory/ami-distribution.ts';
import { useGoldsmith } from './model/goldsmith-app.ts';
import { buildInstanceGrants } from './security/build-instance-grants.ts';
import { toStatements } from './security/grant.ts';
import { suppress, suppressWildcards } from './security/nag-suppressions.ts';
import { removeUnusedHandler } from './security/unused-handler.ts';

/** Per pipeline, the Image Builder resources that build its golden image, and the role its build and test instances run as. */
export async function ImageFactory({ stack, app }: StackContext) {
  const goldsmith = await useGoldsmith(app);
  const { model, deploy, registry, arns } = goldsmith;
  const id = (kind: string, key: string) => `${kind}-${key.replace(/[^A-Za-z0-9]/g, '-')}`;

  for (const spec of model.roles.filter((r) => r.principal === 'ec2.amazonaws.com')) {
    const role = new Role(stack, id('BuildRole', spec.key), { roleName: spec.name, assumedBy: new ServicePrincipal(spec.principal) });
    const replaced = spec.managedPolicyArns.filter((arn) => deploy.replacedManagedPolicies.includes(arn));
    if (replaced.length) {
      const pipeline = model.instanceProfiles.find((p) => p.role.name === spec.key)?.key;
      const recipe = model.imageRecipes.find((r) => r.key === pipeline);
      const componentKeys = new Set(recipe?.components.map((c) => c.componentArn.name));
      const grants = buildInstanceGrants(
        model.components.filter((c) => componentKeys.has(c.key)),
        arns,
      );
      const policy = new ManagedPolicy(stack, id('BuildPolicy', spec.key), {
        managedPolicyName: `${spec.name}-instance`,
        description: `What ${pipeline} build and test instances need from SSM and Image Builder, in place of ${replaced.map((a) => a.split('/').pop()).join(' and ')}`,
        statements: toStatements(grants),
        roles: [role],
      });
      suppressWildcards(policy, grants);
    }
    const kept = spec.managedPolicyArns.filter((arn) => !deploy.replacedManagedPolicies.includes(arn));
    kept.forEach((arn, index) => {
      role.addManagedPolicy(ManagedPolicy.fromManagedPolicyArn(stack, id(`BuildExtraPolicy${index}`, spec.key), arn));
    });
    const awsManaged = kept.filter((arn) => arn.includes(':iam::aws:policy/'));
    if (awsManaged.length) {
      suppress(
        role,
        'IAM4',
        'Listed by the operator in goldsmith.config.ts (buildInstance.additionalPolicyArns) for what their components need.',
        awsManaged.map((arn) => `Policy::${arn.replace(/^arn:aws[a-z-]*:/, 'arn:<AWS::Partition>:')}`),
      );
    }
    applyTags(role, model.tags);
    registry.register('role', spec.key, { arn: role.roleArn, name: role.roleName });
  }

  for (const spec of model.instanceProfiles) {
    const profile = new CfnInstanceProfile(stack, id('InstanceProfile', spec.key), {
      instanceProfileName: spec.name,
      roles: [registry.resolve({ ...spec.role, attr: 'name' })],
    });
    registry.register('instanceProfile', spec.key, { arn: profile.attrArn, name: profile.ref });
  }

  for (const spec of model.components) {
    const component = new CfnComponent(stack, id('Component', spec.key), {
      name: spec.name,
      version: spec.version,
      platform: spec.platform,
      description: spec.description,
      data: spec.data,
      tags: { ...spec.tags },
    });
    registry.register('component', spec.key, { arn: component.attrArn, name: component.attrName });
  }

  for (const spec of model.imageRecipes) {
    const recipe = new CfnImageRecipe(stack, id('ImageRecipe', spec.key), {
      name: spec.name,
      version: spec.version,
      description: spec.description,
      parentImage: spec.parentImage,
      components: spec.components.map((c) => ({
        componentArn: registry.resolve(c.componentArn),
        ...(c.parameters.length ? { parameters: c.parameters.map((p) => ({ name: p.name, value: [...p.value] })) } : {}),
      })),
      blockDeviceMappings: spec.blockDeviceMappings.map((m) => ({ deviceName: m.deviceName, ebs: { ...m.ebs } })),
      tags: { ...spec.tags },
    });
    registry.register('imageRecipe', spec.key, { arn: recipe.attrArn, name: recipe.attrName });
  }

  for (const spec of model.infrastructureConfigurations) {
    const infrastructure = new CfnInfrastructureConfiguration(stack, id('Infrastructure', spec.key), {
      name: spec.name,
      description: spec.description,
      instanceTypes: [...spec.instanceTypes],
      instanceProfileName: registry.resolveAll(spec.instanceProfileName),
      ...(spec.subnetId ? { subnetId: spec.subnetId } : {}),
      ...(spec.securityGroupIds ? { securityGroupIds: [...spec.securityGroupIds] } : {}),
      snsTopicArn: registry.resolve(spec.snsTopicArn),
      terminateInstanceOnFailure: spec.terminateInstanceOnFailure,
      instanceMetadataOptions: { ...spec.instanceMetadataOptions },
      resourceTags: { ...spec.resourceTags },
      tags: { ...spec.tags },
    });
    registry.register('infrastructureConfiguration', spec.key, { arn: infrastructure.attrArn, name: infrastructure.attrName });
  }

  for (const spec of model.distributionConfigurations) {
    const distribution = new CfnDistributionConfiguration(stack, id('Distribution', spec.key), {
      name: spec.name,
      description: spec.description,
      distributions: spec.distributions.map(amiDistribution),
      tags: { ...spec.tags },
    });
    registry.register('distributionConfiguration', spec.key, { arn: distribution.attrArn, name: distribution.attrName });
  }

  for (const spec of model.imagePipelines) {
    // No schedule: Goldsmith's EventBridge Scheduler schedules start builds, so a release always wraps one.
    const pipeline = new CfnImagePipeline(stack, id('Pipeline', spec.key), {
      name: spec.name,
      description: spec.description,
      imageRecipeArn: registry.resolve(spec.imageRecipeArn),
      infrastructureConfigurationArn: registry.resolve(spec.infrastructureConfigurationArn),
      distributionConfigurationArn: registry.resolve(spec.distributionConfigurationArn),
      status: spec.status,
      enhancedImageMetadataEnabled: spec.enhancedImageMetadataEnabled,
      imageScanningConfiguration: { ...spec.imageScanningConfiguration },
      imageTestsConfiguration: { ...spec.imageTestsConfiguration },
      tags: { ...spec.tags },
    });
    registry.register('imagePipeline', spec.key, { arn: pipeline.attrArn, name: pipeline.attrName });
  }

  removeUnusedHandler(stack);
}
