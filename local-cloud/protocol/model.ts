import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A shape or member reference as written in the aws-sdk v2 API model files. */
export interface ShapeRef {
  shape?: string;
  type?: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'timestamp' | 'blob';
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  required?: string[];
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  queryName?: string;
  flattened?: boolean;
  payload?: string;
  resultWrapper?: string;
  timestampFormat?: 'iso8601' | 'unixTimestamp' | 'rfc822';
  jsonvalue?: boolean;
  idempotencyToken?: boolean;
  xmlAttribute?: boolean;
  enum?: string[];
}

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: ShapeRef;
  output?: ShapeRef;
}

export interface ServiceModel {
  metadata: {
    protocol: 'json' | 'rest-json' | 'query' | 'ec2';
    jsonVersion?: string;
    targetPrefix?: string;
    xmlNamespace?: string;
    endpointPrefix: string;
    signingName?: string;
    apiVersion: string;
    serviceId: string;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, ShapeRef>;
}

const cache = new Map<string, ServiceModel>();

/** Loads a published API model (the files the v2 `aws-sdk` package ships under `apis/`). */
export function loadModel(uid: string): ServiceModel {
  let model = cache.get(uid);
  if (!model) {
    const raw = require(`aws-sdk/apis/${uid}.min.json`) as {
      metadata: ServiceModel['metadata'];
      operations: Record<string, Omit<OperationModel, 'name'> & { http?: OperationModel['http'] }>;
      shapes: Record<string, ShapeRef>;
    };
    const operations: Record<string, OperationModel> = {};
    for (const [name, op] of Object.entries(raw.operations)) {
      operations[name] = {
        ...op,
        name,
        http: { method: op.http?.method ?? 'POST', requestUri: op.http?.requestUri ?? '/', responseCode: op.http?.responseCode },
      };
    }
    model = { metadata: raw.metadata, operations, shapes: raw.shapes };
    cache.set(uid, model);
  }
  return model;
}

/** Follows a `shape` reference; the member's own traits (locationName, location, …) win over the target's. */
export function resolve(model: ServiceModel, ref: ShapeRef | undefined): ShapeRef {
  if (!ref) return { type: 'structure', members: {} };
  if (!ref.shape) return { type: ref.type ?? (ref.members ? 'structure' : 'string'), ...ref };
  const target = resolve(model, model.shapes[ref.shape]);
  const { shape: _shape, ...own } = ref;
  // A list's or structure's own locationName belongs to the member, not the target shape.
  return { ...target, ...own, type: target.type };
}
