/**
 * EventBridge event patterns: validation with AWS's own reasons, and matching, as the content-filtering
 * documentation describes and as aws/event-ruler (the engine behind EventBridge) behaves:
 * - every field of the pattern must match (AND); the values in a field's array are alternatives (OR);
 * - a field whose event value is an array matches when any element matches;
 * - fields of one nested object pattern must match within the same element of an array of objects;
 * - `exists` only looks at leaf values: an object, a missing field or an empty array does not exist.
 * Pure: no I/O, no clock. SNS filter policies reuse it with their own operator set.
 */

export class EventPatternError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.name = 'EventPatternError';
    this.reason = reason;
  }
}

type Scalar = string | number | boolean | null;
type ValueTest = (value: Scalar) => boolean;

interface LeafRule {
  kind: 'leaf';
  /** `exists` conditions among the alternatives. */
  exists: boolean[];
  tests: ValueTest[];
}

interface ObjectRule {
  kind: 'object';
  fields: Array<[string, LeafRule | ObjectRule]>;
  /** Each `$or` in this object: one of its alternatives must match. */
  ors: ObjectRule[][];
}

export interface CompiledPattern {
  readonly root: ObjectRule;
}

export interface CompileOptions {
  /** Match types this dialect accepts; others are `Unrecognized match type`. Default: all of EventBridge's. */
  matchTypes?: ReadonlySet<string>;
  /** Forms accepted inside `anything-but: {…}`. Default: EventBridge's. */
  anythingButForms?: ReadonlySet<string>;
}

export const EVENTBRIDGE_MATCH_TYPES: ReadonlySet<string> = new Set([
  'prefix',
  'suffix',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
  'equals-ignore-case',
  'wildcard',
]);

const ANYTHING_BUT_FORMS: ReadonlySet<string> = new Set(['equals-ignore-case', 'prefix', 'suffix', 'wildcard']);

/** event-ruler reserves these as field names inside `$or`. */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  'html',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

/** event-ruler compares numbers within ±5e9. */
const FIVE_BILLION = 5e9;

const fail = (reason: string): never => {
  throw new EventPatternError(reason);
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** How a JSON parser names the token where it stopped, for event-ruler's messages. */
function tokenText(value: unknown): string {
  if (value === undefined) return ']';
  if (Array.isArray(value)) return '[';
  if (isObject(value)) return '{';
  return String(value);
}

/** Parses and validates a pattern given as JSON text. */
export function compilePattern(text: string, options: CompileOptions = {}): CompiledPattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail((error as Error).message);
  }
  return compilePatternValue(parsed, options);
}

/** Validates an already parsed pattern. */
export function compilePatternValue(value: unknown, options: CompileOptions = {}): CompiledPattern {
  if (!isObject(value)) fail('Filter is not an object');
  const settings = { matchTypes: options.matchTypes ?? EVENTBRIDGE_MATCH_TYPES, anythingButForms: options.anythingButForms ?? ANYTHING_BUT_FORMS };
  return { root: compileObject(value as Record<string, unknown>, false, settings) };
}

type Settings = Required<CompileOptions>;

function compileObject(source: Record<string, unknown>, insideOr: boolean, settings: Settings): ObjectRule {
  const rule: ObjectRule = { kind: 'object', fields: [], ors: [] };
  const keys = Object.keys(source);
  if (!keys.length) fail('Empty objects are not allowed');
  for (const key of keys) {
    const value = source[key];
    if (key === '$or') {
      rule.ors.push(compileOr(value, settings));
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    if (isObject(value)) rule.fields.push([key, compileObject(value, insideOr, settings)]);
    else if (Array.isArray(value)) rule.fields.push([key, compileLeaf(value, settings)]);
    else fail(`"${key}" must be an object or an array`);
  }
  return rule;
}

function compileOr(value: unknown, settings: Settings): ObjectRule[] {
  if (!Array.isArray(value)) return fail('It must be an Array followed with $or.');
  const alternatives = value.map((item) => {
    if (!isObject(item)) return fail('Only JSON object is allowed in array of $or relationship.');
    return compileObject(item, true, settings);
  });
  if (alternatives.length < 2) fail('There must have at least 2 Objects in $or relationship.');
  return alternatives;
}

function compileLeaf(values: unknown[], settings: Settings): LeafRule {
  const leaf: LeafRule = { kind: 'leaf', exists: [], tests: [] };
  for (const value of values) {
    if (isObject(value)) compileMatchExpression(value, leaf, settings);
    else if (typeof value === 'string') leaf.tests.push(exactString(value));
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) leaf.tests.push((v) => v === value);
    else fail('Match value must be String, number, true, false, or null');
  }
  if (!values.length) fail('Empty arrays are not allowed');
  return leaf;
}

function onlyKey(expression: Record<string, unknown>, message = 'Only one key allowed in match expression'): void {
  if (Object.keys(expression).length > 1) fail(message);
}

function compileMatchExpression(expression: Record<string, unknown>, leaf: LeafRule, settings: Settings): void {
  const [type] = Object.keys(expression);
  if (type === undefined) fail('Match expression name not found');
  if (!settings.matchTypes.has(type)) fail(`Unrecognized match type ${type}`);
  const value = expression[type];
  switch (type) {
    case 'prefix':
    case 'suffix': {
      const test = type === 'prefix' ? startsWith : endsWith;
      if (isObject(value)) {
        const [inner] = Object.keys(value);
        if (inner === undefined) fail(`${type === 'prefix' ? 'Prefix' : 'Suffix'} expression name not found`);
        if (inner !== 'equals-ignore-case') fail(`Unsupported ${type} pattern: ${inner}`);
        const text = value[inner];
        if (typeof text !== 'string') fail('equals-ignore-case match pattern must be a string');
        onlyKey(value);
        onlyKey(expression);
        leaf.tests.push((v) => typeof v === 'string' && test(fold(v), fold(text as string)));
        return;
      }
      if (typeof value !== 'string') fail(`${type} match pattern must be a string`);
      onlyKey(expression);
      leaf.tests.push((v) => typeof v === 'string' && test(v, value as string));
      return;
    }
    case 'equals-ignore-case': {
      if (typeof value !== 'string') fail('equals-ignore-case match pattern must be a string');
      onlyKey(expression);
      const folded = fold(value as string);
      leaf.tests.push((v) => typeof v === 'string' && fold(v) === folded);
      return;
    }
    case 'wildcard': {
      if (typeof value !== 'string') fail('wildcard match pattern must be a string');
      const regex = wildcardRegex(value as string);
      onlyKey(expression);
      leaf.tests.push((v) => typeof v === 'string' && regex.test(v));
      return;
    }
    case 'exists': {
      if (typeof value !== 'boolean') fail('exists match pattern must be either true or false.');
      onlyKey(expression);
      leaf.exists.push(value as boolean);
      return;
    }
    case 'numeric': {
      if (!Array.isArray(value)) fail('Value of numeric must be an array.');
      const range = numericRange(value as unknown[]);
      onlyKey(expression, 'Too many elements in numeric expression');
      leaf.tests.push((v) => typeof v === 'number' && Math.abs(v) <= FIVE_BILLION && range(v));
      return;
    }
    case 'cidr': {
      if (typeof value !== 'string') fail('prefix match pattern must be a string');
      const range = cidrRange(value as string);
      onlyKey(expression);
      leaf.tests.push((v) => {
        if (typeof v !== 'string') return false;
        const bytes = ipBytes(v);
        return !!bytes && bytes.length === range.bottom.length && compareBytes(bytes, range.bottom) >= 0 && compareBytes(bytes, range.top) <= 0;
      });
      return;
    }
    case 'anything-but': {
      leaf.tests.push(anythingBut(value, settings));
      onlyKey(expression, 'Too many elements in numeric expression');
      return;
    }
  }
}

const fold = (s: string) => s.toLowerCase();
const startsWith = (value: string, prefix: string) => value.startsWith(prefix);
const endsWith = (value: string, suffix: string) => value.endsWith(suffix);

/** A string pattern that is an IP address also matches the other spellings of that address. */
function exactString(pattern: string): ValueTest {
  const ip = ipBytes(pattern);
  if (!ip) return (v) => v === pattern;
  return (v) => v === pattern || (typeof v === 'string' && sameBytes(ipBytes(v), ip));
}

function anythingBut(value: unknown, settings: Settings): ValueTest {
  if (isObject(value)) {
    const [form] = Object.keys(value);
    if (form === undefined) return fail('Anything-But expression name not found');
    if (!settings.anythingButForms.has(form)) return fail(`Unsupported anything-but pattern: ${form}`);
    const inner = value[form];
    if (!Array.isArray(inner) && typeof inner !== 'string' && typeof inner !== 'number')
      return fail('Value of anything-but must be an array or single string/number value.');
    const items = Array.isArray(inner) ? inner : [inner];
    const strings = items.map((item) => {
      if (typeof item !== 'string') {
        if (form === 'equals-ignore-case') return fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
        if (form === 'wildcard') return fail('wildcard match pattern must be a string');
        return fail('prefix/suffix match pattern must be a string');
      }
      if ((form === 'prefix' || form === 'suffix') && item === '') return fail('Null prefix/suffix not allowed');
      return item;
    });
    onlyKey(value, 'Too many elements in numeric expression');
    let excluded: (v: string) => boolean;
    switch (form) {
      case 'prefix':
        excluded = (v) => strings.some((p) => v.startsWith(p));
        break;
      case 'suffix':
        excluded = (v) => strings.some((s) => v.endsWith(s));
        break;
      case 'wildcard': {
        const regexes = strings.map(wildcardRegex);
        excluded = (v) => regexes.some((r) => r.test(v));
        break;
      }
      default: {
        const folded = new Set(strings.map(fold));
        excluded = (v) => folded.has(fold(v));
      }
    }
    // A value of another type is never one of the excluded strings.
    return (v) => typeof v !== 'string' || !excluded(v);
  }
  if (Array.isArray(value)) {
    const strings = value.filter((v): v is string => typeof v === 'string');
    const numbers = value.filter((v): v is number => typeof v === 'number');
    if (strings.length + numbers.length !== value.length) return fail('Inside anything but list, start|null|boolean is not supported.');
    if ((strings.length && numbers.length) || !value.length)
      return fail('Inside anything but list, either all values are number or string, mixed type is not supported');
    for (const n of numbers) checkNumberRange(n);
    return anythingButValues(strings, numbers);
  }
  if (typeof value === 'string') return anythingButValues([value], []);
  if (typeof value === 'number') {
    checkNumberRange(value);
    return anythingButValues([], [value]);
  }
  return fail('Value of anything-but must be an array or single string/number value.');
}

function anythingButValues(strings: string[], numbers: number[]): ValueTest {
  const set = new Set<Scalar>([...strings, ...numbers]);
  return (v) => !set.has(v);
}

function checkNumberRange(n: number): void {
  if (n < -FIVE_BILLION || n > FIVE_BILLION) fail('Value must be between -5.0E9 and 5.0E9, inclusive');
}

/** A numeric range as event-ruler builds it: bottom < top first, then each bound within ±5e9. */
function range(bottom: number, openBottom: boolean, top: number, openTop: boolean): (v: number) => boolean {
  if (bottom >= top) fail('Bottom must be less than top');
  checkNumberRange(bottom);
  checkNumberRange(top);
  return (v) => (openBottom ? v > bottom : v >= bottom) && (openTop ? v < top : v <= top);
}

function numericRange(terms: unknown[]): (v: number) => boolean {
  const [operator, first, ...rest] = terms;
  if (typeof operator !== 'string') return fail(`Invalid member in numeric match: ${tokenText(operator)}`);
  const numeric = (value: unknown, op: string) => {
    if (typeof value !== 'number') fail(`Value of ${op === '=' ? 'equals' : op} must be numeric`);
    return value as number;
  };
  switch (operator) {
    case '=': {
      const value = numeric(first, operator);
      if (rest.length) fail('Too many elements in numeric expression');
      checkNumberRange(value);
      return (v) => v === value;
    }
    case '<':
    case '<=': {
      const top = numeric(first, operator);
      if (rest.length) fail('Too many elements in numeric expression');
      return range(-FIVE_BILLION, false, top, operator === '<');
    }
    case '>':
    case '>=': {
      const bottom = numeric(first, operator);
      if (!rest.length) return range(bottom, operator === '>', FIVE_BILLION, false);
      const [second, top, ...extra] = rest;
      if (typeof second !== 'string') return fail(`Bad value in numeric range: ${tokenText(second)}`);
      if (second !== '<' && second !== '<=') return fail(`Bad numeric range operator: ${second}`);
      const topValue = numeric(top, second);
      if (extra.length) fail('Too many terms in numeric range expression');
      return range(bottom, operator === '>', topValue, second === '<');
    }
    default:
      return fail(`Unrecognized numeric range operator: ${operator}`);
  }
}

/** `*` matches any run of characters; `\*` and `\\` are a literal star and backslash. */
function wildcardRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') fail(`Consecutive wildcard characters at pos ${Buffer.byteLength(pattern.slice(0, i))}`);
      source += '.*';
    } else if (c === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') fail(`Invalid escape character at pos ${Buffer.byteLength(pattern.slice(0, i))}`);
      source += `\\${next}`;
      i++;
    } else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

interface ByteRange {
  bottom: Uint8Array;
  top: Uint8Array;
}

/** As event-ruler: the range runs from the address as written to the top of its block. */
function cidrRange(cidr: string): ByteRange {
  const parts = cidr.split('/');
  if (parts.length !== 2) fail("Malformed CIDR, one '/' required");
  if (!/^[+-]?\d+$/.test(parts[1])) fail('Malformed CIDR, mask bits must be an integer');
  const bits = Number(parts[1]);
  if (bits < 0) fail('Malformed CIDR, mask bits must not be negative');
  const ip = ipBytes(parts[0]);
  if (!ip) return fail(`Nonstandard IP address: ${parts[0]}`);
  if (ip.length === 4 && bits > 31) fail('IPv4 mask bits must be < 32');
  if (ip.length === 16 && bits > 127) fail('IPv6 mask bits must be < 128');
  const top = Uint8Array.from(ip);
  let hostBits = ip.length * 8 - bits;
  for (let i = top.length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8) top[i] |= hostBits >= 8 ? 0xff : (1 << hostBits) - 1;
  return { bottom: ip, top };
}

/** The bytes of an IPv4 or IPv6 literal, or undefined. */
export function ipBytes(text: string): Uint8Array | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(text)) {
    const octets = text.split('.').map(Number);
    return octets.every((o) => o <= 255) ? Uint8Array.from(octets) : undefined;
  }
  if (!/^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/.test(text)) return undefined;
  let head = text;
  const tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const bytes = ipBytes(v4[1]);
    if (!bytes) return undefined;
    tail.push((bytes[0] << 8) | bytes[1], (bytes[2] << 8) | bytes[3]);
    head = text.slice(0, -v4[1].length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s ? s.split(':') : []);
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if ([...left, ...right].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const known = left.length + right.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const words = [...left.map((g) => Number.parseInt(g, 16)), ...Array(8 - known).fill(0), ...right.map((g) => Number.parseInt(g, 16)), ...tail];
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 0xff;
  });
  return bytes;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return !!a && a.length === b.length && compareBytes(a, b) === 0;
}

/** Whether the event (any JSON object) matches the pattern. */
export function matchesPattern(pattern: CompiledPattern, event: unknown): boolean {
  return isObject(event) && matchObject(pattern.root, event);
}

function matchObject(rule: ObjectRule, source: Record<string, unknown>): boolean {
  for (const [key, child] of rule.fields) {
    const value = Object.hasOwn(source, key) ? source[key] : undefined;
    if (child.kind === 'leaf') {
      if (!matchLeaf(child, leafValues(value))) return false;
      continue;
    }
    const candidates = objectsIn(value);
    // With no object to look into, only `exists: false` conditions below can match.
    if (!candidates.length ? !matchObject(child, {}) : !candidates.some((c) => matchObject(child, c))) return false;
  }
  return rule.ors.every((alternatives) => alternatives.some((alternative) => matchObject(alternative, source)));
}

function matchLeaf(rule: LeafRule, values: Scalar[]): boolean {
  const present = values.length > 0;
  if (rule.exists.some((expected) => expected === present)) return true;
  return present && rule.tests.some((test) => values.some(test));
}

function leafValues(value: unknown): Scalar[] {
  if (value === undefined || isObject(value)) return [];
  if (Array.isArray(value)) return value.flatMap(leafValues);
  return [value as Scalar];
}

function objectsIn(value: unknown): Record<string, unknown>[] {
  if (isObject(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  return [];
}

/** Compiled patterns by their text, so that rules are parsed once. */
const cache = new Map<string, CompiledPattern>();

export function cachedPattern(text: string): CompiledPattern {
  let compiled = cache.get(text);
  if (!compiled) {
    compiled = compilePattern(text);
    if (cache.size > 5_000) cache.clear();
    cache.set(text, compiled);
  }
  return compiled;
}
