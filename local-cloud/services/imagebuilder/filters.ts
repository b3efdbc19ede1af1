import type { Filter } from '@aws-sdk/client-imagebuilder';
import { invalidParameterValue } from './errors.ts';

/** How to read each filterable field from an item. */
export type FilterFields<T> = Record<string, (item: T) => string | undefined>;

/**
 * Applies List filters as Image Builder does: a filter matches when the field equals one of its values,
 * and every filter must match. A filter on a field the operation does not offer is refused.
 */
export function applyFilters<T>(items: T[], filters: Filter[] | undefined, fields: FilterFields<T>): T[] {
  const checks = (filters ?? []).map((filter, index) => {
    const read = filter.name === undefined ? undefined : fields[filter.name];
    if (!read) throw invalidParameterValue(`filters[${index}].name`, `Valid filter names are: ${Object.keys(fields).join(', ')}.`);
    const values = filter.values ?? [];
    return (item: T) => {
      const value = read(item);
      return value !== undefined && values.includes(value);
    };
  });
  return items.filter((item) => checks.every((check) => check(item)));
}
