/** Goldsmith's resources in the local cloud, as a deploy of the fixture config would leave them. */
import { readFileSync } from 'node:fs';
import {
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  GetImageCommand,
  ImagebuilderClient,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import type { ReleaseConfig } from '../../core/release/release-config.ts';
import type { FunctionCloud } from './function-harness.ts';

const ROOT = new URL('../../', import.meta.url);
/** 45 minutes: a build's length in the local cloud. */
export const BUILD_MS = 2_700_000;

export interface DeployedPipeline {
  pipelineArn: string;
  recipeArn: string;
}

/** Components, recipe, infrastructure and distribution configurations and the pipeline `<project>-<pipeline>`, in the home region. */
export async function deployPipeline(fc: FunctionCloud, config: ReleaseConfig, name = 'web-server'): Promise<DeployedPipeline> {
  const pipeline = config.pipelines.find((p) => p.config.name === name);
  if (!pipeline) throw new Error(`no pipeline ${name}`);
  const ib = new ImagebuilderClient(fc.sdk);
  const componentArns: string[] = [];
  for (const { component } of pipeline.recipe.components) {
    const data = readFileSync(new URL(component.path, ROOT), 'utf8');
    const created = await ib.send(new CreateComponentCommand({ name: component.name, semanticVersion: component.version, platform: 'Linux', data }));
    componentArns.push(created.componentBuildVersionArn as string);
  }
  const recipe = await ib.send(
    new CreateImageRecipeCommand({
      name: pipeline.recipe.name,
      semanticVersion: pipeline.recipe.version,
      parentImage: pipeline.recipe.parentImage,
      components: componentArns.map((componentArn) => ({ componentArn })),
    }),
  );
  const infrastructure = await ib.send(
    new CreateInfrastructureConfigurationCommand({ name: pipeline.recipe.name, instanceProfileName: 'acme-platform-build' }),
  );
  const distribution = await ib.send(
    new CreateDistributionConfigurationCommand({
      name: pipeline.recipe.name,
      distributions: pipeline.config.distribution.regions.map((region) => ({
        region,
        amiDistributionConfiguration: {
          name: `${pipeline.recipe.name}-{{ imagebuilder:buildVersion }}-{{ imagebuilder:buildDate }}`,
          amiTags: { 'goldsmith:pipeline': name },
        },
      })),
    }),
  );
  const created = await ib.send(
    new CreateImagePipelineCommand({
      name: `${config.config.project}-${name}`,
      imageRecipeArn: recipe.imageRecipeArn,
      infrastructureConfigurationArn: infrastructure.infrastructureConfigurationArn,
      distributionConfigurationArn: distribution.distributionConfigurationArn,
      imageScanningConfiguration: { imageScanningEnabled: true },
    }),
  );
  return { pipelineArn: created.imagePipelineArn as string, recipeArn: recipe.imageRecipeArn as string };
}

/** Starts a build and lets it run to its end on the simulated clock. */
export async function buildImage(fc: FunctionCloud, pipelineArn: string, clientToken?: string) {
  const ib = new ImagebuilderClient(fc.sdk);
  const { imageBuildVersionArn } = await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn, clientToken }));
  const arn = imageBuildVersionArn as string;
  // Let the build read its parent image before the clock jumps.
  await new Promise((resolve) => setTimeout(resolve, 20));
  fc.cloud.clock.advance(BUILD_MS);
  const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn: arn }));
  return { arn, image };
}
