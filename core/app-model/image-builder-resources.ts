import { isShared, kmsKeyFor, type ResolvedConfig, type ResolvedPipeline } from '../config/index.ts';
import type {
  ComponentResource,
  DistributionConfigurationResource,
  ImagePipelineResource,
  ImageRecipeResource,
  InfrastructureConfigurationResource,
  InstanceProfileResource,
  RoleResource,
  Tags,
} from './app-model.ts';
import { ref } from './references.ts';
import { boundedName, NAME_LIMITS } from './resource-names.ts';

/** What a build instance needs from IAM, besides what the user adds. */
export const BUILD_INSTANCE_POLICIES = [
  'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
  'arn:aws:iam::aws:policy/EC2InstanceProfileForImageBuilder',
] as const;

/** AWS bounds an image's test phase to 60–1440 minutes. */
const TEST_TIMEOUT_MINUTES = { min: 60, max: 1440 } as const;

export interface ImageBuilderResources {
  components: ComponentResource[];
  imageRecipes: ImageRecipeResource[];
  infrastructureConfigurations: InfrastructureConfigurationResource[];
  distributionConfigurations: DistributionConfigurationResource[];
  imagePipelines: ImagePipelineResource[];
  roles: RoleResource[];
  instanceProfiles: InstanceProfileResource[];
}

/** The tags of a pipeline's resources. */
export function pipelineTags(tags: Tags, pipeline: string): Tags {
  return { ...tags, 'goldsmith:pipeline': pipeline };
}

/**
 * Image Builder resources: each component document once (shared by the pipelines that list it), and per
 * pipeline a recipe, an infrastructure configuration, a distribution configuration and a pipeline, all
 * named `<project>-<pipeline>` as core/config names the recipe.
 */
export function imageBuilderResources(resolved: ResolvedConfig, options: { prefix: string; tags: Tags; topicKey: string }): ImageBuilderResources {
  const components = resolved.components.map(
    (component): ComponentResource => ({
      key: component.name,
      name: component.name,
      version: component.version,
      platform: component.platform,
      description: component.description,
      data: component.data,
      path: component.path,
      tags: options.tags,
    }),
  );
  const out: ImageBuilderResources = {
    components,
    imageRecipes: [],
    infrastructureConfigurations: [],
    distributionConfigurations: [],
    imagePipelines: [],
    roles: [],
    instanceProfiles: [],
  };
  for (const pipeline of resolved.pipelines) {
    const name = pipeline.recipe.name;
    const key = pipeline.config.name;
    const tags = pipelineTags(options.tags, key);
    out.imageRecipes.push(imageRecipe(pipeline, tags));
    const profile = buildInstanceProfile(pipeline, options.prefix);
    if (profile) {
      out.roles.push(profile.role);
      out.instanceProfiles.push(profile.instanceProfile);
    }
    const { buildInstance } = pipeline.config;
    out.infrastructureConfigurations.push({
      key,
      name,
      description: `Build and test instances of ${key}, managed by Goldsmith`,
      instanceTypes: pipeline.config.instanceTypes,
      instanceProfileName: buildInstance.instanceProfileName ?? ref('instanceProfile', key, 'name'),
      ...(buildInstance.subnetId ? { subnetId: buildInstance.subnetId } : {}),
      ...(buildInstance.securityGroupIds.length ? { securityGroupIds: buildInstance.securityGroupIds } : {}),
      snsTopicArn: ref('topic', options.topicKey),
      terminateInstanceOnFailure: true,
      instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
      resourceTags: tags,
      tags,
    });
    out.distributionConfigurations.push({
      key,
      name,
      description: `Where ${key} AMIs go, managed by Goldsmith`,
      distributions: pipeline.config.distribution.regions.map((region) => {
        const kmsKeyId = kmsKeyFor(pipeline.config.distribution, region);
        const permissions = pipeline.config.distribution.launchPermissions;
        return {
          region,
          amiDistributionConfiguration: {
            name: `${name}-{{ imagebuilder:buildDate }}`,
            description: pipeline.config.description,
            amiTags: { ...tags, 'goldsmith:managed': 'true' },
            ...(kmsKeyId ? { kmsKeyId } : {}),
            ...(isShared(permissions)
              ? {
                  launchPermission: {
                    ...(permissions.accounts.length ? { userIds: permissions.accounts } : {}),
                    ...(permissions.organizations.length ? { organizationArns: permissions.organizations } : {}),
                    ...(permissions.organizationalUnits.length ? { organizationalUnitArns: permissions.organizationalUnits } : {}),
                  },
                }
              : {}),
          },
        };
      }),
      tags,
    });
    out.imagePipelines.push({
      key,
      name,
      description: pipeline.config.description,
      imageRecipeArn: ref('imageRecipe', key),
      infrastructureConfigurationArn: ref('infrastructureConfiguration', key),
      distributionConfigurationArn: ref('distributionConfiguration', key),
      status: 'ENABLED',
      schedule: undefined,
      enhancedImageMetadataEnabled: true,
      imageScanningConfiguration: { imageScanningEnabled: true },
      imageTestsConfiguration: {
        imageTestsEnabled: true,
        timeoutMinutes: Math.min(TEST_TIMEOUT_MINUTES.max, Math.max(TEST_TIMEOUT_MINUTES.min, pipeline.config.timeouts.buildMinutes)),
      },
      tags,
    });
  }
  return out;
}

function imageRecipe(pipeline: ResolvedPipeline, tags: Tags): ImageRecipeResource {
  const { recipe } = pipeline;
  const { rootVolume } = recipe;
  return {
    key: pipeline.config.name,
    name: recipe.name,
    version: recipe.version,
    description: recipe.description,
    parentImage: recipe.parentImage,
    components: recipe.components.map(({ component, parameters }) => ({
      componentArn: ref('component', component.name),
      parameters: Object.entries(parameters).map(([name, value]) => ({ name, value: [value] })),
    })),
    blockDeviceMappings: [
      {
        deviceName: rootVolume.deviceName,
        ebs: {
          encrypted: true,
          deleteOnTermination: true,
          ...(rootVolume.kmsKeyId ? { kmsKeyId: rootVolume.kmsKeyId } : {}),
          ...(rootVolume.sizeGiB ? { volumeSize: rootVolume.sizeGiB } : {}),
          volumeType: rootVolume.volumeType,
        },
      },
    ],
    tags,
  };
}

/** The role and instance profile Goldsmith creates for build and test instances, unless the pipeline names its own. */
function buildInstanceProfile(pipeline: ResolvedPipeline, prefix: string): { role: RoleResource; instanceProfile: InstanceProfileResource } | undefined {
  const { buildInstance, name } = pipeline.config;
  if (buildInstance.instanceProfileName) return undefined;
  const roleKey = `${name}-build`;
  return {
    role: {
      key: roleKey,
      name: boundedName(prefix, roleKey, NAME_LIMITS.role),
      principal: 'ec2.amazonaws.com',
      actions: [],
      managedPolicyArns: [...BUILD_INSTANCE_POLICIES, ...buildInstance.additionalPolicyArns],
    },
    instanceProfile: { key: name, name: boundedName(prefix, roleKey, NAME_LIMITS.instanceProfile), role: ref('role', roleKey) },
  };
}
