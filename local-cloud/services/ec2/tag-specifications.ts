import type { Tag, TagSpecification } from '@aws-sdk/client-ec2';
import { invalidParameterValue, invalidResourceType, reservedTagKey, tagLimitExceeded } from './errors.ts';
import type { TagMap } from './store.ts';

const MAX_TAGS = 50;

/** Checks tags as EC2 does: key 1–128 characters, value up to 256, no `aws:` prefix unless the caller is AWS itself. */
export function checkTags(tags: Tag[] | undefined, options: { allowAwsPrefix?: boolean } = {}): void {
  for (const tag of tags ?? []) {
    const key = tag.Key ?? '';
    if (key.length < 1 || key.length > 128) throw invalidParameterValue(`Tag key exceeds the maximum length of 128 characters`);
    if ((tag.Value ?? '').length > 256) throw invalidParameterValue(`Tag value exceeds the maximum length of 256 characters`);
    if (!options.allowAwsPrefix && key.toLowerCase().startsWith('aws:')) throw reservedTagKey();
  }
}

/** Applies tags to a resource's tag map (later values win), refusing more than 50 tags in all. */
export function addTags(target: TagMap, tags: Tag[] | undefined): void {
  const next = { ...target };
  for (const tag of tags ?? []) next[tag.Key as string] = tag.Value ?? '';
  if (Object.keys(next).length > MAX_TAGS) throw tagLimitExceeded();
  Object.assign(target, next);
}

/**
 * Reads the tags a request's TagSpecifications give each resource type, after checking every
 * ResourceType is one this operation tags.
 */
export function tagsByResourceType(specs: TagSpecification[] | undefined, allowed: string[], options: { allowAwsPrefix?: boolean } = {}): Map<string, TagMap> {
  const byType = new Map<string, TagMap>();
  for (const spec of specs ?? []) {
    const type = spec.ResourceType ?? '';
    if (!allowed.includes(type)) throw invalidResourceType(type);
    if (!spec.Tags?.length) throw invalidParameterValue('Tag specification must have at least one tag');
    checkTags(spec.Tags, options);
    const tags = byType.get(type) ?? {};
    addTags(tags, spec.Tags);
    byType.set(type, tags);
  }
  return byType;
}

/** Tags in the SDK's list shape; EC2 leaves the list out when there are none. */
export function tagList(tags: TagMap): Tag[] | undefined {
  const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  return list.length ? list : undefined;
}
