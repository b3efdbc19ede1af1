import { AwsServiceError, notImplemented } from '../errors.ts';
import type { RawRequest, RawResponse, RequestContext, ServiceDefinition } from '../service.ts';
import { fromJson, toJson } from './json.ts';
import { loadModel, type OperationModel, resolve, type ServiceModel, type ShapeRef } from './model.ts';
import { fromQuery, toXml, xmlEscape } from './query.ts';

/** A request decoded into an operation name and its SDK-shaped input. */
export interface DecodedRequest {
  operation: string;
  input: Record<string, unknown>;
}

/** Serves one request for `service` through its protocol: decode, run the operation, encode. */
export async function serveProtocol(
  service: ServiceDefinition,
  request: RawRequest,
  ctx: RequestContext,
  before?: (operation: string) => void | Promise<void>,
): Promise<RawResponse> {
  const model = loadModel(service.model);
  let operation = 'Unknown';
  try {
    const decoded = decode(model, request);
    operation = decoded.operation;
    await before?.(operation);
    const handler = service.operations[operation];
    if (!handler) throw notImplemented(model.metadata.serviceId, operation);
    const output = (await handler(decoded.input, ctx)) ?? {};
    return encode(model, model.operations[operation], output as Record<string, unknown>, ctx);
  } catch (error) {
    return encodeError(model, operation, toAwsError(error), ctx);
  }
}

/** Names the operation a request asks for, without decoding its input. */
export function operationOf(service: ServiceDefinition, request: RawRequest): string | undefined {
  try {
    return decode(loadModel(service.model), request).operation;
  } catch {
    return undefined;
  }
}

function toAwsError(error: unknown): AwsServiceError {
  if (error instanceof AwsServiceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AwsServiceError('InternalFailure', `The local cloud failed to serve the request: ${message}`, 500, { cause: error });
}

function header(request: RawRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

function decode(model: ServiceModel, request: RawRequest): DecodedRequest {
  const { protocol } = model.metadata;
  if (protocol === 'json') {
    const target = header(request, 'x-amz-target') ?? '';
    const operation = target.slice(target.indexOf('.') + 1);
    const op = model.operations[operation];
    if (!op) throw unknownOperation(model, operation || '(no X-Amz-Target)');
    const text = request.body.length ? request.body.toString('utf8') : '{}';
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected.', 400);
    }
    return { operation, input: (fromJson(model, op.input, body) ?? {}) as Record<string, unknown> };
  }
  if (protocol === 'query' || protocol === 'ec2') {
    const url = new URL(request.url, 'http://localhost');
    const params = new Map<string, string>(url.searchParams);
    const contentType = header(request, 'content-type') ?? '';
    if (request.body.length && (contentType.includes('form-urlencoded') || !contentType)) {
      for (const [k, v] of new URLSearchParams(request.body.toString('utf8'))) params.set(k, v);
    }
    const operation = params.get('Action') ?? '';
    if (!operation) throw new AwsServiceError('MissingAction', 'The request is missing an action or a required parameter.', 400);
    const op = model.operations[operation];
    if (!op) throw unknownOperation(model, operation);
    return { operation, input: fromQuery(model, op.input, params, protocol) };
  }
  return decodeRest(model, request);
}

function unknownOperation(model: ServiceModel, operation: string) {
  if (model.metadata.protocol === 'query' || model.metadata.protocol === 'ec2') {
    return new AwsServiceError('InvalidAction', `The action ${operation} is not valid for this web service.`, 400);
  }
  return new AwsServiceError('UnknownOperationException', `Unknown operation ${operation} for ${model.metadata.serviceId}.`, 400);
}

interface RestRoute {
  op: OperationModel;
  pattern: RegExp;
  params: Array<{ name: string; greedy: boolean }>;
  query: Array<[string, string | undefined]>;
  literalLength: number;
}

const routeCache = new WeakMap<ServiceModel, RestRoute[]>();

function routes(model: ServiceModel): RestRoute[] {
  let list = routeCache.get(model);
  if (list) return list;
  list = Object.values(model.operations).map((op) => {
    const [template, query = ''] = op.http.requestUri.split('?');
    // A trailing slash is optional on the wire: Lambda's model says `/2015-03-31/functions/`, the v3 SDK sends it without.
    const path = template.length > 1 ? template.replace(/\/$/, '') : template;
    const params: RestRoute['params'] = [];
    const source = path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{([^}+]+)(\+?)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        params.push({ name: m[1], greedy: m[2] === '+' });
        return m[2] ? '(.+)' : '([^/]+)';
      })
      .join('');
    const queryPairs = query
      .split('&')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string | undefined]);
    return { op, pattern: new RegExp(`^${source}/?$`), params, query: queryPairs, literalLength: path.replace(/\{[^}]+\}/g, '').length };
  });
  // Most specific first: longer literal paths win over templated ones.
  list.sort((a, b) => b.literalLength - a.literalLength || b.query.length - a.query.length);
  routeCache.set(model, list);
  return list;
}

function decodeRest(model: ServiceModel, request: RawRequest): DecodedRequest {
  const url = new URL(request.url, 'http://localhost');
  const path = url.pathname;
  for (const route of routes(model)) {
    if (route.op.http.method !== request.method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (!route.query.every(([k, v]) => (v === undefined ? url.searchParams.has(k) : url.searchParams.get(k) === v))) continue;
    const labels = new Map(route.params.map((p, i) => [p.name, decodeURIComponent(match[i + 1])]));
    return { operation: route.op.name, input: restInput(model, route.op, request, url, labels) };
  }
  throw new AwsServiceError('UnknownOperationException', `No ${model.metadata.serviceId} operation serves ${request.method} ${path}.`, 404);
}

function restInput(model: ServiceModel, op: OperationModel, request: RawRequest, url: URL, labels: Map<string, string>) {
  const shape = resolve(model, op.input);
  const input: Record<string, unknown> = {};
  const bodyMembers: Record<string, ShapeRef> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const member = resolve(model, ref);
    const wire = ref.locationName ?? name;
    switch (ref.location) {
      case 'uri':
        if (labels.has(wire)) input[name] = scalarFromString(member, labels.get(wire) as string);
        break;
      case 'querystring':
        if (member.type === 'list') {
          const all = url.searchParams.getAll(wire);
          if (all.length) input[name] = all.map((v) => scalarFromString(resolve(model, member.member), v));
        } else if (member.type === 'map') {
          const map: Record<string, string> = {};
          for (const [k, v] of url.searchParams) map[k] = v;
          input[name] = map;
        } else if (url.searchParams.has(wire)) input[name] = scalarFromString(member, url.searchParams.get(wire) as string);
        break;
      case 'header': {
        const value = header(request, wire);
        if (value !== undefined) input[name] = member.jsonvalue ? JSON.parse(Buffer.from(value, 'base64').toString('utf8')) : scalarFromString(member, value);
        break;
      }
      case 'headers': {
        const map: Record<string, string> = {};
        const prefix = wire.toLowerCase();
        for (const [k, v] of Object.entries(request.headers)) if (k.startsWith(prefix) && typeof v === 'string') map[k.slice(prefix.length)] = v;
        if (Object.keys(map).length) input[name] = map;
        break;
      }
      default:
        bodyMembers[name] = ref;
    }
  }
  if (shape.payload) {
    const payloadRef = resolve(model, shape.members?.[shape.payload]);
    if (payloadRef.type === 'blob' || payloadRef.type === 'string') {
      if (request.body.length) input[shape.payload] = payloadRef.type === 'blob' ? request.body : request.body.toString('utf8');
    } else if (request.body.length) {
      input[shape.payload] = fromJson(model, payloadRef, parseJsonBody(request.body));
    }
  } else if (request.body.length && Object.keys(bodyMembers).length) {
    const body = fromJson(model, { type: 'structure', members: bodyMembers }, parseJsonBody(request.body)) as Record<string, unknown>;
    Object.assign(input, body);
  }
  return input;
}

function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsServiceError('SerializationException', 'The request body is not valid JSON.', 400);
  }
}

function scalarFromString(shape: ShapeRef, value: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return Number(value);
    case 'boolean':
      return value === 'true';
    case 'timestamp':
      return new Date(/^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : value);
    default:
      return value;
  }
}

function encode(model: ServiceModel, op: OperationModel, output: Record<string, unknown>, ctx: RequestContext): RawResponse {
  const { protocol } = model.metadata;
  const requestId = ctx.requestId;
  if (protocol === 'json') {
    const body = JSON.stringify(toJson(model, op.output, output) ?? {});
    return { status: 200, headers: { 'content-type': `application/x-amz-json-${model.metadata.jsonVersion ?? '1.0'}`, 'x-amzn-requestid': requestId }, body };
  }
  if (protocol === 'query') {
    const wrapper = op.output?.resultWrapper ?? `${op.name}Result`;
    const ns = model.metadata.xmlNamespace ?? '';
    const inner = op.output ? `<${wrapper}>${toXml(model, op.output, output, 'query')}</${wrapper}>` : '';
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${op.name}Response xmlns="${ns}">${inner}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op.name}Response>`;
    return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
  }
  if (protocol === 'ec2') {
    const ns = `${(model.metadata.xmlNamespace ?? '').replace(/\/$/, '')}/`;
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${op.name}Response xmlns="${ns}"><requestId>${requestId}</requestId>${toXml(model, op.output, output, 'ec2')}</${op.name}Response>`;
    return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId }, body };
  }
  return encodeRest(model, op, output, requestId);
}

function encodeRest(model: ServiceModel, op: OperationModel, output: Record<string, unknown>, requestId: string): RawResponse {
  const shape = resolve(model, op.output);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
  let status = op.http.responseCode ?? 200;
  const bodyMembers: Record<string, ShapeRef> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const value = output[name];
    switch (ref.location) {
      case 'statusCode':
        if (typeof value === 'number') status = value;
        break;
      case 'header':
        if (value !== undefined && value !== null)
          headers[(ref.locationName ?? name).toLowerCase()] = value instanceof Date ? value.toUTCString() : String(value);
        break;
      case 'headers':
        for (const [k, v] of Object.entries((value as Record<string, string>) ?? {})) headers[`${(ref.locationName ?? '').toLowerCase()}${k}`] = v;
        break;
      default:
        bodyMembers[name] = ref;
    }
  }
  // A 204 has no body: Node drops the bytes but would still announce them in Content-Length.
  if (status === 204) return { status, headers, body: '' };
  if (shape.payload) {
    const payloadShape = resolve(model, shape.members?.[shape.payload]);
    const value = output[shape.payload];
    if (payloadShape.type === 'blob' || payloadShape.type === 'string') {
      headers['content-type'] = 'application/octet-stream';
      return { status, headers, body: value === undefined ? '' : Buffer.isBuffer(value) || value instanceof Uint8Array ? Buffer.from(value) : String(value) };
    }
    return { status, headers, body: JSON.stringify(toJson(model, payloadShape, value) ?? {}) };
  }
  return { status, headers, body: JSON.stringify(toJson(model, { type: 'structure', members: bodyMembers }, output) ?? {}) };
}

function encodeError(model: ServiceModel, operation: string, error: AwsServiceError, ctx: RequestContext): RawResponse {
  const { protocol } = model.metadata;
  const requestId = ctx.requestId;
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId, ...error.headers };
  if (protocol === 'query') {
    const type = error.sender ? 'Sender' : 'Receiver';
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${model.metadata.xmlNamespace ?? ''}"><Error><Type>${type}</Type><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status: error.status, headers: { ...headers, 'content-type': 'text/xml' }, body };
  }
  if (protocol === 'ec2') {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
    return { status: error.status, headers: { ...headers, 'content-type': 'text/xml;charset=UTF-8' }, body };
  }
  headers['x-amzn-errortype'] = error.code;
  const contentType = protocol === 'json' ? `application/x-amz-json-${model.metadata.jsonVersion ?? '1.0'}` : 'application/json';
  const body = protocol === 'json' ? { __type: error.code, message: error.message } : { message: error.message, Message: error.message };
  void operation;
  return { status: error.status, headers: { ...headers, 'content-type': contentType }, body: JSON.stringify(body) };
}
