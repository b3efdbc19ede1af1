import { randomUUID } from 'node:crypto';
import type { CloudRuntime } from '../../cloud.ts';
import { AwsServiceError } from '../../errors.ts';
import { isObject } from '../asl.ts';
import type { Scope } from '../frame.ts';
import { StatesError } from '../states-error.ts';
import { type IntegrationContext, parametersObject } from './integration.ts';
import { withSdkMetadata } from './optimized-output.ts';

export interface InvokeResult {
  statusCode: number;
  executedVersion: string;
  /** The function's response, parsed as JSON when it is JSON. */
  payload: unknown;
  logResult?: string;
}

/**
 * Invokes a function through the Lambda service. A function error becomes a StatesError named by the
 * payload's errorType (`BuildFailedError`), with the payload as cause; a Lambda service error
 * becomes `Lambda.<Code>`, described as Step Functions describes it.
 */
export async function invokeFunction(cloud: CloudRuntime, scope: Scope, request: Record<string, unknown>): Promise<InvokeResult> {
  let response: Record<string, unknown>;
  try {
    response = await cloud.invoke('lambda', 'Invoke', request, scope, 'states');
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw new StatesError('States.TaskFailed', error instanceof Error ? error.message : String(error));
    const details = `Service: AWSLambda; Status Code: ${error.status}; Error Code: ${error.code}; Request ID: ${randomUUID()}; Proxy: null`;
    throw new StatesError(`Lambda.${error.code}`, `${error.message} (${details})`);
  }
  const text = payloadText(response.Payload);
  const payload = parsePayload(text);
  if (response.FunctionError) {
    const errorType = isObject(payload) && typeof payload.errorType === 'string' ? payload.errorType : String(response.FunctionError);
    throw new StatesError(errorType, isObject(payload) ? JSON.stringify(payload) : text);
  }
  return {
    statusCode: Number(response.StatusCode ?? 200),
    executedVersion: String(response.ExecutedVersion ?? '$LATEST'),
    payload,
    logResult: typeof response.LogResult === 'string' ? response.LogResult : undefined,
  };
}

/** `arn:aws:states:::lambda:invoke`: answers the whole Invoke response, as AWS does. */
export async function lambdaInvoke(parameters: unknown, ctx: IntegrationContext): Promise<unknown> {
  const { FunctionName, Payload, InvocationType, Qualifier, ClientContext, LogType } = parametersObject(parameters);
  const request: Record<string, unknown> = { FunctionName, Payload: Buffer.from(payloadJson(Payload)) };
  if (InvocationType !== undefined) request.InvocationType = InvocationType;
  if (Qualifier !== undefined) request.Qualifier = Qualifier;
  if (ClientContext !== undefined) request.ClientContext = ClientContext;
  if (LogType !== undefined) request.LogType = LogType;
  const result = await invokeFunction(ctx.cloud, ctx.scope, request);
  const output: Record<string, unknown> = { ExecutedVersion: result.executedVersion, Payload: result.payload, StatusCode: result.statusCode };
  if (result.logResult) output.LogResult = result.logResult;
  if (InvocationType === 'Event') delete output.Payload;
  return withSdkMetadata(output, 'application/json', ctx.cloud.clock.now());
}

/** A string Payload that is JSON goes as it is; anything else is sent as its JSON text. */
function payloadJson(payload: unknown): string {
  if (payload === undefined) return '{}';
  if (typeof payload === 'string') {
    try {
      JSON.parse(payload);
      return payload;
    } catch {
      return JSON.stringify(payload);
    }
  }
  return JSON.stringify(payload);
}

function payloadText(payload: unknown): string {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array) return Buffer.from(payload).toString('utf8');
  return JSON.stringify(payload);
}

function parsePayload(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
