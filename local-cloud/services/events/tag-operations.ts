import type {
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  TagResourceCommandInput,
  UntagResourceCommandInput,
} from '@aws-sdk/client-eventbridge';
import type { RequestContext } from '../../service.ts';
import { Constraints } from './constraints.ts';
import { resourceNotFound, validation } from './errors.ts';
import { type EventsState, eventsState, findBus, findRule } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

/** Tags live on event buses and rules; the ARN must name one that exists. */
function taggable(state: EventsState, arn: string): string {
  const rule = /^arn:aws[\w-]*:events:[^:]*:\d*:rule\/(?:([^/]+)\/)?([^/]+)$/.exec(arn);
  if (rule) return findRule(state, rule[2], rule[1] ?? 'default').arn;
  const bus = /^arn:aws[\w-]*:events:[^:]*:\d*:event-bus\/(.+)$/.exec(arn);
  if (bus) return findBus(state, bus[1]).arn;
  throw resourceNotFound(arn);
}

export function tagResource(input: TagResourceCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  new Constraints().required(input.ResourceARN, 'resourceARN').required(input.Tags, 'tags').length(input.ResourceARN, 'resourceARN', 1, 1600).check();
  const state = eventsState(ctx);
  const arn = taggable(state, input.ResourceARN as string);
  const keys = (input.Tags ?? []).map((t) => t.Key);
  if (new Set(keys).size < keys.length) throw validation('Invalid parameter: Duplicated keys are not allowed.');
  state.tags[arn] = { ...state.tags[arn], ...Object.fromEntries((input.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])) };
  return {};
}

export function untagResource(input: UntagResourceCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  new Constraints().required(input.ResourceARN, 'resourceARN').required(input.TagKeys, 'tagKeys').check();
  const state = eventsState(ctx);
  const arn = taggable(state, input.ResourceARN as string);
  for (const key of input.TagKeys ?? []) delete state.tags[arn]?.[key];
  return {};
}

export function listTagsForResource(input: ListTagsForResourceCommandInput, ctx: RequestContext): Output<ListTagsForResourceCommandOutput> {
  new Constraints().required(input.ResourceARN, 'resourceARN').check();
  const state = eventsState(ctx);
  const arn = taggable(state, input.ResourceARN as string);
  return { Tags: Object.entries(state.tags[arn] ?? {}).map(([Key, Value]) => ({ Key, Value })) };
}
