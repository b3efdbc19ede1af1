import type { CloudRuntime } from '../../cloud.ts';
import { AwsServiceError } from '../../errors.ts';

/** An ARN's parts: `arn:partition:service:region:account:resource`. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:(aws[\w-]*):([\w-]+):([\w-]*):(\d*):(.+)$/.exec(arn);
  return m ? { partition: m[1], service: m[2], region: m[3], accountId: m[4], resource: m[5] } : undefined;
}

export const targetNotEmulated = (arn: string) =>
  new AwsServiceError(
    'NotImplementedException',
    `The local cloud does not deliver to targets like ${arn}: it delivers to Step Functions, Lambda, SNS and event buses.`,
    501,
  );

/**
 * Sends a target its input the way EventBridge's integrations call the service: Step Functions
 * StartExecution, an asynchronous Lambda Invoke, SNS Publish. Event bus targets are handled by the caller.
 */
export async function invokeServiceTarget(cloud: CloudRuntime, arn: string, input: string, caller: string): Promise<void> {
  const parsed = parseArn(arn);
  if (!parsed) throw targetNotEmulated(arn);
  const scope = { accountId: parsed.accountId, region: parsed.region };
  if (parsed.service === 'states' && parsed.resource.startsWith('stateMachine:')) {
    await cloud.invoke('states', 'StartExecution', { stateMachineArn: arn, input }, scope, caller);
  } else if (parsed.service === 'lambda' && parsed.resource.startsWith('function:')) {
    await cloud.invoke('lambda', 'Invoke', { FunctionName: arn, InvocationType: 'Event', Payload: Buffer.from(input) }, scope, caller);
  } else if (parsed.service === 'sns' && !parsed.resource.includes(':')) {
    await cloud.invoke('sns', 'Publish', { TopicArn: arn, Message: input }, scope, caller);
  } else {
    throw targetNotEmulated(arn);
  }
}

/** AWS retries throttling and server-side errors; other client errors fail at once. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof AwsServiceError)) return true;
  // A service the local cloud does not emulate will not start answering on a retry.
  if (error.code === 'NotImplementedException') return false;
  if (error.status === 429 || /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(error.code)) return true;
  return error.status >= 500;
}

export function errorParts(error: unknown): { code: string; message: string } {
  if (error instanceof AwsServiceError) return { code: error.code, message: error.message };
  return { code: 'InternalFailure', message: error instanceof Error ? error.message : String(error) };
}

/** Exponential backoff without jitter, so runs replay exactly: 1 s, 2 s, 4 s … up to 5 minutes. */
export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), 300_000);
}
