import { resolve, type ServiceModel, type ShapeRef } from './model.ts';

/** Turns a JSON request body into the SDK's input shape: timestamps become Dates, blobs Buffers. */
export function fromJson(model: ServiceModel, ref: ShapeRef | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = resolve(model, ref);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      const byWireName = new Map<string, [string, ShapeRef]>();
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (!member.location) byWireName.set(member.locationName ?? name, [name, member]);
      }
      for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
        const found = byWireName.get(key);
        if (found) out[found[0]] = fromJson(model, found[1], raw);
        else out[key] = raw;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => fromJson(model, shape.member, v)) : value;
    case 'map': {
      if (typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = fromJson(model, shape.value, v);
      return out;
    }
    case 'timestamp':
      return parseTimestamp(value);
    case 'blob':
      return typeof value === 'string' ? Buffer.from(value, 'base64') : value;
    default:
      return value;
  }
}

/** Serializes an operation's plain output to the JSON AWS sends: timestamps as epoch seconds, blobs as base64. */
export function toJson(model: ServiceModel, ref: ShapeRef | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = resolve(model, ref);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      const members = shape.members ?? {};
      for (const [key, member] of Object.entries(members)) {
        if (member.location) continue;
        const v = toJson(model, member, (value as Record<string, unknown>)[key]);
        if (v !== undefined) out[member.locationName ?? key] = v;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => toJson(model, shape.member, v)) : undefined;
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJson(model, shape.value, v);
      return out;
    }
    case 'timestamp': {
      const date = value instanceof Date ? value : parseTimestamp(value);
      if (!(date instanceof Date)) return value;
      return shape.timestampFormat === 'iso8601' ? date.toISOString() : date.getTime() / 1000;
    }
    case 'blob':
      return Buffer.isBuffer(value) || value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
    default:
      return value;
  }
}

export function parseTimestamp(value: unknown): Date | unknown {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value * 1000);
  if (typeof value === 'string') {
    if (/^\d+(\.\d+)?$/.test(value)) return new Date(Number(value) * 1000);
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return value;
}
