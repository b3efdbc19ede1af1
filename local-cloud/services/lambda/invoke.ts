import type { InvokeCommandInput, InvokeCommandOutput } from '@aws-sdk/client-lambda';
import type { RequestContext } from '../../service.ts';
import { invalidRequestContent, requestTooLarge, validationFailed } from './errors.ts';
import { arnOf, locateFunction } from './function-arn.ts';

/** The SDK hands Payload out as its blob adapter; a Buffer is what this operation returns in-process and on the wire. */
type Output<T> = Omit<T, '$metadata' | 'Payload'> & { Payload?: Buffer };

/** Lambda's payload limits: 6 MB for a synchronous invocation, 1 MB for an asynchronous one. */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
export const MAX_ASYNC_PAYLOAD_BYTES = 1_048_576;

/** The last 4 KB of an invocation's log, as LogType Tail returns it. */
const TAIL_BYTES = 4096;

/**
 * Invokes a function: RequestResponse waits for the result, Event queues it (202) and DryRun only
 * checks the request (204). Other services call it in-process through `cloud.invoke('lambda', 'Invoke', …)`
 * with a Buffer payload. Resource-based policies are not enforced: any caller may invoke.
 */
export async function invoke(input: InvokeCommandInput, ctx: RequestContext): Promise<Output<InvokeCommandOutput>> {
  const locator = locateFunction(input.FunctionName, ctx, input.Qualifier || undefined);
  const invocationType = input.InvocationType ?? 'RequestResponse';
  if (!['Event', 'RequestResponse', 'DryRun'].includes(invocationType)) {
    throw validationFailed(invocationType, 'invocationType', 'Member must satisfy enum value set: [Event, RequestResponse, DryRun]');
  }
  if (input.LogType !== undefined && !['None', 'Tail'].includes(input.LogType)) {
    throw validationFailed(input.LogType, 'logType', 'Member must satisfy enum value set: [None, Tail]');
  }
  const lambda = ctx.cloud.services.lambda;
  const { fn, version } = lambda.resolve(locator);
  const payload = toBuffer(input.Payload);
  const limit = invocationType === 'Event' ? MAX_ASYNC_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES;
  if (payload.byteLength > limit) throw requestTooLarge(limit, 'Invoke');
  const event = payload.byteLength ? payload.toString('utf8') : '{}';
  try {
    JSON.parse(event);
  } catch (error) {
    throw invalidRequestContent(`Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`);
  }
  const clientContext = parseClientContext(input.ClientContext);
  if (invocationType === 'DryRun') return { StatusCode: 204 };

  const spec = lambda.specFor(locator.accountId, locator.region, fn, version);
  const request = { requestId: ctx.requestId, payload: event, invokedFunctionArn: arnOf(locator) };
  if (invocationType === 'Event') {
    lambda.invokeAsync(locator, { ...request, invocationType: 'Event' });
    return { StatusCode: 202 };
  }
  const result = await lambda.runtime.invoke(spec, { ...request, invocationType: 'RequestResponse', clientContext });
  return {
    StatusCode: 200,
    Payload: result.payload,
    FunctionError: result.functionError,
    LogResult: input.LogType === 'Tail' ? Buffer.from(result.log).subarray(-TAIL_BYTES).toString('base64') : undefined,
    ExecutedVersion: version.version,
  };
}

function toBuffer(payload: unknown): Buffer {
  if (payload === undefined || payload === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(payload)) return payload;
  if (payload instanceof Uint8Array) return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (typeof payload === 'string') return Buffer.from(payload);
  return Buffer.from(JSON.stringify(payload));
}

/** ClientContext is base64-encoded JSON of at most 3,583 bytes. */
function parseClientContext(clientContext: string | undefined): Record<string, unknown> | undefined {
  if (!clientContext) return undefined;
  if (clientContext.length > 3583) throw validationFailed(clientContext, 'clientContext', 'Member must have length less than or equal to 3583');
  try {
    const parsed = JSON.parse(Buffer.from(clientContext, 'base64').toString('utf8'));
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw invalidRequestContent('Client context must be a valid Base64-encoded JSON object.');
}
