import type { $ZodErrorMap, $ZodIssue } from 'zod/v4/core';
import { didYouMean } from './closest-name.ts';
import { type ConfigIssue, formatPath, problem, splitProblem } from './config-issue.ts';

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

/** Plain-language messages for the checks that carry no message of their own in the schema. */
export const configErrorMap: $ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 ? 'must not be empty' : `must have at least ${min} items`;
      if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${min} characters long`;
      return issue.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${max} items`;
      if (issue.origin === 'string') return `must be at most ${max} characters long`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value));
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, issue.values.map(String)).trim() : '';
      return problem(`must be ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}`, hint || undefined);
    }
    case 'unrecognized_keys': {
      const known = Object.keys((issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape ?? {});
      const keys = issue.keys;
      const what = keys.length === 1 ? 'unknown field' : `unknown fields ${keys.map((key) => `'${key}'`).join(', ')}`;
      const hint = keys.length === 1 ? didYouMean(keys[0], known) : '';
      return problem(what, `Known fields: ${known.join(', ')}.${hint}`);
    }
    case 'invalid_format':
      return issue.format === 'regex' ? 'has an invalid format' : `must be a valid ${issue.format}`;
    case 'invalid_union':
      return 'does not match any accepted form';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return undefined;
  }
};

/** Turns zod issues into config issues, with `prefix` in front of each path. */
export function toConfigIssues(issues: readonly $ZodIssue[], prefix: readonly PropertyKey[] = []): ConfigIssue[] {
  return issues.flatMap((issue): ConfigIssue[] => {
    const parts: PropertyKey[] = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      // `'a.yml' | { path: 'a.yml' }`: report the problems of the form whose type matched, not "matches no form".
      const sameType = issue.errors.filter((branch) => !branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
      if (sameType.length === 1) return toConfigIssues(sameType[0], parts);
    }
    const { message, fix } = splitProblem(issue.message);
    if (issue.code === 'unrecognized_keys') {
      // One unknown key reads best with the key in the path: `pipelines[0].scheduel: unknown field`.
      if (issue.keys.length === 1) parts.push(issue.keys[0]);
      return [{ path: formatPath(parts), message, fix }];
    }
    const input = (issue as { input?: unknown }).input;
    return [{ path: formatPath(parts), message, fix, ...(input === undefined ? {} : { got: { value: input } }) }];
  });
}
