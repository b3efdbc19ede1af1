import type { CloudRuntime } from '../cloud.ts';
import type { ExecutionRecord } from '../services/stepfunctions/store.ts';
import type { AslState } from './asl.ts';
import type { HistoryRecorder, Strand } from './history-recorder.ts';
import type { TaskTokenRegistry } from './task-tokens.ts';

export interface Scope {
  accountId: string;
  region: string;
}

/** What the engine needs from the Step Functions service about other executions (`states:startExecution.sync`). */
export interface ExecutionPort {
  /** Resolves with the execution once it is closed (undefined if it does not exist). */
  whenClosed(executionArn: string): Promise<ExecutionRecord | undefined>;
  stop(executionArn: string, error?: string, cause?: string): void;
}

/** One running execution, as the states inside it see it. */
export interface RunContext {
  readonly cloud: CloudRuntime;
  readonly scope: Scope;
  readonly record: ExecutionRecord;
  readonly history: HistoryRecorder;
  readonly tokens: TaskTokenRegistry;
  readonly executions: ExecutionPort;
  /** Runs a Task, Wait, Map or Parallel state for the library (see library-definition.ts). */
  runState(frame: Frame, name: string, state: AslState, input: unknown): Promise<unknown>;
}

/** One flat machine being run by the library: the root, a Map iteration or a Parallel branch. */
export interface Frame extends Strand {
  readonly run: RunContext;
  /** Aborted when the execution closes, or when a sibling iteration or branch fails. */
  readonly signal: AbortSignal;
  /** The state the strand is in, for `<Type>StateAborted` and the States.Runtime cause. */
  current?: { name: string; type: string; enteredEventId: number };
  /** The AWS context object the library evaluates `$$` paths against. */
  readonly context: Record<string, unknown>;
}

/** A frame for a Map iteration or Parallel branch, starting its strand from the parent's last event. */
export function childFrame(parent: Frame, signal: AbortSignal, lastEventId = parent.lastEventId): Frame {
  return { run: parent.run, signal, lastEventId, context: parent.context };
}

/** The context object for evaluating a state's own fields: the execution's, plus `$$.State`. */
export function stateContext(frame: Frame, name: string, retryCount: number): Record<string, unknown> {
  const entered = frame.current?.enteredEventId ? frame.run.record.history[frame.current.enteredEventId - 1]?.timestamp : undefined;
  const enteredTime = new Date(entered ?? frame.run.cloud.clock.now()).toISOString();
  return { ...frame.context, State: { Name: name, EnteredTime: enteredTime, RetryCount: retryCount } };
}
