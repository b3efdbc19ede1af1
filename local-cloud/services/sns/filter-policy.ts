import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import { type CompiledPattern, compilePatternValue, EventPatternError, matchesPattern } from '../events/pattern.ts';
import { invalidParameterRaw } from './errors.ts';

/**
 * SNS subscription filter policies: SNS's own limits and messages on top of the content filtering that
 * EventBridge patterns share (SNS has no wildcard). The scope is the message attributes (flat) or the
 * message body (a JSON object, nested).
 */

const SNS_MATCH_TYPES = new Set(['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'cidr', 'equals-ignore-case']);
const SNS_ANYTHING_BUT_FORMS = new Set(['prefix', 'suffix']);
const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;

type Policy = Record<string, unknown>;

/** SNS's complexity measure: each value array multiplies by its size and depth; `$or` branches add up. */
function combinations(policy: Policy, depth: number, scope: string, prefix: string, start: number): number {
  let total = start;
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value)) {
      total = value.reduce(
        (sum: number, branch) => sum + (typeof branch === 'object' && branch ? combinations(branch as Policy, depth, scope, prefix, total) : 0),
        0,
      );
    } else if (Array.isArray(value)) {
      if (!value.length) throw invalidParameterRaw(`${prefix}FilterPolicy: Empty arrays are not allowed`);
      total *= value.length * depth;
    } else if (typeof value === 'object' && value !== null) {
      if (scope === 'MessageAttributes') throw invalidParameterRaw(`${prefix}Filter policy scope MessageAttributes does not support nested filter policy`);
      total = combinations(value as Policy, depth + 1, scope, prefix, total);
    } else {
      throw invalidParameterRaw(`${prefix}FilterPolicy: "${key}" must be an object or an array`);
    }
  }
  return total;
}

function compile(policy: Policy, prefix: string): CompiledPattern {
  try {
    return compilePatternValue(policy, { matchTypes: SNS_MATCH_TYPES, anythingButForms: SNS_ANYTHING_BUT_FORMS });
  } catch (error) {
    if (error instanceof EventPatternError) throw invalidParameterRaw(`${prefix}FilterPolicy: ${error.reason}`);
    throw error;
  }
}

function parse(text: string, prefix: string): Policy {
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    throw invalidParameterRaw(`${prefix}FilterPolicy: failed to parse JSON.`);
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) throw invalidParameterRaw(`${prefix}FilterPolicy: Filter is not an object`);
  return policy as Policy;
}

/** Validates a policy; `prefix` is how the calling operation starts its InvalidParameter messages. */
export function validateFilterPolicy(text: string, scope: string, prefix: string): void {
  const policy = parse(text, prefix);
  if (!Object.keys(policy).length) return;
  if (Object.keys(policy).length > MAX_KEYS) throw invalidParameterRaw(`${prefix}FilterPolicy: Filter policy can not have more than ${MAX_KEYS} keys`);
  if (combinations(policy, 1, scope, prefix, 1) > MAX_COMBINATIONS) throw invalidParameterRaw(`${prefix}FilterPolicy: Filter policy is too complex`);
  compile(policy, prefix);
}

/** Message attributes as filter policies see them: Number as a number, String.Array as its values; Binary is ignored. */
function attributeDocument(attributes: Record<string, MessageAttributeValue> | undefined): Record<string, unknown> {
  const document: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes ?? {})) {
    const type = attribute.DataType ?? '';
    const value = attribute.StringValue;
    if (type.startsWith('Binary') || value === undefined) continue;
    if (type.startsWith('Number')) document[name] = Number(value);
    else if (type.startsWith('String.Array')) {
      try {
        document[name] = JSON.parse(value);
      } catch {
        document[name] = value;
      }
    } else document[name] = value;
  }
  return document;
}

/** Policies compiled once per text; undefined for an empty policy. */
const compiled = new Map<string, CompiledPattern | undefined>();

function compiledPolicy(text: string): CompiledPattern | undefined {
  if (!compiled.has(text)) {
    const policy = JSON.parse(text) as Policy;
    if (compiled.size > 5_000) compiled.clear();
    compiled.set(text, Object.keys(policy).length ? compile(policy, '') : undefined);
  }
  return compiled.get(text);
}

/** Whether a message passes a subscription's filter policy (no policy passes everything). */
export function passesFilterPolicy(
  text: string | undefined,
  scope: string | undefined,
  message: { body: string; attributes?: Record<string, MessageAttributeValue> },
): boolean {
  if (!text) return true;
  const pattern = compiledPolicy(text);
  if (!pattern) return true;
  if (scope === 'MessageBody') {
    let body: unknown;
    try {
      body = JSON.parse(message.body);
    } catch {
      // A body policy only matches a message that is a JSON object.
      return false;
    }
    return matchesPattern(pattern, body);
  }
  return matchesPattern(pattern, attributeDocument(message.attributes));
}
