import { randomUUID } from 'node:crypto';
import type {
  DescribeExecutionCommandInput,
  DescribeExecutionCommandOutput,
  DescribeStateMachineForExecutionCommandInput,
  DescribeStateMachineForExecutionCommandOutput,
  GetExecutionHistoryCommandInput,
  GetExecutionHistoryCommandOutput,
  ListExecutionsCommandInput,
  ListExecutionsCommandOutput,
  StartExecutionCommandInput,
  StartExecutionCommandOutput,
  StopExecutionCommandInput,
  StopExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import type { RequestContext } from '../../../service.ts';
import { executionArn } from '../arns.ts';
import { enumViolation, executionAlreadyExists, invalidExecutionInput, stateMachineTypeNotSupported, validationException } from '../errors.ts';
import { describeExecutionView, executionListItem, historyEventView } from '../execution-views.ts';
import { parseJsonText } from '../json-text.ts';
import { findExecution, findStateMachine, stateOf } from '../lookup.ts';
import { checkName } from '../names.ts';
import { pageOf, pageSize } from '../pagination.ts';
import type { ExecutionRecord } from '../store.ts';

type Output<T> = Omit<T, '$metadata'>;

const STATUSES = ['SUCCEEDED', 'TIMED_OUT', 'PENDING_REDRIVE', 'ABORTED', 'FAILED', 'RUNNING'] as const;

/**
 * Starts an execution. Names follow AWS's rules: for a Standard workflow, the same name and input
 * while that execution is RUNNING answers the same executionArn and startDate; a closed execution
 * of that name, or a different input, is ExecutionAlreadyExists.
 */
export function startExecution(input: StartExecutionCommandInput, ctx: RequestContext): Output<StartExecutionCommandOutput> {
  const machine = findStateMachine(ctx, input.stateMachineArn ?? '');
  const name = input.name ?? randomUUID();
  checkName(name);
  const text = input.input ?? '{}';
  if (text === '') throw invalidExecutionInput('Invalid execution input.');
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw invalidExecutionInput(parsed.reason);
  const arn = executionArn(machine.stateMachineArn, name, machine.type, machine.type === 'EXPRESS' ? randomUUID() : undefined);
  const existing = stateOf(ctx).executions[arn];
  if (existing) {
    if (existing.status === 'RUNNING' && sameJson(existing.input, parsed.value)) return { executionArn: arn, startDate: new Date(existing.startDate) };
    throw executionAlreadyExists(arn);
  }
  const record: ExecutionRecord = {
    executionArn: arn,
    stateMachineArn: machine.stateMachineArn,
    stateMachineName: machine.name,
    name,
    type: machine.type,
    status: 'RUNNING',
    startDate: ctx.cloud.clock.now(),
    input: text,
    ...(input.traceHeader === undefined ? {} : { traceHeader: input.traceHeader }),
    definition: machine.definition,
    roleArn: machine.roleArn,
    stateMachineUpdateDate: machine.updateDate,
    ...(machine.revisionId ? { revisionId: machine.revisionId } : {}),
    loggingConfiguration: machine.loggingConfiguration,
    tracingConfiguration: machine.tracingConfiguration,
    history: [],
  };
  stateOf(ctx).executions[arn] = record;
  ctx.cloud.services.stepfunctions.startRun(record, { accountId: ctx.accountId, region: ctx.region });
  return { executionArn: arn, startDate: new Date(record.startDate) };
}

export function describeExecution(input: DescribeExecutionCommandInput, ctx: RequestContext): Output<DescribeExecutionCommandOutput> {
  return describeExecutionView(findExecution(ctx, input.executionArn ?? ''));
}

/** Newest first, as AWS lists them. */
export function listExecutions(input: ListExecutionsCommandInput, ctx: RequestContext): Output<ListExecutionsCommandOutput> {
  const violations: string[] = [];
  if (input.statusFilter !== undefined && !STATUSES.includes(input.statusFilter)) violations.push(enumViolation(input.statusFilter, 'statusFilter', STATUSES));
  if (input.stateMachineArn === undefined && input.mapRunArn === undefined) violations.push('Must provide a StateMachine ARN or MapRun ARN');
  if (violations.length) throw validationException(violations);
  const size = pageSize(input.maxResults);
  const machine = findStateMachine(ctx, input.stateMachineArn ?? '');
  if (machine.type !== 'STANDARD') throw stateMachineTypeNotSupported();
  const executions = Object.values(stateOf(ctx).executions)
    .map((record, order) => ({ record, order }))
    .filter(({ record }) => record.stateMachineArn === machine.stateMachineArn && (!input.statusFilter || record.status === input.statusFilter))
    .sort((a, b) => b.record.startDate - a.record.startDate || b.order - a.order)
    .map(({ record }) => record);
  const { items, nextToken } = pageOf(executions, size, input.nextToken, 3096);
  return { executions: items.map(executionListItem), ...(nextToken ? { nextToken } : {}) };
}

export function getExecutionHistory(input: GetExecutionHistoryCommandInput, ctx: RequestContext): Output<GetExecutionHistoryCommandOutput> {
  const record = findExecution(ctx, input.executionArn ?? '');
  const size = pageSize(input.maxResults);
  const events = input.reverseOrder ? [...record.history].reverse() : record.history;
  const { items, nextToken } = pageOf(events, size, input.nextToken, 3096);
  return { events: items.map((event) => historyEventView(event, input.includeExecutionData ?? true)), ...(nextToken ? { nextToken } : {}) };
}

/**
 * Stops a running execution (ExecutionAborted with the given error and cause); its open task tokens
 * are no longer accepted. Stopping a closed execution changes nothing and answers its stop date.
 */
export function stopExecution(input: StopExecutionCommandInput, ctx: RequestContext): Output<StopExecutionCommandOutput> {
  const record = findExecution(ctx, input.executionArn ?? '');
  if (record.status === 'RUNNING') ctx.cloud.services.stepfunctions.stopRun(record, input.error, input.cause);
  return { stopDate: new Date(record.stopDate ?? ctx.cloud.clock.now()) };
}

export function describeStateMachineForExecution(
  input: DescribeStateMachineForExecutionCommandInput,
  ctx: RequestContext,
): Output<DescribeStateMachineForExecutionCommandOutput> {
  const record = findExecution(ctx, input.executionArn ?? '', ['execution', 'express']);
  return {
    stateMachineArn: record.stateMachineArn,
    name: record.stateMachineName,
    definition: record.definition,
    roleArn: record.roleArn,
    updateDate: new Date(record.stateMachineUpdateDate),
    loggingConfiguration: record.loggingConfiguration,
    tracingConfiguration: record.tracingConfiguration,
    ...(record.revisionId ? { revisionId: record.revisionId } : {}),
  };
}

function sameJson(text: string, value: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return JSON.stringify(canonical(JSON.parse(text))) === JSON.stringify(canonical(value));
}
