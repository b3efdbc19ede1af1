/**
 * Turns what the local cloud recorded during a release (API calls, Lambda invocations, execution histories)
 * into billed usage (cost-model.ts). Pure, so the counting rules are unit-tested on their own.
 */
import type { CallRecord } from '../local-cloud/cloud.ts';
import type { InvocationRecord } from '../local-cloud/lambda/invocation-log.ts';
import { NO_USAGE, type Usage } from './cost-model.ts';

/** What counting needs of a history event: its type (GetExecutionHistory's or the store's shape). */
export interface TypedEvent {
  type?: string;
}

/**
 * State transitions as Step Functions bills them: one per state entered, plus one per retry of a task (a task
 * scheduled again without being entered again).
 */
export function transitionsOf(history: readonly TypedEvent[]): number {
  let entered = 0;
  let tasksEntered = 0;
  let scheduled = 0;
  for (const { type = '' } of history) {
    if (type.endsWith('StateEntered')) {
      entered++;
      if (type === 'TaskStateEntered') tasksEntered++;
    } else if (type === 'LambdaFunctionScheduled' || type === 'TaskScheduled' || type === 'ActivityScheduled') scheduled++;
  }
  return entered + Math.max(0, scheduled - tasksEntered);
}

const PARAMETER_STORE = new Set([
  'GetParameter',
  'GetParameters',
  'GetParametersByPath',
  'GetParameterHistory',
  'PutParameter',
  'DeleteParameter',
  'DeleteParameters',
  'DescribeParameters',
  'LabelParameterVersion',
  'UnlabelParameterVersion',
]);
/** DynamoDB request units per call, for items within one unit (≤ 1 KB written, ≤ 4 KB read); transactions cost double. */
const DYNAMODB_READS: Record<string, number> = { GetItem: 1, Query: 1, Scan: 1, BatchGetItem: 1, TransactGetItems: 2 };
const DYNAMODB_WRITES: Record<string, number> = { PutItem: 1, UpdateItem: 1, DeleteItem: 1, BatchWriteItem: 1, TransactWriteItems: 2 };

/**
 * Calls Goldsmith made: its functions' SDK calls (over HTTP) and its state machines' service integrations.
 * Calls one AWS service makes to another on its own (Image Builder launching build instances, EventBridge
 * invoking a target) are AWS's, not Goldsmith's.
 */
export function isGoldsmithCall(call: CallRecord): boolean {
  return call.caller === 'client' || call.caller === 'states';
}

export interface UsageRecords {
  calls: readonly CallRecord[];
  invocations: readonly InvocationRecord[];
  histories: readonly (readonly TypedEvent[])[];
  /** Entries put on buses with PutEvents; undefined counts one per PutEvents call. */
  customEvents?: number;
}

export function usageOf(records: UsageRecords): Usage {
  const usage: Usage = { ...NO_USAGE, lambdaRequests: records.invocations.length };
  for (const invocation of records.invocations) usage.lambdaGbSeconds += (invocation.memorySizeMB / 1024) * (invocation.billedDurationMs / 1000);
  for (const history of records.histories) usage.transitions += transitionsOf(history);
  let putEventsCalls = 0;
  for (const call of records.calls) {
    if (call.caller === 'scheduler') usage.scheduleInvocations++;
    if (!isGoldsmithCall(call)) continue;
    const { service, operation } = call;
    if (service === 'lambda' && operation === 'Invoke' && call.caller === 'states') continue; // billed as a Lambda request
    if (service === 'ssm' && PARAMETER_STORE.has(operation)) usage.parameterStoreCalls++;
    else if (service === 'sns' && operation === 'Publish') usage.snsPublishes++;
    else if (service === 'dynamodb' && operation in DYNAMODB_READS) usage.dynamoDbReads += DYNAMODB_READS[operation];
    else if (service === 'dynamodb' && operation in DYNAMODB_WRITES) usage.dynamoDbWrites += DYNAMODB_WRITES[operation];
    else if (service === 'secretsmanager') usage.secretsManagerCalls++;
    else if (service === 'events' && operation === 'PutEvents') putEventsCalls++;
    else usage.freeCalls++;
  }
  usage.customEvents = records.customEvents ?? putEventsCalls;
  return usage;
}

/** Billed transitions per state name, most first: where a release's Step Functions cost goes. */
export function transitionsByState(histories: readonly (readonly TypedEvent[])[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const history of histories) {
    for (const event of history) {
      if (!event.type?.endsWith('StateEntered')) continue;
      const name = String((event as { stateEnteredEventDetails?: { name?: string } }).stateEnteredEventDetails?.name ?? '?');
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
