import type {
  CancelImageCreationCommandInput,
  CancelImageCreationCommandOutput,
  DeleteImageCommandInput,
  DeleteImageCommandOutput,
  GetImageCommandInput,
  GetImageCommandOutput,
  ListImageBuildVersionsCommandInput,
  ListImageBuildVersionsCommandOutput,
  ListImagePipelineImagesCommandInput,
  ListImagePipelineImagesCommandOutput,
  ListImagesCommandInput,
  ListImagesCommandOutput,
  StartImagePipelineExecutionCommandInput,
  StartImagePipelineExecutionCommandOutput,
} from '@aws-sdk/client-imagebuilder';
import type { RequestContext } from '../../../service.ts';
import { arnName, compareVersions, matchesVersion, parseArn, versionArnOf } from '../arns.ts';
import { oncePerClientToken } from '../client-token.ts';
import { imageStillBuilding, resourceInUse } from '../errors.ts';
import { applyFilters, type FilterFields } from '../filters.ts';
import { isTerminal } from '../image-builds.ts';
import { imageSummaryView, imageVersionView, imageView } from '../image-views.ts';
import { validateInput } from '../input-validation.ts';
import { findImage, findRecipe, required, stateOf } from '../lookup.ts';
import { paginate } from '../pagination.ts';
import type { ImageRecord } from '../store.ts';

type Output<T> = Omit<T, '$metadata'>;

const IMAGE_FILTERS: FilterFields<ImageRecord> = {
  name: (i) => i.name,
  osVersion: (i) => i.osVersion,
  platform: (i) => i.platform,
  type: () => 'AMI',
  version: (i) => i.version,
};

/** Starts a build of the pipeline; the same client token and request start nothing new and answer the same image. */
export async function startImagePipelineExecution(
  input: StartImagePipelineExecutionCommandInput,
  ctx: RequestContext,
): Promise<Output<StartImagePipelineExecutionCommandOutput>> {
  validateInput('StartImagePipelineExecution', input);
  const state = stateOf(ctx);
  const builds = ctx.cloud.services.imagebuilder.builds;
  let started: ImageRecord | undefined;
  const response = oncePerClientToken(state, 'StartImagePipelineExecution', input, ctx, () => {
    const arn = input.imagePipelineArn as string;
    const pipeline = required(state.pipelines[arn], 'ImagePipeline', arn);
    const recipe = required(findRecipe(ctx, pipeline.imageRecipeArn), 'ImageRecipe', pipeline.imageRecipeArn);
    started = builds.create(ctx, pipeline, recipe, { buildType: 'USER_INITIATED', tags: input.tags });
    pipeline.dateLastRun = started.dateCreated;
    return { imageBuildVersionArn: started.arn };
  });
  if (started) await builds.start(ctx, started.arn);
  return response;
}

export function getImage(input: GetImageCommandInput, ctx: RequestContext): Output<GetImageCommandOutput> {
  validateInput('GetImage', input);
  const arn = input.imageBuildVersionArn as string;
  return { requestId: ctx.requestId, image: imageView(required(findImage(ctx, arn), 'Image', arn), ctx.accountId) };
}

export function listImages(input: ListImagesCommandInput, ctx: RequestContext): Output<ListImagesCommandOutput> {
  validateInput('ListImages', input);
  // Amazon-managed, shared and Marketplace images do not exist in the local cloud.
  const own = (input.owner ?? 'Self') === 'Self' ? Object.values(stateOf(ctx).images) : [];
  // One entry per version (or per name, by name), the newest build standing for it.
  const versions = new Map<string, ImageRecord>();
  for (const image of own) {
    const key = input.byName ? arnName(image.name) : versionArnOf(image.arn);
    const held = versions.get(key);
    if (!held || compareVersions(image.version, held.version) > 0 || (image.version === held.version && image.build > held.build)) versions.set(key, image);
  }
  const sorted = [...versions.values()].sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version));
  const { page, nextToken } = paginate(applyFilters(sorted, input.filters, IMAGE_FILTERS), input);
  return { requestId: ctx.requestId, imageVersionList: page.map((image) => imageVersionView(image, ctx.accountId)), nextToken };
}

export function listImageBuildVersions(input: ListImageBuildVersionsCommandInput, ctx: RequestContext): Output<ListImageBuildVersionsCommandOutput> {
  validateInput('ListImageBuildVersions', input);
  const version = input.imageVersionArn ? parseArn(input.imageVersionArn) : undefined;
  const builds = Object.values(stateOf(ctx).images)
    .filter(
      (image) => !version || (version.owner === ctx.accountId && arnName(image.name) === version.name && matchesVersion(version.version ?? '', image.version)),
    )
    .sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version) || a.build - b.build);
  const { page, nextToken } = paginate(applyFilters(builds, input.filters, IMAGE_FILTERS), input);
  return { requestId: ctx.requestId, imageSummaryList: page.map((image) => imageSummaryView(image, ctx.accountId)), nextToken };
}

export function listImagePipelineImages(input: ListImagePipelineImagesCommandInput, ctx: RequestContext): Output<ListImagePipelineImagesCommandOutput> {
  validateInput('ListImagePipelineImages', input);
  const arn = input.imagePipelineArn as string;
  const state = stateOf(ctx);
  required(state.pipelines[arn], 'ImagePipeline', arn);
  const images = Object.values(state.images)
    .filter((image) => image.pipelineArn === arn)
    .sort((a, b) => a.dateCreated - b.dateCreated || a.build - b.build);
  const { page, nextToken } = paginate(applyFilters(images, input.filters, { name: (i) => i.name, version: (i) => i.version }), input);
  return { requestId: ctx.requestId, imageSummaryList: page.map((image) => imageSummaryView(image, ctx.accountId)), nextToken };
}

export function cancelImageCreation(input: CancelImageCreationCommandInput, ctx: RequestContext): Output<CancelImageCreationCommandOutput> {
  validateInput('CancelImageCreation', input);
  const state = stateOf(ctx);
  return oncePerClientToken(state, 'CancelImageCreation', input, ctx, () => {
    const arn = input.imageBuildVersionArn as string;
    const image = required(state.images[arn], 'Image', arn);
    if (isTerminal(image.status))
      throw resourceInUse(
        `The image '${arn}' cannot be cancelled because its status is ${image.status}. Only an image that is still being built can be cancelled.`,
      );
    ctx.cloud.services.imagebuilder.builds.cancel(ctx, image);
    return { imageBuildVersionArn: arn };
  });
}

/** Deletes the image resource only: the AMIs it distributed stay, as on AWS. */
export function deleteImage(input: DeleteImageCommandInput, ctx: RequestContext): Output<DeleteImageCommandOutput> {
  validateInput('DeleteImage', input);
  const arn = input.imageBuildVersionArn as string;
  const state = stateOf(ctx);
  const image = required(state.images[arn], 'Image', arn);
  if (!isTerminal(image.status)) throw imageStillBuilding(arn, image.status);
  delete state.images[arn];
  return { requestId: ctx.requestId, imageBuildVersionArn: arn };
}
