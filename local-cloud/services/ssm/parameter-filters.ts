import type { ParameterStringFilter } from '@aws-sdk/client-ssm';
import { Constraints } from './constraints.ts';
import { invalidFilterKey, invalidFilterOption, invalidFilterValue, validation } from './errors.ts';
import type { ParameterRecord, ParameterVersionRecord } from './store.ts';

/** GetParametersByPath takes fewer filter keys than DescribeParameters. */
export type FilterUse = 'byPath' | 'describe';

const KEY_PATTERN = /^(tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType)$/;
const TYPES = ['String', 'StringList', 'SecureString'];
const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'];
const PATH_CHARACTERS = /^[a-zA-Z0-9_.\-/]*$/;

const optionOf = (filter: ParameterStringFilter) => filter.Option ?? (filter.Key === 'Path' ? 'OneLevel' : 'Equals');

/** Validates ParameterFilters with Parameter Store's own codes and messages. */
export function validateParameterFilters(filters: ParameterStringFilter[] | undefined, use: FilterUse): void {
  const constraints = new Constraints();
  (filters ?? []).forEach((filter, index) => {
    const field = `parameterFilters.${index + 1}.member`;
    constraints
      .required(filter.Key, `${field}.key`)
      .length(filter.Key, `${field}.key`, 1, 132)
      .pattern(filter.Key, `${field}.key`, KEY_PATTERN, 'tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType')
      .length(filter.Option, `${field}.option`, 1, 10)
      .length(filter.Values, `${field}.values`, 1, 50);
  });
  constraints.check();

  const seen = new Set<string>();
  for (const filter of filters ?? []) {
    const key = filter.Key as string;
    const option = optionOf(filter);
    const values = filter.Values ?? [];
    if (use === 'describe' && key === 'Label')
      throw invalidFilterKey('The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier].');
    if (use === 'byPath' && ['Name', 'Path', 'Tier'].includes(key))
      throw invalidFilterKey(`The following filter key is not valid: ${key}. Valid filter keys include: [Type, KeyId].`);
    if (values.length === 0 && !key.startsWith('tag:')) throw invalidFilterValue(`The following filter values are missing : null for filter key ${key}.`);
    if (seen.has(key))
      throw invalidFilterKey(`The following filter is duplicated in the request: ${key}. A request can contain only one occurrence of a specific filter.`);
    seen.add(key);
    if (key === 'Path') {
      if (!['Recursive', 'OneLevel'].includes(option))
        throw invalidFilterOption(`The following filter option is not valid: ${option}. Valid options include: [Recursive, OneLevel].`);
      for (const value of values) {
        if (/^\/(aws|ssm)/i.test(value))
          throw validation(
            'Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). When using global parameters, please specify within a global namespace.',
          );
        if (value.includes('//') || !value.startsWith('/') || !PATH_CHARACTERS.test(value)) throw validation(INVALID_PATH);
      }
      continue;
    }
    if (key === 'Type')
      for (const value of values)
        if (!TYPES.includes(value)) throw invalidFilterValue(`The following filter value is not valid: ${value}. Valid values include: [${TYPES.join(', ')}].`);
    if (key === 'Tier')
      for (const value of values)
        if (!TIERS.includes(value)) throw invalidFilterValue(`The following filter value is not valid: ${value}. Valid values include: [${TIERS.join(', ')}].`);
    const options = key === 'Name' ? ['BeginsWith', 'Equals', 'Contains'] : key === 'Label' || key === 'DataType' ? ['Equals'] : ['BeginsWith', 'Equals'];
    if (!options.includes(option))
      throw invalidFilterOption(`The following filter option is not valid: ${option}. Valid options include: [${options.join(', ')}].`);
  }
}

export const INVALID_PATH =
  'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.';

const withSlash = (name: string) => `/${name.replace(/^\//, '')}`;

/** Whether `name` sits under `path`: directly (one level) or anywhere below it (recursive). */
export function underPath(name: string, path: string, recursive: boolean): boolean {
  const full = withSlash(name);
  const base = path === '/' ? '' : path.replace(/\/+$/, '');
  if (!full.startsWith(`${base}/`)) return false;
  return recursive || !full.slice(base.length + 1).includes('/');
}

function matches(actual: string | undefined, option: string, values: string[]): boolean {
  if (actual === undefined) return false;
  switch (option) {
    case 'BeginsWith':
      return values.some((v) => actual.startsWith(v));
    case 'Contains':
      return values.some((v) => actual.includes(v));
    default:
      return values.includes(actual);
  }
}

/**
 * Applies ParameterFilters to a parameter and returns the version they select: the latest one, or for a
 * `Label` filter the version that carries one of the labels. Undefined when the parameter does not match.
 */
export function selectByFilters(record: ParameterRecord, filters: ParameterStringFilter[] | undefined): ParameterVersionRecord | undefined {
  let version = record.versions[record.versions.length - 1];
  for (const filter of filters ?? []) {
    const key = filter.Key as string;
    const option = optionOf(filter);
    const values = filter.Values ?? [];
    if (key === 'Label') {
      const labelled = record.versions.find((v) => v.labels.some((label) => values.includes(label)));
      if (!labelled) return undefined;
      version = labelled;
      continue;
    }
    if (key.startsWith('tag:')) {
      const tag = record.tags[key.slice(4)];
      if (tag === undefined || (values.length > 0 && !values.includes(tag))) return undefined;
      continue;
    }
    const ok = (() => {
      switch (key) {
        case 'Name':
          return option === 'Contains' ? matches(record.name, option, values) : matches(withSlash(record.name), option, values.map(withSlash));
        case 'Path':
          return values.some((path) => underPath(record.name, path, option === 'Recursive'));
        case 'Type':
          return matches(version.type, option, values);
        case 'KeyId':
          return matches(version.keyId, option, values);
        case 'Tier':
          return matches(version.tier, option, values);
        case 'DataType':
          return matches(version.dataType, option, values);
        default:
          return false;
      }
    })();
    if (!ok) return undefined;
  }
  return version;
}
