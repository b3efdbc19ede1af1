import type { RequestContext } from '../../service.ts';
import { inScope, parseStatesArn } from './arns.ts';
import { executionDoesNotExist, stateMachineDoesNotExist } from './errors.ts';
import type { ExecutionRecord, StateMachineRecord, StepFunctionsState } from './store.ts';

export const stateOf = (ctx: RequestContext): StepFunctionsState => ctx.cloud.services.stepfunctions.store.get(ctx.accountId, ctx.region);

/** The caller's state machine at `arn`, or StateMachineDoesNotExist; InvalidArn for a malformed ARN. */
export function findStateMachine(ctx: RequestContext, arn: string): StateMachineRecord {
  const parsed = parseStatesArn(arn, ['stateMachine']);
  const machine = inScope(parsed, ctx.accountId, ctx.region) ? stateOf(ctx).stateMachines[arn] : undefined;
  if (!machine) throw stateMachineDoesNotExist(arn);
  return machine;
}

/**
 * The caller's execution at `arn`, or ExecutionDoesNotExist. Operations that Express workflows do not
 * support pass only `execution`, so an Express execution ARN is InvalidArn, as on AWS.
 */
export function findExecution(ctx: RequestContext, arn: string, allowed: readonly string[] = ['execution']): ExecutionRecord {
  const parsed = parseStatesArn(arn, allowed);
  const execution = inScope(parsed, ctx.accountId, ctx.region) ? stateOf(ctx).executions[arn] : undefined;
  if (!execution) throw executionDoesNotExist(arn);
  return execution;
}
