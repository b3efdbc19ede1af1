import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePattern, EventPatternError, matchesPattern } from '../../../local-cloud/services/events/pattern.ts';

const SAMPLES = '/work/shared/events';
const sample = (file: string) => JSON.parse(readFileSync(join(SAMPLES, file), 'utf8')) as Record<string, unknown>;
const matches = (pattern: unknown, event: unknown) => matchesPattern(compilePattern(JSON.stringify(pattern)), event);
const reasonFor = (pattern: string) => {
  try {
    compilePattern(pattern);
  } catch (error) {
    if (error instanceof EventPatternError) return error.reason;
    throw error;
  }
  return undefined;
};

/** The EC2 event the EventBridge content-filtering documentation uses. */
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: {
    'instance-id': 'i-1234567890abcdef0',
    state: 'terminated',
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.123',
    FileName: 'image.PNG',
    location: 'us-east-1',
    tags: ['blue', 'prod'],
    nullish: null,
    empty: '',
    nested: { level: 'deep' },
  },
};

describe('EventBridge: event pattern matching', () => {
  it('matches the Image Builder rule against the AVAILABLE and FAILED samples only', () => {
    // Prepare
    const rule = {
      source: ['aws.imagebuilder'],
      'detail-type': ['EC2 Image Builder Image State Change'],
      detail: { state: { status: ['AVAILABLE', 'FAILED'] } },
    };
    const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.json'));
    // Act
    const matched = files.filter((file) => matches(rule, sample(file))).sort();
    // Assess
    expect(matched).toEqual(['imagebuilder-image-state-change-available.json', 'imagebuilder-image-state-change-failed.json']);
  });

  it('matches each Auto Scaling instance refresh sample by its own detail-type', () => {
    // Prepare
    const files = readdirSync(SAMPLES).filter((f) => f.startsWith('autoscaling-'));
    // Act
    const results = files.map((file) => {
      const event = sample(file);
      return matches({ source: ['aws.autoscaling'], 'detail-type': [event['detail-type']] }, event);
    });
    // Assess
    expect(files.length).toBeGreaterThan(5);
    expect(results.every(Boolean)).toBe(true);
  });

  it('matches the refresh events of one group with a prefix on detail-type', () => {
    // Prepare
    const pattern = {
      source: ['aws.autoscaling'],
      'detail-type': [{ prefix: 'EC2 Auto Scaling Instance Refresh' }],
      detail: { AutoScalingGroupName: ['web-prod'] },
    };
    // Act
    const succeeded = matches(pattern, sample('autoscaling-instance-refresh-succeeded.json'));
    const otherGroup = matches(pattern, { ...sample('autoscaling-instance-refresh-succeeded.json'), detail: { AutoScalingGroupName: 'web-staging' } });
    // Assess
    expect(succeeded).toBe(true);
    expect(otherGroup).toBe(false);
  });

  it('matches CVE events by a numeric range on a nested count', () => {
    // Prepare
    const event = sample('imagebuilder-cve-detected.json');
    // Act
    const critical = matches({ detail: { 'finding-severity-counts': { critical: [{ numeric: ['>', 0] }] } } }, event);
    const manyHigh = matches({ detail: { 'finding-severity-counts': { high: [{ numeric: ['>=', 2] }] } } }, event);
    // Assess
    expect(critical).toBe(true);
    expect(manyHigh).toBe(false);
  });

  it.each([
    ['exact string', { source: ['aws.ec2'] }, true],
    ['exact string of another value', { source: ['aws.s3'] }, false],
    ['any of several values', { source: ['aws.s3', 'aws.ec2'] }, true],
    ['exact number', { detail: { 'c-count': [5] } }, true],
    ['number written another way', { detail: { 'x-limit': [3.018e2] } }, true],
    ['number against its string', { detail: { 'c-count': ['5'] } }, false],
    ['null value', { detail: { nullish: [null] } }, true],
    ['empty string', { detail: { empty: [''] } }, true],
    ['value inside an event array', { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'] }, true],
    ['one of the event array values', { detail: { tags: ['prod'] } }, true],
    ['none of the event array values', { detail: { tags: ['green'] } }, false],
    ['field missing from the event', { detail: { missing: ['x'] } }, false],
    ['case matters', { detail: { state: ['TERMINATED'] } }, false],
    ['nested object', { detail: { nested: { level: ['deep'] } } }, true],
    ['leaf pattern on an object value', { detail: { nested: ['deep'] } }, false],
  ])('matches %s as documented', (_name, pattern, expected) => {
    // Act
    const result = matches(pattern, ec2Event);
    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    ['prefix', { time: [{ prefix: '2017-12-22' }] }, true],
    ['prefix that differs', { time: [{ prefix: '2018' }] }, false],
    ['prefix ignoring case', { detail: { state: [{ prefix: { 'equals-ignore-case': 'TERM' } }] } }, true],
    ['suffix', { detail: { FileName: [{ suffix: '.PNG' }] } }, true],
    ['suffix is case sensitive', { detail: { FileName: [{ suffix: '.png' }] } }, false],
    ['suffix ignoring case', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, true],
    ['equals-ignore-case', { detail: { state: [{ 'equals-ignore-case': 'TeRmInAtEd' }] } }, true],
    ['prefix against a number', { detail: { 'c-count': [{ prefix: '5' }] } }, false],
  ])('matches %s', (_name, pattern, expected) => {
    // Act
    const result = matches(pattern, ec2Event);
    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    ['a single string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, true],
    ['the event value itself', { detail: { state: [{ 'anything-but': 'terminated' }] } }, false],
    ['a list of strings', { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } }, false],
    ['a number', { detail: { 'c-count': [{ 'anything-but': 4 }] } }, true],
    ['a list of numbers with the value', { detail: { 'c-count': [{ 'anything-but': [5, 6] }] } }, false],
    ['a prefix', { detail: { location: [{ 'anything-but': { prefix: 'us-' } }] } }, false],
    ['a prefix that differs', { detail: { location: [{ 'anything-but': { prefix: 'eu-' } }] } }, true],
    ['a list of prefixes', { detail: { location: [{ 'anything-but': { prefix: ['eu-', 'us-'] } }] } }, false],
    ['a suffix', { detail: { FileName: [{ 'anything-but': { suffix: '.PNG' } }] } }, false],
    ['ignoring case', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['TERMINATED'] } }] } }, false],
    ['a wildcard', { detail: { FileName: [{ 'anything-but': { wildcard: 'image.*' } }] } }, false],
    ['a wildcard that differs', { detail: { FileName: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, true],
    ['a missing field', { detail: { missing: [{ 'anything-but': 'x' }] } }, false],
    ['an array with another value', { detail: { tags: [{ 'anything-but': 'blue' }] } }, true],
  ])('matches anything-but with %s', (_name, pattern, expected) => {
    // Act
    const result = matches(pattern, ec2Event);
    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    ['within an open-closed range', ['>', 0, '<=', 5], true],
    ['outside an open range', ['>', 5], false],
    ['equal to', ['=', 5], true],
    ['below', ['<', 10], true],
    ['at or above', ['>=', 5, '<', 6], true],
    ['at the excluded top', ['>', 0, '<', 5], false],
  ])('matches numeric %s', (_name, range, expected) => {
    // Act
    const result = matches({ detail: { 'c-count': [{ numeric: range }] } }, ec2Event);
    // Assess
    expect(result).toBe(expected);
  });

  it('never matches numeric conditions against strings', () => {
    // Act
    const result = matches({ detail: { state: [{ numeric: ['>', 0] }] } }, { detail: { state: '5' } });
    // Assess
    expect(result).toBe(false);
  });

  it.each([
    ['exists true on a present field', { detail: { state: [{ exists: true }] } }, true],
    ['exists true on a missing field', { detail: { missing: [{ exists: true }] } }, false],
    ['exists false on a missing field', { detail: { missing: [{ exists: false }] } }, true],
    ['exists false on a present field', { detail: { state: [{ exists: false }] } }, false],
    ['exists true on an object', { detail: { nested: [{ exists: true }] } }, false],
    ['exists false under a missing parent', { other: { missing: [{ exists: false }] } }, true],
    ['exists true on null', { detail: { nullish: [{ exists: true }] } }, true],
  ])('matches %s', (_name, pattern, expected) => {
    // Act
    const result = matches(pattern, ec2Event);
    // Assess
    expect(result).toBe(expected);
  });

  it('treats an empty array as a missing value', () => {
    // Act
    const exists = matches({ detail: { list: [{ exists: true }] } }, { detail: { list: [] } });
    const absent = matches({ detail: { list: [{ exists: false }] } }, { detail: { list: [] } });
    // Assess
    expect(exists).toBe(false);
    expect(absent).toBe(true);
  });

  it.each([
    ['a leading wildcard', '*.PNG', true],
    ['a middle wildcard', 'im*NG', true],
    ['several wildcards', '*a*e*', true],
    ['no match', '*.jpg', false],
    ['an escaped star', 'image\\*', false],
  ])('matches wildcard with %s', (_name, wildcard, expected) => {
    // Act
    const result = matches({ detail: { FileName: [{ wildcard }] } }, ec2Event);
    // Assess
    expect(result).toBe(expected);
  });

  it('matches a literal star through an escaped wildcard', () => {
    // Act
    const result = matches({ name: [{ wildcard: 'a\\*b' }] }, { name: 'a*b' });
    // Assess
    expect(result).toBe(true);
  });

  it.each([
    ['inside an IPv4 block', '10.0.0.0/24', true],
    ['outside an IPv4 block', '10.0.1.0/24', false],
    ['a wide block', '10.0.0.0/8', true],
  ])('matches cidr %s', (_name, cidr, expected) => {
    // Act
    const result = matches({ detail: { 'source-ip': [{ cidr }] } }, ec2Event);
    // Assess
    expect(result).toBe(expected);
  });

  it('matches IPv6 addresses against an IPv6 block', () => {
    // Act
    const inside = matches({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db8:0:0:1::7' });
    const outside = matches({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db9::1' });
    // Assess
    expect(inside).toBe(true);
    expect(outside).toBe(false);
  });

  it('matches an IP address written another way as an exact value', () => {
    // Act
    const result = matches({ ip: ['2001:db8::1'] }, { ip: '2001:0db8:0000:0000:0000:0000:0000:0001' });
    // Assess
    expect(result).toBe(true);
  });

  it('matches $or alternatives at the top level and nested', () => {
    // Prepare
    const pattern = {
      source: ['aws.ec2'],
      $or: [{ 'detail-type': ['Nope'] }, { detail: { $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { 'd-count': [{ numeric: ['<', 10] }] }] } }],
    };
    // Act
    const result = matches(pattern, ec2Event);
    const noAlternative = matches({ $or: [{ source: ['a'] }, { source: ['b'] }] }, ec2Event);
    // Assess
    expect(result).toBe(true);
    expect(noAlternative).toBe(false);
  });

  it('requires the fields of a nested pattern to match within one array element', () => {
    // Prepare
    const pattern = { detail: { items: { name: ['a'], size: [2] } } };
    // Act
    const sameElement = matches(pattern, {
      detail: {
        items: [
          { name: 'b', size: 2 },
          { name: 'a', size: 2 },
        ],
      },
    });
    const splitAcross = matches(pattern, {
      detail: {
        items: [
          { name: 'a', size: 1 },
          { name: 'b', size: 2 },
        ],
      },
    });
    // Assess
    expect(sameElement).toBe(true);
    expect(splitAcross).toBe(false);
  });

  it('matches values inside nested arrays', () => {
    // Act
    const result = matches({ detail: { grid: [3] } }, { detail: { grid: [[1, 2], [3]] } });
    // Assess
    expect(result).toBe(true);
  });

  it('does not match through inherited object properties', () => {
    // Act
    const result = matches({ constructor: [{ exists: true }] }, { source: 'x' });
    // Assess
    expect(result).toBe(false);
  });
});

describe('EventBridge: event pattern validation', () => {
  it.each([
    ['[]', 'Filter is not an object'],
    ['{}', 'Empty objects are not allowed'],
    ['{"source":"aws.ec2"}', '"source" must be an object or an array'],
    ['{"source":[]}', 'Empty arrays are not allowed'],
    ['{"source":[["a"]]}', 'Match value must be String, number, true, false, or null'],
    ['{"source":[{}]}', 'Match expression name not found'],
    ['{"source":[{"prefixx":"a"}]}', 'Unrecognized match type prefixx'],
    ['{"source":[{"prefix":1}]}', 'prefix match pattern must be a string'],
    ['{"source":[{"prefix":"a","suffix":"b"}]}', 'Only one key allowed in match expression'],
    ['{"source":[{"prefix":{"x":"a"}}]}', 'Unsupported prefix pattern: x'],
    ['{"source":[{"suffix":{}}]}', 'Suffix expression name not found'],
    ['{"source":[{"equals-ignore-case":5}]}', 'equals-ignore-case match pattern must be a string'],
    ['{"a":[{"numeric":5}]}', 'Value of numeric must be an array.'],
    ['{"a":[{"numeric":[]}]}', 'Invalid member in numeric match: ]'],
    ['{"a":[{"numeric":[5]}]}', 'Invalid member in numeric match: 5'],
    ['{"a":[{"numeric":["!=",5]}]}', 'Unrecognized numeric range operator: !='],
    ['{"a":[{"numeric":["=","5"]}]}', 'Value of equals must be numeric'],
    ['{"a":[{"numeric":[">"]}]}', 'Value of > must be numeric'],
    ['{"a":[{"numeric":["=",5,"<",6]}]}', 'Too many elements in numeric expression'],
    ['{"a":[{"numeric":[">",5,6]}]}', 'Bad value in numeric range: 6'],
    ['{"a":[{"numeric":[">",5,">",6]}]}', 'Bad numeric range operator: >'],
    ['{"a":[{"numeric":[">",5,"<",5]}]}', 'Bottom must be less than top'],
    ['{"a":[{"numeric":[">",1,"<",2,3]}]}', 'Too many terms in numeric range expression'],
    ['{"a":[{"numeric":["<",6e9]}]}', 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    ['{"a":[{"exists":"yes"}]}', 'exists match pattern must be either true or false.'],
    ['{"a":[{"anything-but":true}]}', 'Value of anything-but must be an array or single string/number value.'],
    ['{"a":[{"anything-but":["a",1]}]}', 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    ['{"a":[{"anything-but":[null]}]}', 'Inside anything but list, start|null|boolean is not supported.'],
    ['{"a":[{"anything-but":{}}]}', 'Anything-But expression name not found'],
    ['{"a":[{"anything-but":{"numeric":[">",1]}}]}', 'Unsupported anything-but pattern: numeric'],
    ['{"a":[{"anything-but":{"prefix":""}}]}', 'Null prefix/suffix not allowed'],
    ['{"a":[{"anything-but":{"prefix":5}}]}', 'prefix/suffix match pattern must be a string'],
    ['{"a":[{"wildcard":"a**b"}]}', 'Consecutive wildcard characters at pos 1'],
    ['{"a":[{"wildcard":"a\\\\b"}]}', 'Invalid escape character at pos 1'],
    ['{"a":[{"cidr":"10.0.0.0"}]}', "Malformed CIDR, one '/' required"],
    ['{"a":[{"cidr":"10.0.0.0/x"}]}', 'Malformed CIDR, mask bits must be an integer'],
    ['{"a":[{"cidr":"host/8"}]}', 'Nonstandard IP address: host'],
    ['{"a":[{"cidr":"10.0.0.0/32"}]}', 'IPv4 mask bits must be < 32'],
    ['{"$or":{"a":["b"]}}', 'It must be an Array followed with $or.'],
    ['{"$or":[{"a":["b"]}]}', 'There must have at least 2 Objects in $or relationship.'],
    ['{"$or":[{"a":["b"]},"c"]}', 'Only JSON object is allowed in array of $or relationship.'],
    ['{"$or":[{"numeric":["b"]},{"a":["c"]}]}', 'numeric is Ruler reserved fieldName which cannot be used inside $or.'],
  ])('rejects %s with "%s"', (pattern, reason) => {
    // Act
    const actual = reasonFor(pattern);
    // Assess
    expect(actual).toBe(reason);
  });

  it('rejects text that is not JSON', () => {
    // Act
    const reason = reasonFor('{"source": [');
    // Assess
    expect(reason).toBeTypeOf('string');
  });

  it.each([
    ['{"source":["aws.ec2"],"detail":{"state":["running"]}}'],
    ['{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}]}}'],
    ['{"a":[{"anything-but":{"wildcard":["*/lib/*","*/bin/*"]}}]}'],
    ['{"a":[{"prefix":{"equals-ignore-case":"EventB"}}]}'],
    ['{"a":[null,true,1,"x",{"exists":false}]}'],
  ])('accepts the valid pattern %s', (pattern) => {
    // Act
    const reason = reasonFor(pattern);
    // Assess
    expect(reason).toBeUndefined();
  });
});
