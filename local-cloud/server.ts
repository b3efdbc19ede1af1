import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudRuntime } from './cloud.ts';
import { AwsServiceError } from './errors.ts';
import { operationOf, serveProtocol } from './protocol/index.ts';
import type { RawRequest, RawResponse, RequestContext, ServiceDefinition } from './service.ts';

/** Where a request is going, read from its SigV4 credential scope. */
export interface Scope {
  accountId: string;
  region: string;
  service: string | undefined;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** JSON protocol services can also be told apart by their X-Amz-Target prefix. */
const TARGET_PREFIXES: Record<string, string> = {
  AmazonSSM: 'ssm',
  AWSEvents: 'events',
  AWSStepFunctions: 'states',
  secretsmanager: 'secretsmanager',
  DynamoDB_20120810: 'dynamodb',
};

export function scopeOf(request: RawRequest, defaultAccountId: string): Scope {
  const auth = headerValue(request, 'authorization') ?? new URL(request.url, 'http://localhost').searchParams.get('X-Amz-Credential') ?? '';
  const match = CREDENTIAL.exec(auth.includes('Credential=') ? auth : `Credential=${auth}`);
  const target = headerValue(request, 'x-amz-target');
  const service = match?.[3] ?? (target ? TARGET_PREFIXES[target.split('.')[0]] : undefined) ?? unsignedSnsService(request);
  const accessKey = match?.[1] ?? '';
  // As in LocalStack, a 12-digit access key id names the account; any other key uses the default account.
  const accountId = /^\d{12}$/.test(accessKey) ? accessKey : defaultAccountId;
  return { accountId, region: match?.[2] ?? 'us-east-1', service };
}

/** SNS's SubscribeURL and UnsubscribeURL are opened unsigned (by the subscriber or a browser); their Action names the service. */
function unsignedSnsService(request: RawRequest): string | undefined {
  const action = new URL(request.url, 'http://localhost').searchParams.get('Action');
  return action === 'ConfirmSubscription' || action === 'Unsubscribe' ? 'sns' : undefined;
}

function headerValue(request: RawRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function send(res: ServerResponse, response: RawResponse): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
  // A 204 or 304 carries no body, and HTTP forbids a Content-Length on a 204.
  if (response.status === 204 || response.status === 304) {
    res.writeHead(response.status, response.headers);
    res.end();
    return;
  }
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

/** Serves one AWS API request: route by credential scope, apply scenario faults, run the operation. */
export async function serveAws(cloud: CloudRuntime, request: RawRequest): Promise<RawResponse> {
  const scope = scopeOf(request, cloud.defaultAccountId);
  const requestId = randomUUID();
  const definition: ServiceDefinition | undefined = scope.service ? cloud.definition(scope.service) : undefined;
  if (!definition) {
    const body = JSON.stringify({
      __type: 'UnknownServiceException',
      message: scope.service
        ? `The local cloud does not serve the service '${scope.service}'. See local-cloud/COVERAGE.md for the services it serves.`
        : 'The request has no SigV4 Authorization header naming a service. Sign requests with any credentials, e.g. AWS_ACCESS_KEY_ID=test.',
    });
    return { status: 400, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body };
  }
  const ctx: RequestContext = { accountId: scope.accountId, region: scope.region, requestId, cloud };
  const started = cloud.clock.now();
  let operation = 'Unknown';
  const before = (op: string) => {
    operation = op;
    cloud.faults.beforeOperation(definition.signingName, op);
  };
  let response: RawResponse;
  if (definition.raw) {
    operation = operationOf(definition, request) ?? 'Unknown';
    try {
      cloud.faults.beforeOperation(definition.signingName, operation);
      response = await definition.raw(request, ctx);
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      response = {
        status: error.status,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
        body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${error.code}`, message: error.message }),
      };
    }
  } else {
    response = await serveProtocol(definition, request, ctx, before);
  }
  cloud.record({
    at: started,
    service: definition.signingName,
    operation,
    accountId: scope.accountId,
    region: scope.region,
    status: response.status,
    error: response.status >= 400 ? (response.headers['x-amzn-errortype'] ?? errorCodeFromXml(response.body)) : undefined,
    caller: 'client',
  });
  return response;
}

function errorCodeFromXml(body: Buffer | string): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(body.toString())?.[1];
}
