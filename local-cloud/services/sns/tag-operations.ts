import type {
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  Tag,
  TagResourceCommandInput,
  UntagResourceCommandInput,
} from '@aws-sdk/client-sns';
import type { RequestContext } from '../../service.ts';
import { invalidParameter, missingValue, resourceNotFound, tagLimitExceeded } from './errors.ts';
import { snsState } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const MAX_TAGS = 50;

export function checkTags(tags: Tag[]): void {
  const keys = tags.map((t) => t.Key);
  if (new Set(keys).size < keys.length) throw invalidParameter('Duplicated keys are not allowed.');
  for (const tag of tags) {
    if (!tag.Key || tag.Key.length > 128) throw invalidParameter('Tags Reason: Tag key must be between 1 and 128 characters');
    if ((tag.Value ?? '').length > 256) throw invalidParameter('Tags Reason: Tag value must be at most 256 characters');
  }
}

/** Only topics carry tags; the ARN must name one in this account and region. */
function taggedTopic(ctx: RequestContext, arn: string | undefined): string {
  if (arn === undefined) throw missingValue('resourceArn');
  if (!snsState(ctx).topics[arn]) throw resourceNotFound();
  return arn;
}

export function tagResource(input: TagResourceCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  if (input.Tags === undefined) throw missingValue('tags');
  const arn = taggedTopic(ctx, input.ResourceArn);
  checkTags(input.Tags);
  const state = snsState(ctx);
  const merged = { ...state.tags[arn], ...Object.fromEntries(input.Tags.map((t) => [t.Key ?? '', t.Value ?? ''])) };
  if (Object.keys(merged).length > MAX_TAGS) throw tagLimitExceeded();
  state.tags[arn] = merged;
  return {};
}

export function untagResource(input: UntagResourceCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  if (input.TagKeys === undefined) throw missingValue('tagKeys');
  const arn = taggedTopic(ctx, input.ResourceArn);
  const tags = snsState(ctx).tags[arn] ?? {};
  for (const key of input.TagKeys) delete tags[key];
  return {};
}

export function listTagsForResource(input: ListTagsForResourceCommandInput, ctx: RequestContext): Output<ListTagsForResourceCommandOutput> {
  const arn = taggedTopic(ctx, input.ResourceArn);
  return { Tags: Object.entries(snsState(ctx).tags[arn] ?? {}).map(([Key, Value]) => ({ Key, Value })) };
}
