import type { ExecutionRecord } from '../../services/stepfunctions/store.ts';
import { RunAbortedError, StatesError } from '../states-error.ts';
import type { Integration, IntegrationContext } from './integration.ts';
import { parametersObject } from './integration.ts';
import { asText, optimizedServiceError, withSdkMetadata } from './optimized-output.ts';
import { callService } from './service-call.ts';
import type { IntegrationPattern } from './task-resource.ts';

/**
 * `states:startExecution` (+ `.sync`, `.sync:2`, `.waitForTaskToken`): starts a child execution.
 * `.sync` answers the child's DescribeExecution in PascalCase with Input and Output as JSON text,
 * `.sync:2` with them as JSON; a child that does not succeed fails the Task with States.TaskFailed
 * and that description as cause. Stopping the parent stops a `.sync` child.
 */
export const startExecution: Integration = {
  async call(parameters: unknown, ctx: IntegrationContext): Promise<unknown> {
    const { StateMachineArn, Input, Name, TraceHeader } = parametersObject(parameters);
    const input: Record<string, unknown> = { stateMachineArn: StateMachineArn, input: asText(Input ?? {}) };
    if (Name !== undefined) input.name = Name;
    if (TraceHeader !== undefined) input.traceHeader = TraceHeader;
    let started: Record<string, unknown>;
    try {
      started = await callService(ctx.cloud, 'states', 'StartExecution', input, ctx.scope);
    } catch (error) {
      throw optimizedServiceError(error, 'StepFunctions', 'AWSStepFunctions');
    }
    const startDate = started.startDate instanceof Date ? started.startDate.getTime() : Number(started.startDate);
    return withSdkMetadata({ ExecutionArn: started.executionArn, StartDate: startDate }, 'application/x-amz-json-1.0', ctx.cloud.clock.now());
  },

  async complete(submitted: unknown, ctx: IntegrationContext, pattern: IntegrationPattern): Promise<unknown> {
    const executionArn = String((submitted as { ExecutionArn?: unknown }).ExecutionArn);
    const onAbort = () => ctx.executions.stop(executionArn, 'States.Aborted', 'The parent execution was stopped.');
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const child = await ctx.executions.whenClosed(executionArn);
      if (ctx.signal.aborted) throw new RunAbortedError();
      if (!child) throw new StatesError('States.TaskFailed', `Execution Does Not Exist: '${executionArn}'`);
      const described = describeForTask(child, pattern === 'sync:2');
      if (child.status !== 'SUCCEEDED') throw new StatesError('States.TaskFailed', JSON.stringify(described));
      return described;
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
    }
  },
};

function describeForTask(child: ExecutionRecord, parsed: boolean): Record<string, unknown> {
  const data = (text: string | undefined) => (parsed && text !== undefined ? parseJson(text) : text);
  const out: Record<string, unknown> = {
    ExecutionArn: child.executionArn,
    Input: data(child.input),
    InputDetails: { Included: true },
    Name: child.name,
    StartDate: child.startDate,
    StateMachineArn: child.stateMachineArn,
    Status: child.status,
    StopDate: child.stopDate,
  };
  if (child.output !== undefined) Object.assign(out, { Output: data(child.output), OutputDetails: { Included: true } });
  if (child.error !== undefined) out.Error = child.error;
  if (child.cause !== undefined) out.Cause = child.cause;
  if (child.traceHeader !== undefined) out.TraceHeader = child.traceHeader;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
