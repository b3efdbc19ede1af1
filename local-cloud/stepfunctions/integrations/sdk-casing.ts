import { resolve, type ServiceModel, type ShapeRef } from '../../protocol/model.ts';

/**
 * Step Functions writes SDK parameters in PascalCase whatever the service's own casing (Image
 * Builder's members are camelCase), and answers in PascalCase. These map between the two along the
 * service's API model: a parameter matches the member with the same name, ignoring case.
 */
export function toModelInput(model: ServiceModel, ref: ShapeRef | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = resolve(model, ref);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const members = Object.entries(shape.members ?? {});
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const member = members.find(([name]) => name.toLowerCase() === key.toLowerCase());
        if (member) out[member[0]] = toModelInput(model, member[1], item);
        else out[key] = item;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((item) => toModelInput(model, shape.member, item)) : value;
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toModelInput(model, shape.value, item)]));
    }
    case 'timestamp':
      return typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : value;
    case 'blob':
      return typeof value === 'string' ? Buffer.from(value) : Buffer.from(JSON.stringify(value));
    case 'string':
      // A JSON object given for a string member (a policy, a document) is sent as its text.
      return typeof value === 'string' ? value : JSON.stringify(value);
    default:
      return value;
  }
}

/** The operation's output with every structure member in PascalCase, timestamps as ISO 8601, blobs as text. */
export function toPascalOutput(model: ServiceModel, ref: ShapeRef | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  const shape = resolve(model, ref);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const converted = toPascalOutput(model, shape.members?.[key], item);
        if (converted !== undefined) out[pascal(key)] = converted;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((item) => toPascalOutput(model, shape.member, item)) : value;
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPascalOutput(model, shape.value, item)]));
    default:
      return value;
  }
}

export const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
