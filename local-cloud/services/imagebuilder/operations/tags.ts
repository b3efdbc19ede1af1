import type {
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  TagResourceCommandInput,
  TagResourceCommandOutput,
  UntagResourceCommandInput,
  UntagResourceCommandOutput,
} from '@aws-sdk/client-imagebuilder';
import type { RequestContext } from '../../../service.ts';
import { type ArnKind, parseArn } from '../arns.ts';
import { type ResourceType, resourceNotFound } from '../errors.ts';
import { validateInput } from '../input-validation.ts';
import { stateOf } from '../lookup.ts';
import type { Tags } from '../store.ts';

type Output<T> = Omit<T, '$metadata'>;

const TYPES: Record<ArnKind, ResourceType> = {
  component: 'Component',
  'image-recipe': 'ImageRecipe',
  'infrastructure-configuration': 'InfrastructureConfiguration',
  'distribution-configuration': 'DistributionConfiguration',
  'image-pipeline': 'ImagePipeline',
  image: 'Image',
};

/** The tags of the resource an ARN names exactly (a component or image by its build ARN). */
function tagsOf(arn: string, ctx: RequestContext): Tags {
  const state = stateOf(ctx);
  const parsed = parseArn(arn);
  const record =
    parsed?.owner === ctx.accountId && parsed.region === ctx.region
      ? {
          component: state.components,
          'image-recipe': state.recipes,
          'infrastructure-configuration': state.infrastructures,
          'distribution-configuration': state.distributions,
          'image-pipeline': state.pipelines,
          image: state.images,
        }[parsed.kind][arn]
      : undefined;
  if (!record) throw resourceNotFound(parsed ? TYPES[parsed.kind] : 'Image', arn);
  return record.tags;
}

export function tagResource(input: TagResourceCommandInput, ctx: RequestContext): Output<TagResourceCommandOutput> {
  validateInput('TagResource', input);
  Object.assign(tagsOf(input.resourceArn as string, ctx), input.tags);
  return {};
}

export function untagResource(input: UntagResourceCommandInput, ctx: RequestContext): Output<UntagResourceCommandOutput> {
  validateInput('UntagResource', input);
  const tags = tagsOf(input.resourceArn as string, ctx);
  for (const key of input.tagKeys ?? []) delete tags[key];
  return {};
}

export function listTagsForResource(input: ListTagsForResourceCommandInput, ctx: RequestContext): Output<ListTagsForResourceCommandOutput> {
  validateInput('ListTagsForResource', input);
  return { tags: { ...tagsOf(input.resourceArn as string, ctx) } };
}
