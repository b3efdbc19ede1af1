import type { DescribeExecutionCommandOutput, ExecutionListItem, HistoryEvent } from '@aws-sdk/client-sfn';
import type { ExecutionRecord, HistoryEventRecord } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

/** Redrive is not emulated; these are the values AWS reports for executions never redriven. */
export function redriveStatus(record: ExecutionRecord): { redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE'; redriveStatusReason?: string } {
  if (record.status === 'RUNNING' || record.status === 'SUCCEEDED')
    return { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: `Execution is ${record.status} and cannot be redriven` };
  return { redriveStatus: 'REDRIVABLE' };
}

export function describeExecutionView(record: ExecutionRecord): Output<DescribeExecutionCommandOutput> {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: new Date(record.startDate),
    ...(record.stopDate === undefined ? {} : { stopDate: new Date(record.stopDate) }),
    input: record.input,
    inputDetails: { included: true },
    ...(record.output === undefined ? {} : { output: record.output, outputDetails: { included: true } }),
    ...(record.error === undefined ? {} : { error: record.error }),
    ...(record.cause === undefined ? {} : { cause: record.cause }),
    ...(record.traceHeader === undefined ? {} : { traceHeader: record.traceHeader }),
    redriveCount: 0,
    ...redriveStatus(record),
  };
}

export function executionListItem(record: ExecutionRecord): ExecutionListItem {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: new Date(record.startDate),
    ...(record.stopDate === undefined ? {} : { stopDate: new Date(record.stopDate) }),
    redriveCount: 0,
  };
}

const DATA_FIELDS = new Set(['input', 'output', 'parameters']);

/** A stored history event as the API returns it; without input, output and parameters when execution data is excluded. */
export function historyEventView(event: HistoryEventRecord, includeExecutionData = true): HistoryEvent {
  const view: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key === 'timestamp') view.timestamp = new Date(value as number);
    else if (includeExecutionData || typeof value !== 'object' || value === null) view[key] = value;
    else view[key] = Object.fromEntries(Object.entries(value).filter(([field]) => !DATA_FIELDS.has(field)));
  }
  return view as unknown as HistoryEvent;
}
