import { serveProtocol } from '../../../local-cloud/protocol/index.ts';
import type { Operation, RawRequest, RawResponse, RequestContext, ServiceDefinition } from '../../../local-cloud/service.ts';

/** A request context for operations that need no cloud: protocol tests serve fake operations. */
export const bareContext = (): RequestContext => ({ accountId: '123456789012', region: 'us-east-1', requestId: 'req-0001', cloud: undefined as never });

/** A service on a real API model whose operations are the given fakes. */
export const fakeService = (model: string, operations: Record<string, Operation>): ServiceDefinition => ({ signingName: 'fake', model, operations });

export type WireRequest = Omit<Partial<RawRequest>, 'body'> & { body?: Buffer | string };

/** Serves one raw request through the protocol layer and returns the response with its body as text. */
export async function serve(service: ServiceDefinition, request: WireRequest): Promise<RawResponse & { text: string }> {
  const raw: RawRequest = {
    method: request.method ?? 'POST',
    url: request.url ?? '/',
    headers: request.headers ?? {},
    body: Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body ?? ''),
  };
  const response = await serveProtocol(service, raw, bareContext());
  return { ...response, text: response.body.toString() };
}

/** A form-encoded awsQuery or ec2Query request body. */
export const form = (params: Record<string, string>): WireRequest => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: new URLSearchParams(params).toString(),
});

/** Records the input an operation receives and answers `output`. */
export function recorder(output: unknown = {}) {
  const calls: unknown[] = [];
  const operation: Operation = (input) => {
    calls.push(input);
    return output;
  };
  return { operation, calls };
}
