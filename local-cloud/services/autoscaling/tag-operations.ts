import type {
  CreateOrUpdateTagsCommandInput,
  CreateOrUpdateTagsCommandOutput,
  DeleteTagsCommandInput,
  DeleteTagsCommandOutput,
  DescribeTagsCommandInput,
  DescribeTagsCommandOutput,
  Tag,
  TagDescription,
} from '@aws-sdk/client-auto-scaling';
import type { RequestContext } from '../../service.ts';
import { Constraints } from './constraints.ts';
import { groupNotFound, invalidFilter, tagResourceNotGroup } from './errors.ts';
import type { Fleet } from './fleet.ts';
import { tagsView } from './group-view.ts';
import { paginate } from './pagination.ts';
import type { GroupRecord } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

export function checkTagConstraints(tags: Tag[] | undefined, path: string, c: Constraints): void {
  tags?.forEach((tag, i) => {
    const at = `${path}.${i + 1}.member`;
    c.required(tag.Key, `${at}.key`)
      .length(tag.Key, `${at}.key`, 1, 128)
      .length(tag.Value, `${at}.value`, 0, 256)
      .length(tag.ResourceId, `${at}.resourceId`, 1, 255);
  });
}

export function checkTagResourceTypes(tags: Tag[] | undefined): void {
  for (const tag of tags ?? []) if (tag.ResourceType !== undefined && tag.ResourceType !== 'auto-scaling-group') throw tagResourceNotGroup(tag.ResourceType);
}

/** Adds or overwrites tags by key, as CreateOrUpdateTags does. */
export function applyTags(group: GroupRecord, tags: Tag[]): void {
  for (const tag of tags) {
    const record = { Key: tag.Key as string, Value: tag.Value ?? '', PropagateAtLaunch: tag.PropagateAtLaunch ?? false };
    const index = group.tags.findIndex((t) => t.Key === record.Key);
    if (index >= 0) group.tags[index] = record;
    else group.tags.push(record);
  }
}

export async function createOrUpdateTags(
  input: CreateOrUpdateTagsCommandInput,
  ctx: RequestContext,
  fleet: Fleet,
): Promise<Output<CreateOrUpdateTagsCommandOutput>> {
  const c = new Constraints().required(input.Tags, 'tags');
  checkTagConstraints(input.Tags, 'tags', c);
  c.check();
  checkTagResourceTypes(input.Tags);
  const scope = fleet.scope(ctx.accountId, ctx.region);
  const tags = input.Tags ?? [];
  for (const tag of tags) if (!tag.ResourceId || !scope.state.groups[tag.ResourceId]) throw groupNotFound(tag.ResourceId ?? 'null');
  for (const tag of tags) applyTags(scope.state.groups[tag.ResourceId as string], [tag]);
  return {};
}

export async function deleteTags(input: DeleteTagsCommandInput, ctx: RequestContext, fleet: Fleet): Promise<Output<DeleteTagsCommandOutput>> {
  const c = new Constraints().required(input.Tags, 'tags');
  checkTagConstraints(input.Tags, 'tags', c);
  c.check();
  checkTagResourceTypes(input.Tags);
  const scope = fleet.scope(ctx.accountId, ctx.region);
  const tags = input.Tags ?? [];
  for (const tag of tags) if (!tag.ResourceId || !scope.state.groups[tag.ResourceId]) throw groupNotFound(tag.ResourceId ?? 'null');
  for (const tag of tags) {
    const group = scope.state.groups[tag.ResourceId as string];
    // A value, when given, must match too.
    group.tags = group.tags.filter((t) => !(t.Key === tag.Key && (tag.Value === undefined || tag.Value === t.Value)));
  }
  return {};
}

const TAG_FILTERS: Record<string, (tag: TagDescription, values: string[]) => boolean> = {
  'auto-scaling-group': (tag, values) => values.includes(tag.ResourceId ?? ''),
  key: (tag, values) => values.includes(tag.Key ?? ''),
  value: (tag, values) => values.includes(tag.Value ?? ''),
  'propagate-at-launch': (tag, values) => values.includes(String(tag.PropagateAtLaunch)),
};

export function describeTags(input: DescribeTagsCommandInput, ctx: RequestContext, fleet: Fleet): Output<DescribeTagsCommandOutput> {
  new Constraints().integer(input.MaxRecords, 'maxRecords', 1, 100).check();
  for (const filter of input.Filters ?? []) if (!filter.Name || !TAG_FILTERS[filter.Name]) throw invalidFilter(filter.Name ?? 'null');
  const scope = fleet.scope(ctx.accountId, ctx.region);
  const tags = Object.values(scope.state.groups)
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(tagsView)
    .filter((tag) => (input.Filters ?? []).every((f) => TAG_FILTERS[f.Name as string](tag, f.Values ?? [])));
  const { page, NextToken } = paginate(tags, input.MaxRecords, input.NextToken);
  return { Tags: page, NextToken };
}
