import type { CloudRuntime } from '../../cloud.ts';
import type { ExecutionRecord } from '../../services/stepfunctions/store.ts';
import { isObject } from '../asl.ts';
import type { ExecutionPort, Scope } from '../frame.ts';
import { runtimeError } from '../states-error.ts';
import type { IntegrationPattern } from './task-resource.ts';

export interface IntegrationContext {
  cloud: CloudRuntime;
  /** Where the call runs: the Resource's region and account, or the execution's. */
  scope: Scope;
  execution: ExecutionRecord;
  signal: AbortSignal;
  executions: ExecutionPort;
}

/** One service integration of a Task state. */
export interface Integration {
  /** Calls the service. For `.waitForTaskToken` and `.sync` this is the submission (TaskSubmitted's output). */
  call(parameters: unknown, ctx: IntegrationContext): Promise<unknown>;
  /** For `.sync` and `.sync:2`: waits for the submitted work and returns the Task's result. */
  complete?(submitted: unknown, ctx: IntegrationContext, pattern: IntegrationPattern): Promise<unknown>;
}

/** An integration's Parameters, which must be a JSON object. */
export function parametersObject(parameters: unknown): Record<string, unknown> {
  if (!isObject(parameters)) throw runtimeError(`The Parameters of a service integration must be a JSON object, not ${JSON.stringify(parameters)}.`);
  return parameters;
}
