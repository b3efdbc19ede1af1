import type {
  AddTagsToResourceCommandInput,
  AddTagsToResourceCommandOutput,
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  RemoveTagsFromResourceCommandInput,
  RemoveTagsFromResourceCommandOutput,
} from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../service.ts';
import { Constraints } from './constraints.ts';
import { invalidResourceId, tooManyTags } from './errors.ts';
import { parameterKey } from './parameter-names.ts';

type Output<T> = Omit<T, '$metadata'>;

const RESOURCE_TYPES = [
  'Document',
  'ManagedInstance',
  'MaintenanceWindow',
  'Parameter',
  'PatchBaseline',
  'OpsItem',
  'OpsMetadata',
  'Automation',
  'Association',
];
const MAX_TAGS = 50;
const TAG_KEY = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

/** The tags of a taggable resource. Only parameters exist in the local cloud; any other id is unknown. */
function tagsOf(ctx: RequestContext, resourceType: string | undefined, resourceId: string | undefined): Record<string, string> {
  new Constraints().required(resourceType, 'resourceType').oneOf(resourceType, 'resourceType', RESOURCE_TYPES).required(resourceId, 'resourceId').check();
  if (resourceType !== 'Parameter') throw invalidResourceId();
  const record = ctx.cloud.services.ssm.store.get(ctx.accountId, ctx.region).parameters[parameterKey(resourceId as string)];
  if (!record) throw invalidResourceId();
  return record.tags;
}

export function addTagsToResource(input: AddTagsToResourceCommandInput, ctx: RequestContext): Output<AddTagsToResourceCommandOutput> {
  const constraints = new Constraints().required(input.Tags, 'tags').length(input.Tags, 'tags', 0, 1000);
  (input.Tags ?? []).forEach((tag, i) => {
    constraints
      .length(tag.Key, `tags.${i + 1}.member.key`, 1, 128)
      .pattern(tag.Key, `tags.${i + 1}.member.key`, TAG_KEY, '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$')
      .length(tag.Value, `tags.${i + 1}.member.value`, 0, 256);
  });
  constraints.check();
  const tags = tagsOf(ctx, input.ResourceType, input.ResourceId);
  const merged = { ...tags, ...Object.fromEntries((input.Tags ?? []).map((t) => [t.Key as string, t.Value as string])) };
  if (Object.keys(merged).length > MAX_TAGS) throw tooManyTags();
  Object.assign(tags, merged);
  return {};
}

export function listTagsForResource(input: ListTagsForResourceCommandInput, ctx: RequestContext): Output<ListTagsForResourceCommandOutput> {
  const tags = tagsOf(ctx, input.ResourceType, input.ResourceId);
  return { TagList: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
}

export function removeTagsFromResource(input: RemoveTagsFromResourceCommandInput, ctx: RequestContext): Output<RemoveTagsFromResourceCommandOutput> {
  new Constraints().required(input.TagKeys, 'tagKeys').check();
  const tags = tagsOf(ctx, input.ResourceType, input.ResourceId);
  for (const key of input.TagKeys ?? []) delete tags[key];
  return {};
}
