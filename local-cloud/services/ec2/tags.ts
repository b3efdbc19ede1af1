import type {
  CreateTagsCommandInput,
  CreateTagsCommandOutput,
  DeleteTagsCommandInput,
  DeleteTagsCommandOutput,
  DescribeTagsCommandInput,
  DescribeTagsCommandOutput,
  TagDescription,
} from '@aws-sdk/client-ec2';
import type { RequestContext } from '../../service.ts';
import { instanceMalformed, instanceNotFound, invalidId, launchTemplateIdNotFound, missingParameter, snapshotNotFound } from './errors.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { ownedImage, usableImages } from './image-access.ts';
import { paginate } from './pagination.ts';
import { isInstanceId } from './resource-ids.ts';
import { locateSnapshot } from './snapshots.ts';
import { regionState, type TagMap } from './store.ts';
import { addTags, checkTags } from './tag-specifications.ts';

type Output<T> = Omit<T, '$metadata'>;

interface Taggable {
  resourceId: string;
  resourceType: string;
  tags: TagMap;
}

/** The tag map of a resource the caller owns, found by its id's prefix. */
function taggable(ctx: RequestContext, id: string): Taggable {
  const state = regionState(ctx);
  const prefix = id.slice(0, id.indexOf('-'));
  switch (prefix) {
    case 'ami':
      return { resourceId: id, resourceType: 'image', tags: ownedImage(ctx, id).image.tags };
    case 'snap': {
      const found = locateSnapshot(ctx, id);
      if (!found || found.snapshot.ownerId !== ctx.accountId) throw snapshotNotFound(id);
      return { resourceId: id, resourceType: 'snapshot', tags: found.snapshot.tags };
    }
    case 'i': {
      if (!isInstanceId(id)) throw instanceMalformed(id);
      const instance = state.instances[id];
      if (!instance) throw instanceNotFound([id]);
      return { resourceId: id, resourceType: 'instance', tags: instance.tags };
    }
    case 'lt': {
      const template = state.launchTemplates[id];
      if (!template) throw launchTemplateIdNotFound(id);
      return { resourceId: id, resourceType: 'launch-template', tags: template.tags };
    }
    default:
      throw invalidId(id);
  }
}

export function createTags(input: CreateTagsCommandInput, ctx: RequestContext): Output<CreateTagsCommandOutput> {
  if (!input.Resources?.length) throw missingParameter('resourceIdSet');
  if (!input.Tags?.length) throw missingParameter('tagSet');
  checkTags(input.Tags);
  // Every resource is found before any is tagged: a bad id changes nothing.
  const targets = input.Resources.map((id) => taggable(ctx, id));
  // A trial run on copies, so that the 50-tag limit on any resource fails the request before anything changes.
  for (const target of targets) addTags({ ...target.tags }, input.Tags);
  for (const target of targets) addTags(target.tags, input.Tags);
  return {};
}

export function deleteTags(input: DeleteTagsCommandInput, ctx: RequestContext): Output<DeleteTagsCommandOutput> {
  if (!input.Resources?.length) throw missingParameter('resourceIdSet');
  checkTags(input.Tags);
  const targets = input.Resources.map((id) => taggable(ctx, id));
  for (const target of targets) {
    // No tags given deletes them all; a tag given with a value deletes it only when the value matches.
    if (!input.Tags) for (const key of Object.keys(target.tags)) delete target.tags[key];
    for (const tag of input.Tags ?? []) {
      const key = tag.Key as string;
      if (Object.hasOwn(target.tags, key) && (tag.Value === undefined || target.tags[key] === tag.Value)) delete target.tags[key];
    }
  }
  return {};
}

const TAG_FILTERS: FilterFields<TagDescription> = {
  key: (t) => t.Key,
  'resource-id': (t) => t.ResourceId,
  'resource-type': (t) => t.ResourceType,
  value: (t) => t.Value,
};

export function describeTags(input: DescribeTagsCommandInput, ctx: RequestContext): Output<DescribeTagsCommandOutput> {
  const state = regionState(ctx);
  const resources: Taggable[] = [
    ...usableImages(ctx)
      .filter((i) => i.ownerId === ctx.accountId)
      .map((i) => ({ resourceId: i.imageId, resourceType: 'image', tags: i.tags })),
    ...Object.values(state.snapshots)
      .filter((s) => s.ownerId === ctx.accountId)
      .map((s) => ({ resourceId: s.snapshotId, resourceType: 'snapshot', tags: s.tags })),
    ...Object.values(state.instances).map((i) => ({ resourceId: i.instanceId, resourceType: 'instance', tags: i.tags })),
    ...Object.values(state.launchTemplates).map((t) => ({ resourceId: t.launchTemplateId, resourceType: 'launch-template', tags: t.tags })),
  ];
  const tagsById = new Map(resources.map((r) => [r.resourceId, r.tags]));
  let rows: TagDescription[] = resources.flatMap((r) =>
    Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value, ResourceId: r.resourceId, ResourceType: r.resourceType as TagDescription['ResourceType'] })),
  );
  rows = applyFilters(rows, input.Filters, TAG_FILTERS, (row) => tagsById.get(row.ResourceId as string) ?? {});
  rows.sort((a, b) => (a.ResourceId ?? '').localeCompare(b.ResourceId ?? '') || (a.Key ?? '').localeCompare(b.Key ?? ''));
  const { page, nextToken } = paginate(rows, input, { min: 5, max: 1000 });
  return { Tags: page, NextToken: nextToken };
}
