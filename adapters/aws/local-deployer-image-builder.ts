import { randomUUID } from 'node:crypto';
import {
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  type Distribution,
  GetComponentCommand,
  GetDistributionConfigurationCommand,
  GetImagePipelineCommand,
  GetImageRecipeCommand,
  GetInfrastructureConfigurationCommand,
  UpdateDistributionConfigurationCommand,
  UpdateImagePipelineCommand,
  UpdateInfrastructureConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import type {
  ComponentResource,
  DistributionConfigurationResource,
  ImagePipelineResource,
  ImageRecipeResource,
  InfrastructureConfigurationResource,
  Resolved,
} from '../../core/app-model/index.ts';
import { type ChangeLog, sameJson } from './local-deployer-changes.ts';
import type { DeployClients } from './local-deployer-clients.ts';
import { isAwsError } from './regional-clients.ts';

const NOT_FOUND = 'ResourceNotFoundException';

async function getOrUndefined<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isAwsError(error, NOT_FOUND)) return undefined;
    throw error;
  }
}

/** Components are versioned by content: an existing version is the same document, a changed document is a new version. */
export async function deployComponent(clients: DeployClients, component: ComponentResource, arn: string, changes: ChangeLog): Promise<void> {
  const existing = await getOrUndefined(() => clients.imageBuilder.send(new GetComponentCommand({ componentBuildVersionArn: arn })));
  if (existing?.component) return changes.add('component', `${component.name} ${component.version}`, 'unchanged');
  await clients.imageBuilder.send(
    new CreateComponentCommand({
      name: component.name,
      semanticVersion: component.version,
      description: component.description,
      platform: component.platform,
      data: component.data,
      tags: component.tags,
      clientToken: randomUUID(),
    }),
  );
  changes.add('component', `${component.name} ${component.version}`, 'created');
}

/** Recipes are immutable and versioned by content, like components. */
export async function deployImageRecipe(clients: DeployClients, recipe: Resolved<ImageRecipeResource>, arn: string, changes: ChangeLog): Promise<void> {
  const existing = await getOrUndefined(() => clients.imageBuilder.send(new GetImageRecipeCommand({ imageRecipeArn: arn })));
  if (existing?.imageRecipe) return changes.add('image recipe', `${recipe.name} ${recipe.version}`, 'unchanged');
  await clients.imageBuilder.send(
    new CreateImageRecipeCommand({
      name: recipe.name,
      semanticVersion: recipe.version,
      description: recipe.description,
      parentImage: recipe.parentImage,
      components: recipe.components.map((c) => ({ componentArn: c.componentArn, parameters: c.parameters.length ? c.parameters : undefined })),
      blockDeviceMappings: recipe.blockDeviceMappings,
      tags: recipe.tags,
      clientToken: randomUUID(),
    }),
  );
  changes.add('image recipe', `${recipe.name} ${recipe.version}`, 'created');
}

export async function deployInfrastructureConfiguration(
  clients: DeployClients,
  infra: Resolved<InfrastructureConfigurationResource>,
  arn: string,
  changes: ChangeLog,
): Promise<void> {
  const settings = {
    description: infra.description,
    instanceTypes: infra.instanceTypes,
    instanceProfileName: infra.instanceProfileName,
    subnetId: infra.subnetId,
    securityGroupIds: infra.securityGroupIds,
    snsTopicArn: infra.snsTopicArn,
    terminateInstanceOnFailure: infra.terminateInstanceOnFailure,
    instanceMetadataOptions: infra.instanceMetadataOptions,
    resourceTags: infra.resourceTags,
  };
  const existing = (await getOrUndefined(() => clients.imageBuilder.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }))))
    ?.infrastructureConfiguration;
  if (!existing) {
    await clients.imageBuilder.send(
      new CreateInfrastructureConfigurationCommand({ name: infra.name, ...settings, tags: infra.tags, clientToken: randomUUID() }),
    );
    return changes.add('infrastructure configuration', infra.name, 'created');
  }
  const current = {
    description: existing.description,
    instanceTypes: existing.instanceTypes,
    instanceProfileName: existing.instanceProfileName,
    subnetId: existing.subnetId,
    securityGroupIds: existing.securityGroupIds?.length ? existing.securityGroupIds : undefined,
    snsTopicArn: existing.snsTopicArn,
    terminateInstanceOnFailure: existing.terminateInstanceOnFailure,
    instanceMetadataOptions: existing.instanceMetadataOptions,
    resourceTags: existing.resourceTags,
  };
  if (sameJson(current, settings)) return changes.add('infrastructure configuration', infra.name, 'unchanged');
  await clients.imageBuilder.send(
    new UpdateInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn, ...settings, clientToken: randomUUID() }),
  );
  changes.add('infrastructure configuration', infra.name, 'updated');
}

export async function deployDistributionConfiguration(
  clients: DeployClients,
  distribution: DistributionConfigurationResource,
  arn: string,
  changes: ChangeLog,
): Promise<void> {
  const distributions = distribution.distributions as Distribution[];
  const existing = (await getOrUndefined(() => clients.imageBuilder.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }))))
    ?.distributionConfiguration;
  if (!existing) {
    await clients.imageBuilder.send(
      new CreateDistributionConfigurationCommand({
        name: distribution.name,
        description: distribution.description,
        distributions,
        tags: distribution.tags,
        clientToken: randomUUID(),
      }),
    );
    return changes.add('distribution configuration', distribution.name, 'created');
  }
  const comparable = (list: readonly Distribution[] | undefined) =>
    (list ?? []).map((d) => ({
      region: d.region,
      name: d.amiDistributionConfiguration?.name,
      description: d.amiDistributionConfiguration?.description,
      amiTags: d.amiDistributionConfiguration?.amiTags,
      kmsKeyId: d.amiDistributionConfiguration?.kmsKeyId,
      launchPermission: d.amiDistributionConfiguration?.launchPermission,
    }));
  if (existing.description === distribution.description && sameJson(comparable(existing.distributions), comparable(distributions))) {
    return changes.add('distribution configuration', distribution.name, 'unchanged');
  }
  await clients.imageBuilder.send(
    new UpdateDistributionConfigurationCommand({
      distributionConfigurationArn: arn,
      description: distribution.description,
      distributions,
      clientToken: randomUUID(),
    }),
  );
  changes.add('distribution configuration', distribution.name, 'updated');
}

/** The pipeline itself: it points at the recipe version of this deploy; Image Builder's own schedule stays off. */
export async function deployImagePipeline(clients: DeployClients, pipeline: Resolved<ImagePipelineResource>, arn: string, changes: ChangeLog): Promise<void> {
  const settings = {
    description: pipeline.description,
    imageRecipeArn: pipeline.imageRecipeArn,
    infrastructureConfigurationArn: pipeline.infrastructureConfigurationArn,
    distributionConfigurationArn: pipeline.distributionConfigurationArn,
    status: pipeline.status,
    enhancedImageMetadataEnabled: pipeline.enhancedImageMetadataEnabled,
    imageScanningConfiguration: pipeline.imageScanningConfiguration,
    imageTestsConfiguration: pipeline.imageTestsConfiguration,
  };
  const existing = (await getOrUndefined(() => clients.imageBuilder.send(new GetImagePipelineCommand({ imagePipelineArn: arn }))))?.imagePipeline;
  if (!existing) {
    await clients.imageBuilder.send(new CreateImagePipelineCommand({ name: pipeline.name, ...settings, tags: pipeline.tags, clientToken: randomUUID() }));
    return changes.add('image pipeline', pipeline.name, 'created');
  }
  const current = {
    description: existing.description,
    imageRecipeArn: existing.imageRecipeArn,
    infrastructureConfigurationArn: existing.infrastructureConfigurationArn,
    distributionConfigurationArn: existing.distributionConfigurationArn,
    status: existing.status,
    enhancedImageMetadataEnabled: existing.enhancedImageMetadataEnabled,
    imageScanningConfiguration: { imageScanningEnabled: existing.imageScanningConfiguration?.imageScanningEnabled },
    imageTestsConfiguration: existing.imageTestsConfiguration,
  };
  if (sameJson(current, settings) && !existing.schedule) return changes.add('image pipeline', pipeline.name, 'unchanged');
  await clients.imageBuilder.send(new UpdateImagePipelineCommand({ imagePipelineArn: arn, ...settings, clientToken: randomUUID() }));
  changes.add('image pipeline', pipeline.name, 'updated');
}
