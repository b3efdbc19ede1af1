import type {
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  Tag,
  TagResourceCommandInput,
  TagResourceCommandOutput,
  UntagResourceCommandInput,
  UntagResourceCommandOutput,
} from '@aws-sdk/client-sfn';
import type { RequestContext } from '../../../service.ts';
import { inScope, parseStatesArn } from '../arns.ts';
import { resourceNotFound, tooManyTags } from '../errors.ts';
import { stateOf } from '../lookup.ts';
import type { StateMachineRecord } from '../store.ts';

type Output<T> = Omit<T, '$metadata'>;

const MAX_TAGS = 50;

export function tagsFromList(tags: Tag[] | undefined, arn: string, current: Record<string, string> = {}): Record<string, string> {
  const out = { ...current };
  for (const tag of tags ?? []) out[tag.key ?? ''] = tag.value ?? '';
  if (Object.keys(out).length > MAX_TAGS) throw tooManyTags(arn);
  return out;
}

function taggable(ctx: RequestContext, arn: string): StateMachineRecord {
  const parsed = parseStatesArn(arn, ['stateMachine', 'activity']);
  const machine = inScope(parsed, ctx.accountId, ctx.region) ? stateOf(ctx).stateMachines[arn] : undefined;
  if (!machine) throw resourceNotFound(arn);
  return machine;
}

export function listTagsForResource(input: ListTagsForResourceCommandInput, ctx: RequestContext): Output<ListTagsForResourceCommandOutput> {
  const machine = taggable(ctx, input.resourceArn ?? '');
  return { tags: Object.entries(machine.tags).map(([key, value]) => ({ key, value })) };
}

export function tagResource(input: TagResourceCommandInput, ctx: RequestContext): Output<TagResourceCommandOutput> {
  const machine = taggable(ctx, input.resourceArn ?? '');
  machine.tags = tagsFromList(input.tags, machine.stateMachineArn, machine.tags);
  return {};
}

export function untagResource(input: UntagResourceCommandInput, ctx: RequestContext): Output<UntagResourceCommandOutput> {
  const machine = taggable(ctx, input.resourceArn ?? '');
  for (const key of input.tagKeys ?? []) delete machine.tags[key];
  return {};
}
