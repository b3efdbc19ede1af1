/**
 * retire-images: finds the pipeline's AMIs in every distribution region and everything that still uses one
 * (a channel parameter, a rollout launch template's default or latest version, an Auto Scaling group's launch
 * template), then deprecates or deregisters what retention lets go.
 */
import type { ResolvedPipeline } from '../config/index.ts';
import type { RegionalAmi } from './contracts.ts';
import type { AmiView, AutoScalingPort, ImagesPort, LaunchTemplatesPort, ParameterPort } from './ports.ts';
import { findPipeline, type ReleaseConfig } from './release-config.ts';
import { recipeImageArnPrefix } from './resource-names.ts';
import { planRetirement } from './retention.ts';

export interface RetireImagesDeps {
  config: ReleaseConfig;
  accountId: string;
  images: ImagesPort;
  parameters: ParameterPort;
  templates: LaunchTemplatesPort;
  autoScaling: AutoScalingPort;
}

const regional = (image: AmiView): RegionalAmi => ({ region: image.region, imageId: image.imageId });

export async function retireImages(
  input: { releaseId: string; pipeline: string },
  now: number,
  deps: RetireImagesDeps,
): Promise<{ deprecated: RegionalAmi[]; deregistered: RegionalAmi[]; kept: number }> {
  const pipeline = findPipeline(deps.config, input.pipeline);
  const home = deps.config.config.region;
  const prefix = recipeImageArnPrefix(home, deps.accountId, pipeline.recipe.name);
  const regions = pipeline.config.distribution.regions;
  const images = (await Promise.all(regions.map((region) => deps.images.listBuiltFrom(region, prefix)))).flat();
  const inUse = await imagesInUse(pipeline, regions, home, deps);
  const plan = planRetirement(images, { keep: pipeline.config.retention.keep, inUse, now });
  for (const image of plan.deprecate) await deps.images.deprecate(image.region, image.imageId, now);
  for (const image of plan.deregister) {
    await deps.images.deregister(image.region, image.imageId);
    for (const snapshot of image.snapshotIds) await deps.images.deleteSnapshot(image.region, snapshot);
  }
  return { deprecated: plan.deprecate.map(regional), deregistered: plan.deregister.map(regional), kept: plan.keep.length + plan.waiting.length };
}

async function imagesInUse(pipeline: ResolvedPipeline, regions: readonly string[], home: string, deps: RetireImagesDeps): Promise<Set<string>> {
  const used = new Set<string>();
  const { channels, rollout } = pipeline.config;
  for (const region of regions) {
    for (const name of [channels.candidate, channels.stable]) {
      const value = await deps.parameters.get(region, name);
      if (value) used.add(value.value);
    }
  }
  const targets = rollout.waves.flatMap((wave) => wave.targets);
  for (const target of targets) {
    const template = await deps.templates.template(home, target.launchTemplate);
    if (template) for (const id of await deps.templates.imageIds(home, template.launchTemplateId, ['$Default', '$Latest'])) used.add(id);
  }
  const groups = await deps.autoScaling.launchTemplates(
    home,
    targets.flatMap((t) => t.autoScalingGroups),
  );
  for (const group of groups) {
    const template = group.launchTemplateId ?? (group.launchTemplateName && (await deps.templates.template(home, group.launchTemplateName))?.launchTemplateId);
    if (template) for (const id of await deps.templates.imageIds(home, template, [group.version ?? '$Default'])) used.add(id);
  }
  return used;
}
