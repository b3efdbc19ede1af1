import { randomUUID } from 'node:crypto';
import type { CloudRuntime } from '../../cloud.ts';
import { AwsServiceError, notImplemented } from '../../errors.ts';
import { fromJson, toJson } from '../../protocol/json.ts';
import { loadModel } from '../../protocol/model.ts';
import type { RawRequest } from '../../service.ts';
import type { Scope } from '../frame.ts';

/**
 * Calls another service's operation in-process with SDK-shaped input, as Step Functions' integrations
 * do. A service that serves its wire protocol itself (DynamoDB on dynalite) is called through it.
 */
export async function callService(
  cloud: CloudRuntime,
  signingName: string,
  operation: string,
  input: Record<string, unknown>,
  scope: Scope,
): Promise<Record<string, unknown>> {
  const definition = cloud.definition(signingName);
  if (definition?.raw && !definition.operations[operation]) return callRaw(cloud, signingName, operation, input, scope);
  return cloud.invoke(signingName, operation, input, scope, 'states');
}

async function callRaw(
  cloud: CloudRuntime,
  signingName: string,
  operation: string,
  input: Record<string, unknown>,
  scope: Scope,
): Promise<Record<string, unknown>> {
  const definition = cloud.definition(signingName);
  const model = loadModel(definition?.model ?? '');
  const op = model.operations[operation];
  const record = { at: cloud.clock.now(), service: signingName, operation, ...scope, status: 200, caller: 'states' } as Parameters<CloudRuntime['record']>[0];
  try {
    if (!definition?.raw || !op || model.metadata.protocol !== 'json') throw notImplemented(signingName, operation);
    cloud.faults.beforeOperation(signingName, operation);
    const requestId = randomUUID();
    const request: RawRequest = {
      method: 'POST',
      url: '/',
      headers: {
        'x-amz-target': `${model.metadata.targetPrefix}.${operation}`,
        'content-type': `application/x-amz-json-${model.metadata.jsonVersion ?? '1.0'}`,
        authorization: `AWS4-HMAC-SHA256 Credential=${scope.accountId}/20000101/${scope.region}/${signingName}/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: Buffer.from(JSON.stringify(toJson(model, op.input, input) ?? {})),
    };
    const response = await definition.raw(request, { ...scope, requestId, cloud });
    const body = response.body.length ? (JSON.parse(response.body.toString()) as Record<string, unknown>) : {};
    if (response.status >= 400) {
      const code = String(body.__type ?? response.headers['x-amzn-errortype'] ?? 'InternalFailure')
        .split('#')
        .pop() as string;
      throw new AwsServiceError(code, String(body.message ?? body.Message ?? ''), response.status);
    }
    return (fromJson(model, op.output, body) ?? {}) as Record<string, unknown>;
  } catch (error) {
    record.status = error instanceof AwsServiceError ? error.status : 500;
    record.error = error instanceof AwsServiceError ? error.code : String(error);
    throw error;
  } finally {
    cloud.record(record);
  }
}
