import type { Filter } from '@aws-sdk/client-ec2';
import { invalidFilter, invalidParameterValue } from './errors.ts';
import type { TagMap } from './store.ts';

type Scalar = string | number | boolean | undefined | null;

/** How a resource answers each filter name: one value or several (any may match). */
export type FilterFields<T> = Record<string, (item: T) => Scalar | Scalar[]>;

/** EC2 filter values accept `*` (any run of characters) and `?` (one character); `\` escapes them. */
function wildcard(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 's');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const asText = (value: Scalar): string | undefined => (value === undefined || value === null ? undefined : String(value));

/** Refuses unknown filter names before anything is read, as EC2 does. */
export function checkFilters<T>(filters: Filter[] | undefined, fields: FilterFields<T>, tagFilters = true): void {
  for (const filter of filters ?? []) {
    const name = filter.Name;
    if (!name) throw invalidParameterValue('The filter name must be specified');
    if (tagFilters && (name.startsWith('tag:') || name === 'tag-key' || name === 'tag-value')) continue;
    if (!(name in fields)) throw invalidFilter(name);
  }
}

/** Keeps the items that match every filter (values within a filter are alternatives). */
export function applyFilters<T>(items: T[], filters: Filter[] | undefined, fields: FilterFields<T>, tagsOf?: (item: T) => TagMap): T[] {
  checkFilters(filters, fields, Boolean(tagsOf));
  if (!filters?.length) return items;
  const compiled = filters.map((filter) => ({ name: filter.Name as string, patterns: (filter.Values ?? []).map(wildcard) }));
  return items.filter((item) => compiled.every(({ name, patterns }) => matches(item, name, patterns, fields, tagsOf)));
}

function matches<T>(item: T, name: string, patterns: RegExp[], fields: FilterFields<T>, tagsOf?: (item: T) => TagMap): boolean {
  const any = (values: Array<string | undefined>) => values.some((v) => v !== undefined && patterns.some((p) => p.test(v)));
  if (tagsOf && name.startsWith('tag:')) {
    const key = name.slice(4);
    const tags = tagsOf(item);
    return Object.hasOwn(tags, key) && any([tags[key]]);
  }
  if (tagsOf && name === 'tag-key') return any(Object.keys(tagsOf(item)));
  if (tagsOf && name === 'tag-value') return any(Object.values(tagsOf(item)));
  const value = fields[name](item);
  return any((Array.isArray(value) ? value : [value]).map(asText));
}
