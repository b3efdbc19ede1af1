import type {
  CreateImagePipelineCommandInput,
  CreateImagePipelineCommandOutput,
  DeleteImagePipelineCommandInput,
  DeleteImagePipelineCommandOutput,
  GetImagePipelineCommandInput,
  GetImagePipelineCommandOutput,
  ImagePipeline,
  ListImagePipelinesCommandInput,
  ListImagePipelinesCommandOutput,
  Platform,
  ImageStatus as SdkImageStatus,
  UpdateImagePipelineCommandInput,
  UpdateImagePipelineCommandOutput,
} from '@aws-sdk/client-imagebuilder';
import type { RequestContext } from '../../../service.ts';
import { buildArn } from '../arns.ts';
import { oncePerClientToken } from '../client-token.ts';
import { invalidParameterCombination, invalidRequest, resourceAlreadyExists } from '../errors.ts';
import { applyFilters } from '../filters.ts';
import { validateInput } from '../input-validation.ts';
import { findRecipe, iso, required, stateOf } from '../lookup.ts';
import { paginate } from '../pagination.ts';
import { checkSchedule } from '../pipeline-schedules.ts';
import type { ImageBuilderState, PipelineRecord } from '../store.ts';

type Output<T> = Omit<T, '$metadata'>;
type PipelineInput = CreateImagePipelineCommandInput | UpdateImagePipelineCommandInput;

/** Checks what a pipeline refers to, and returns the settings Create and Update share (Update replaces them all). */
function settingsOf(input: PipelineInput, ctx: RequestContext) {
  // Differs from AWS: the local cloud builds AMIs only, not container images.
  if (input.containerRecipeArn !== undefined) throw invalidRequest('The local cloud does not build container images: give an imageRecipeArn.');
  if (input.imageRecipeArn === undefined) throw invalidParameterCombination('You must specify either an imageRecipeArn or a containerRecipeArn.');
  const state = stateOf(ctx);
  const recipe = required(findRecipe(ctx, input.imageRecipeArn), 'ImageRecipe', input.imageRecipeArn);
  const infrastructureArn = input.infrastructureConfigurationArn as string;
  required(state.infrastructures[infrastructureArn], 'InfrastructureConfiguration', infrastructureArn);
  if (input.distributionConfigurationArn !== undefined)
    required(state.distributions[input.distributionConfigurationArn], 'DistributionConfiguration', input.distributionConfigurationArn);
  checkSchedule(input.schedule?.scheduleExpression, input.schedule?.timezone);
  return {
    description: input.description,
    platform: recipe.platform,
    enhancedImageMetadataEnabled: input.enhancedImageMetadataEnabled ?? true,
    imageRecipeArn: input.imageRecipeArn,
    infrastructureConfigurationArn: infrastructureArn,
    distributionConfigurationArn: input.distributionConfigurationArn,
    imageTestsConfiguration: {
      imageTestsEnabled: input.imageTestsConfiguration?.imageTestsEnabled ?? true,
      timeoutMinutes: input.imageTestsConfiguration?.timeoutMinutes ?? 720,
    },
    imageScanningConfiguration: { imageScanningEnabled: false, ...input.imageScanningConfiguration },
    schedule: input.schedule && { pipelineExecutionStartCondition: 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE' as const, ...input.schedule },
    status: input.status ?? 'ENABLED',
    executionRole: input.executionRole,
    workflows: input.workflows,
    imageTags: input.imageTags,
  };
}

export function createImagePipeline(input: CreateImagePipelineCommandInput, ctx: RequestContext): Output<CreateImagePipelineCommandOutput> {
  validateInput('CreateImagePipeline', input);
  const state = stateOf(ctx);
  return oncePerClientToken(state, 'CreateImagePipeline', input, ctx, () => {
    const settings = settingsOf(input, ctx);
    const arn = buildArn(ctx, 'image-pipeline', input.name as string);
    if (state.pipelines[arn]) throw resourceAlreadyExists('ImagePipeline', arn);
    state.pipelines[arn] = { arn, name: input.name as string, ...settings, dateCreated: ctx.cloud.clock.now(), tags: { ...input.tags } };
    ctx.cloud.services.imagebuilder.schedules.arm(ctx, arn);
    return { imagePipelineArn: arn };
  });
}

export function updateImagePipeline(input: UpdateImagePipelineCommandInput, ctx: RequestContext): Output<UpdateImagePipelineCommandOutput> {
  validateInput('UpdateImagePipeline', input);
  const arn = input.imagePipelineArn as string;
  const state = stateOf(ctx);
  return oncePerClientToken(state, 'UpdateImagePipeline', input, ctx, () => {
    const record = required(state.pipelines[arn], 'ImagePipeline', arn);
    const settings = settingsOf(input, ctx);
    state.pipelines[arn] = {
      arn,
      name: record.name,
      ...settings,
      dateCreated: record.dateCreated,
      dateUpdated: ctx.cloud.clock.now(),
      dateLastRun: record.dateLastRun,
      tags: record.tags,
    };
    ctx.cloud.services.imagebuilder.schedules.arm(ctx, arn);
    return { imagePipelineArn: arn };
  });
}

export function getImagePipeline(input: GetImagePipelineCommandInput, ctx: RequestContext): Output<GetImagePipelineCommandOutput> {
  validateInput('GetImagePipeline', input);
  const arn = input.imagePipelineArn as string;
  const state = stateOf(ctx);
  return { requestId: ctx.requestId, imagePipeline: pipelineView(required(state.pipelines[arn], 'ImagePipeline', arn), state, ctx) };
}

export function listImagePipelines(input: ListImagePipelinesCommandInput, ctx: RequestContext): Output<ListImagePipelinesCommandOutput> {
  validateInput('ListImagePipelines', input);
  const state = stateOf(ctx);
  const all = Object.values(state.pipelines).sort((a, b) => a.name.localeCompare(b.name));
  const filtered = applyFilters(all, input.filters, {
    description: (p) => p.description,
    distributionConfigurationArn: (p) => p.distributionConfigurationArn,
    imageRecipeArn: (p) => p.imageRecipeArn,
    infrastructureConfigurationArn: (p) => p.infrastructureConfigurationArn,
    name: (p) => p.name,
    status: (p) => p.status,
  });
  const { page, nextToken } = paginate(filtered, input);
  return { requestId: ctx.requestId, imagePipelineList: page.map((p) => pipelineView(p, state, ctx)), nextToken };
}

export function deleteImagePipeline(input: DeleteImagePipelineCommandInput, ctx: RequestContext): Output<DeleteImagePipelineCommandOutput> {
  validateInput('DeleteImagePipeline', input);
  const arn = input.imagePipelineArn as string;
  const state = stateOf(ctx);
  required(state.pipelines[arn], 'ImagePipeline', arn);
  // Builds already started keep running: each image holds its own copy of the pipeline's settings.
  delete state.pipelines[arn];
  ctx.cloud.services.imagebuilder.schedules.arm(ctx, arn);
  return { requestId: ctx.requestId, imagePipelineArn: arn };
}

function pipelineView(p: PipelineRecord, state: ImageBuilderState, ctx: RequestContext): ImagePipeline {
  const last = Object.values(state.images)
    .filter((image) => image.pipelineArn === p.arn)
    .sort((a, b) => b.dateCreated - a.dateCreated)[0];
  return {
    ...p,
    platform: p.platform as Platform,
    dateCreated: iso(p.dateCreated),
    dateUpdated: iso(p.dateUpdated),
    dateLastRun: iso(p.dateLastRun),
    dateNextRun: iso(ctx.cloud.services.imagebuilder.schedules.nextRun(p)),
    lastRunStatus: last?.status as SdkImageStatus | undefined,
  };
}
