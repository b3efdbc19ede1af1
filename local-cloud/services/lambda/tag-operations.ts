import type { ListTagsCommandInput, ListTagsCommandOutput, TagResourceCommandInput, UntagResourceCommandInput } from '@aws-sdk/client-lambda';
import type { RequestContext } from '../../service.ts';
import { invalidParameter, validationFailed } from './errors.ts';
import { type FunctionLocator, locateFunction } from './function-arn.ts';
import type { FunctionRecord } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const FUNCTION_ARN = /^arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}:function:[a-zA-Z0-9-_]+(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const MAX_TAGS = 50;

export function tagResource(input: TagResourceCommandInput, ctx: RequestContext): Record<string, never> {
  const { fn } = taggedFunction(input.Resource, ctx);
  const tags = { ...fn.tags, ...(input.Tags ?? {}) };
  for (const [key, value] of Object.entries(input.Tags ?? {})) {
    if (key.length < 1 || key.length > 128)
      throw validationFailed(key, 'tags', 'Map keys must satisfy constraint: [Member must have length less than or equal to 128]');
    if (String(value).length > 256)
      throw validationFailed(value, 'tags', 'Map values must satisfy constraint: [Member must have length less than or equal to 256]');
  }
  if (Object.keys(tags).length > MAX_TAGS) throw invalidParameter(`Number of tags exceeds resource tag limit.`);
  fn.tags = tags;
  return {};
}

export function untagResource(input: UntagResourceCommandInput, ctx: RequestContext): Record<string, never> {
  const { fn } = taggedFunction(input.Resource, ctx);
  for (const key of input.TagKeys ?? []) delete fn.tags[key];
  return {};
}

export function listTags(input: ListTagsCommandInput, ctx: RequestContext): Output<ListTagsCommandOutput> {
  const { fn } = taggedFunction(input.Resource, ctx);
  return { Tags: { ...fn.tags } };
}

/** Tags belong to a function, named by its unqualified ARN. */
function taggedFunction(resource: string | undefined, ctx: RequestContext): { fn: FunctionRecord; locator: FunctionLocator } {
  if (!resource || !FUNCTION_ARN.test(resource)) {
    throw validationFailed(
      resource,
      'resource',
      'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
    );
  }
  const locator = locateFunction(resource, ctx);
  if (locator.qualifier) throw invalidParameter('Tags on function aliases and versions are not supported. Please specify a function ARN.');
  const { fn } = ctx.cloud.services.lambda.resolve(locator);
  return { fn, locator };
}
