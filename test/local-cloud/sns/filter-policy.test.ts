import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../local-cloud/errors.ts';
import { passesFilterPolicy, validateFilterPolicy } from '../../../local-cloud/services/sns/filter-policy.ts';

const attrs = (entries: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(entries).map(([name, [DataType, StringValue]]) => [name, { DataType, StringValue }]));

const reasonFor = (policy: unknown, scope = 'MessageAttributes') => {
  try {
    validateFilterPolicy(typeof policy === 'string' ? policy : JSON.stringify(policy), scope, 'Invalid parameter: ');
  } catch (error) {
    if (error instanceof AwsServiceError) return error.message;
    throw error;
  }
  return undefined;
};

describe('SNS: filter policies', () => {
  it.each([
    ['an exact string', { store: ['example_corp'] }, { store: ['String', 'example_corp'] }, true],
    ['another string', { store: ['example_corp'] }, { store: ['String', 'other'] }, false],
    ['a number range on a Number attribute', { price: [{ numeric: ['>', 0, '<=', 150] }] }, { price: ['Number', '100'] }, true],
    ['a number range on a String attribute', { price: [{ numeric: ['>', 0] }] }, { price: ['String', '100'] }, false],
    ['a String.Array element', { sizes: ['L'] }, { sizes: ['String.Array', '["S","L"]'] }, true],
    ['anything-but', { event: [{ 'anything-but': 'order_cancelled' }] }, { event: ['String', 'order_placed'] }, true],
    ['anything-but prefix', { event: [{ 'anything-but': { prefix: 'order-' } }] }, { event: ['String', 'order-placed'] }, false],
    ['exists false', { customer: [{ exists: false }] }, { store: ['String', 'x'] }, true],
    ['exists true', { customer: [{ exists: true }] }, { store: ['String', 'x'] }, false],
    ['a prefix', { source: [{ prefix: 'goldsmith.' }] }, { source: ['String', 'goldsmith.release'] }, true],
    ['equals-ignore-case', { outcome: [{ 'equals-ignore-case': 'failed' }] }, { outcome: ['String', 'FAILED'] }, true],
    ['an IP address in a block', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: ['String', '10.0.0.9'] }, true],
    ['$or alternatives', { $or: [{ a: ['1'] }, { b: ['2'] }] }, { b: ['String', '2'] }, true],
  ])('matches %s on message attributes', (_name, policy, attributes, expected) => {
    // Act
    const result = passesFilterPolicy(JSON.stringify(policy), 'MessageAttributes', { body: '', attributes: attrs(attributes) });
    // Assess
    expect(result).toBe(expected);
  });

  it('matches nested properties of a JSON message body', () => {
    // Prepare
    const policy = JSON.stringify({ detail: { state: { status: ['AVAILABLE', 'FAILED'] } } });
    // Act
    const available = passesFilterPolicy(policy, 'MessageBody', { body: JSON.stringify({ detail: { state: { status: 'AVAILABLE' } } }) });
    const building = passesFilterPolicy(policy, 'MessageBody', { body: JSON.stringify({ detail: { state: { status: 'BUILDING' } } }) });
    const text = passesFilterPolicy(policy, 'MessageBody', { body: 'AVAILABLE' });
    // Assess
    expect([available, building, text]).toEqual([true, false, false]);
  });

  it('passes every message without a policy or with an empty one', () => {
    // Act
    const none = passesFilterPolicy(undefined, undefined, { body: 'x' });
    const empty = passesFilterPolicy('{}', 'MessageAttributes', { body: 'x' });
    // Assess
    expect([none, empty]).toEqual([true, true]);
  });

  it.each([
    ['not JSON', '{', 'Invalid parameter: FilterPolicy: failed to parse JSON.'],
    [
      'more than five keys',
      { a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] },
      'Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys',
    ],
    ['too many combinations', { a: Array.from({ length: 151 }, (_, i) => String(i)) }, 'Invalid parameter: FilterPolicy: Filter policy is too complex'],
    ['an empty array', { a: [] }, 'Invalid parameter: FilterPolicy: Empty arrays are not allowed'],
    ['a bare value', { a: 'b' }, 'Invalid parameter: FilterPolicy: "a" must be an object or an array'],
    ['a wildcard, which SNS lacks', { a: [{ wildcard: '*x' }] }, 'Invalid parameter: FilterPolicy: Unrecognized match type wildcard'],
    ['a bad numeric range', { a: [{ numeric: ['>', 5, '<', 1] }] }, 'Invalid parameter: FilterPolicy: Bottom must be less than top'],
    ['nesting in attribute scope', { a: { b: ['c'] } }, 'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy'],
  ])('rejects %s', (_name, policy, message) => {
    // Act
    const actual = reasonFor(policy);
    // Assess
    expect(actual).toBe(message);
  });

  it('accepts nesting in body scope', () => {
    // Act
    const reason = reasonFor({ detail: { state: { status: ['AVAILABLE'] } } }, 'MessageBody');
    // Assess
    expect(reason).toBeUndefined();
  });
});
