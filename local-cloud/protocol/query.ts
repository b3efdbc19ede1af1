import { parseTimestamp } from './json.ts';
import { resolve, type ServiceModel, type ShapeRef } from './model.ts';

type Flavour = 'query' | 'ec2';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The key a member takes in a form-encoded request, as the awsQuery and ec2Query protocols name it. */
function memberKey(name: string, member: ShapeRef, flavour: Flavour): string {
  if (flavour === 'ec2') return member.queryName ?? (member.locationName ? capitalize(member.locationName) : capitalize(name));
  return member.locationName ?? name;
}

/** Parses `Action=…&Foo.member.1=…` (awsQuery) or `Foo.1=…` (ec2Query) into the SDK's input shape. */
export function fromQuery(model: ServiceModel, ref: ShapeRef | undefined, params: Map<string, string>, flavour: Flavour): Record<string, unknown> {
  return (readStructure(model, resolve(model, ref), params, '', flavour) ?? {}) as Record<string, unknown>;
}

function readValue(model: ServiceModel, shape: ShapeRef, params: Map<string, string>, prefix: string, flavour: Flavour): unknown {
  switch (shape.type) {
    case 'structure':
      return readStructure(model, shape, params, prefix, flavour);
    case 'list':
      return readList(model, shape, params, prefix, flavour);
    case 'map':
      return readMap(model, shape, params, prefix, flavour);
    default: {
      const raw = params.get(prefix);
      return raw === undefined ? undefined : coerceScalar(shape, raw);
    }
  }
}

function readStructure(model: ServiceModel, shape: ShapeRef, params: Map<string, string>, prefix: string, flavour: Flavour) {
  const out: Record<string, unknown> = {};
  let found = false;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const member = resolve(model, ref);
    const key = prefix ? `${prefix}.${memberKey(name, ref, flavour)}` : memberKey(name, ref, flavour);
    const value = readValue(model, member, params, key, flavour);
    if (value !== undefined) {
      out[name] = value;
      found = true;
    }
  }
  return found || !prefix ? out : undefined;
}

function readList(model: ServiceModel, shape: ShapeRef, params: Map<string, string>, prefix: string, flavour: Flavour) {
  const member = resolve(model, shape.member);
  let base = prefix;
  if (flavour === 'query' && !shape.flattened) base = `${prefix}.${shape.member?.locationName ?? 'member'}`;
  // An empty list is sent as `Foo=` in awsQuery.
  if (params.get(prefix) === '' && !hasPrefix(params, `${prefix}.`)) return [];
  const out: unknown[] = [];
  for (let i = 1; ; i++) {
    const key = `${base}.${i}`;
    if (!params.has(key) && !hasPrefix(params, `${key}.`)) break;
    out.push(readValue(model, member, params, key, flavour));
  }
  return out.length ? out : undefined;
}

function readMap(model: ServiceModel, shape: ShapeRef, params: Map<string, string>, prefix: string, flavour: Flavour) {
  const base = shape.flattened ? prefix : `${prefix}.entry`;
  const keyName = shape.key?.locationName ?? 'key';
  const valueName = shape.value?.locationName ?? 'value';
  const valueShape = resolve(model, shape.value);
  const out: Record<string, unknown> = {};
  let found = false;
  for (let i = 1; ; i++) {
    const k = params.get(`${base}.${i}.${keyName}`);
    if (k === undefined) break;
    out[k] = readValue(model, valueShape, params, `${base}.${i}.${valueName}`, flavour);
    found = true;
  }
  return found ? out : undefined;
}

function hasPrefix(params: Map<string, string>, prefix: string): boolean {
  for (const key of params.keys()) if (key.startsWith(prefix)) return true;
  return false;
}

function coerceScalar(shape: ShapeRef, raw: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
      return /^-?\d+$/.test(raw) ? Number.parseInt(raw, 10) : raw;
    case 'float':
    case 'double':
      return Number.isNaN(Number(raw)) ? raw : Number(raw);
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'timestamp':
      return parseTimestamp(raw);
    case 'blob':
      return Buffer.from(raw, 'base64');
    default:
      return raw;
  }
}

// A raw carriage return would reach the client as a line feed: XML parsers normalize line ends, so it travels as a reference.
const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\r/g, '&#xD;');

/** Writes a value as the XML members of `ref`, naming elements and list items as the model says. */
export function toXml(model: ServiceModel, ref: ShapeRef | undefined, value: unknown, flavour: Flavour): string {
  const shape = resolve(model, ref);
  if (shape.type !== 'structure' || value === null || typeof value !== 'object') return '';
  let xml = '';
  for (const [name, memberRef] of Object.entries(shape.members ?? {})) {
    const v = (value as Record<string, unknown>)[name];
    if (v === undefined || v === null) continue;
    xml += element(model, memberRef, memberRef.locationName ?? name, v, flavour);
  }
  return xml;
}

function element(model: ServiceModel, ref: ShapeRef, tag: string, value: unknown, flavour: Flavour): string {
  const shape = resolve(model, ref);
  switch (shape.type) {
    case 'structure':
      return `<${tag}>${toXml(model, shape, value, flavour)}</${tag}>`;
    case 'list': {
      if (!Array.isArray(value)) return '';
      const itemTag = shape.member?.locationName ?? (flavour === 'ec2' ? 'item' : 'member');
      if (shape.flattened) return value.map((v) => element(model, shape.member ?? {}, shape.member?.locationName ?? tag, v, flavour)).join('');
      return `<${tag}>${value.map((v) => element(model, shape.member ?? {}, itemTag, v, flavour)).join('')}</${tag}>`;
    }
    case 'map': {
      const keyTag = shape.key?.locationName ?? 'key';
      const valueTag = shape.value?.locationName ?? 'value';
      const entries = Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `<entry><${keyTag}>${escapeXml(k)}</${keyTag}>${element(model, shape.value ?? {}, valueTag, v, flavour)}</entry>`)
        .join('');
      return `<${tag}>${entries}</${tag}>`;
    }
    case 'timestamp': {
      const date = value instanceof Date ? value : parseTimestamp(value);
      return `<${tag}>${date instanceof Date ? date.toISOString() : escapeXml(String(value))}</${tag}>`;
    }
    case 'blob':
      return `<${tag}>${Buffer.from(value as Uint8Array).toString('base64')}</${tag}>`;
    default:
      return `<${tag}>${escapeXml(String(value))}</${tag}>`;
  }
}

export function xmlEscape(s: string): string {
  return escapeXml(s);
}
