import type { Target } from '@aws-sdk/client-scheduler';
import type { CloudRuntime } from '../../cloud.ts';
import { AwsServiceError } from '../../errors.ts';
import { parseArn, targetNotEmulated } from '../events/target-invocation.ts';
import { sdkInput } from './sdk-input.ts';

/** `arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`: any API operation, with Input as its request. */
const UNIVERSAL = /^arn:aws[\w-]*:scheduler:::aws-sdk:([a-z0-9-]+):([A-Za-z0-9]+)$/;

/** SDK service names as universal targets write them, where they differ from the signing name. */
const SIGNING_NAMES: Record<string, string> = { sfn: 'states', eventbridge: 'events', cloudwatchevents: 'events' };

export interface TargetCall {
  service: string;
  operation: string;
  params: Record<string, unknown>;
  scope: { accountId: string; region: string };
}

export function isUniversalTarget(arn: string): boolean {
  return UNIVERSAL.test(arn);
}

/** Templated targets whose Input must be JSON (AWS: Lambda, Step Functions, EventBridge). */
export function requiresJsonInput(arn: string): boolean {
  const parsed = parseArn(arn);
  return !!parsed && ['lambda', 'states', 'events'].includes(parsed.service);
}

/** The API call a schedule's target makes with the given input, as EventBridge Scheduler's integrations do. */
export function targetCall(cloud: CloudRuntime, target: Target, input: string, home: { accountId: string; region: string }): TargetCall {
  const arn = target.Arn ?? '';
  const universal = UNIVERSAL.exec(arn);
  if (universal) {
    const service = SIGNING_NAMES[universal[1]] ?? universal[1];
    const operation = universal[2].charAt(0).toUpperCase() + universal[2].slice(1);
    let request: unknown;
    try {
      request = JSON.parse(input);
    } catch {
      throw new AwsServiceError('ValidationException', `The Input of universal target ${arn} is not a JSON object.`, 400);
    }
    return { service, operation, params: sdkInput(cloud, service, operation, request), scope: home };
  }
  const parsed = parseArn(arn);
  if (!parsed) throw targetNotEmulated(arn);
  const scope = { accountId: parsed.accountId, region: parsed.region };
  if (parsed.service === 'lambda' && parsed.resource.startsWith('function:'))
    return { service: 'lambda', operation: 'Invoke', params: { FunctionName: arn, InvocationType: 'Event', Payload: Buffer.from(input) }, scope };
  if (parsed.service === 'states' && parsed.resource.startsWith('stateMachine:'))
    return { service: 'states', operation: 'StartExecution', params: { stateMachineArn: arn, input }, scope };
  if (parsed.service === 'sns' && !parsed.resource.includes(':'))
    return { service: 'sns', operation: 'Publish', params: { TopicArn: arn, Message: input }, scope };
  if (parsed.service === 'events' && parsed.resource.startsWith('event-bus/')) {
    const entry = { EventBusName: arn, Source: target.EventBridgeParameters?.Source, DetailType: target.EventBridgeParameters?.DetailType, Detail: input };
    return { service: 'events', operation: 'PutEvents', params: { Entries: [entry] }, scope };
  }
  throw targetNotEmulated(arn);
}

/** Makes the call; a PutEvents entry that failed counts as a failed invocation. */
export async function invokeTarget(cloud: CloudRuntime, call: TargetCall): Promise<void> {
  const output = await cloud.invoke<{ FailedEntryCount?: number; Entries?: Array<{ ErrorCode?: string; ErrorMessage?: string }> }>(
    call.service,
    call.operation,
    call.params,
    call.scope,
    'scheduler',
  );
  if (call.operation === 'PutEvents' && call.service === 'events' && output.FailedEntryCount) {
    const failed = output.Entries?.find((e) => e.ErrorCode);
    throw new AwsServiceError(failed?.ErrorCode ?? 'InternalFailure', failed?.ErrorMessage ?? 'PutEvents failed', 400);
  }
}
