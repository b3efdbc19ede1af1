import type { CloudRuntime } from '../../cloud.ts';
import { loadModel, resolve, type ServiceModel, type ShapeRef } from '../../protocol/model.ts';

/**
 * A universal target's Input is the operation's request in JSON, with the SDK's member names. Operations
 * take SDK-shaped input, so timestamps become Dates and blobs Buffers, following the service's model.
 */
export function sdkInput(cloud: CloudRuntime, service: string, operation: string, request: unknown): Record<string, unknown> {
  const uid = cloud.definition(service)?.model;
  const model = uid ? loadModel(uid) : undefined;
  const op = model?.operations[operation];
  if (!model || !op) return (request ?? {}) as Record<string, unknown>;
  return (convert(model, op.input, request) ?? {}) as Record<string, unknown>;
}

function convert(model: ServiceModel, ref: ShapeRef | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const shape = resolve(model, ref);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, member] of Object.entries(value as Record<string, unknown>)) out[key] = convert(model, shape.members?.[key], member);
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => convert(model, shape.member, v)) : value;
    case 'map':
      if (typeof value !== 'object') return value;
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, convert(model, shape.value, v)]));
    case 'timestamp':
      return typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : value;
    case 'blob':
      // Scheduler passes blob members (a Lambda Payload) as the text it was given.
      return typeof value === 'string' ? Buffer.from(value) : Buffer.from(JSON.stringify(value));
    default:
      return value;
  }
}
