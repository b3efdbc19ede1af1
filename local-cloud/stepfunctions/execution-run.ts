import type { ClockTimer } from '../clock.ts';
import type { CloudRuntime } from '../cloud.ts';
import type { ExecutionRecord, ExecutionStatus } from '../services/stepfunctions/store.ts';
import type { AslMachine, AslState } from './asl.ts';
import { runEngineState } from './engine-states.ts';
import { runFlat } from './flat-run.ts';
import type { ExecutionPort, Frame, RunContext, Scope } from './frame.ts';
import { dataDetails, HistoryRecorder, json } from './history-recorder.ts';
import { redirectContextPaths } from './library-definition.ts';
import { RunAbortedError, reportedName, runtimeError, type StatesError, toStatesError } from './states-error.ts';
import type { TaskTokenRegistry } from './task-tokens.ts';
import { unsupportedFeature } from './unsupported-features.ts';

export interface RunDependencies {
  cloud: CloudRuntime;
  scope: Scope;
  tokens: TaskTokenRegistry;
  executions: ExecutionPort;
  /** Called once, when the execution reaches a terminal status. */
  onClosed(record: ExecutionRecord): void;
}

/**
 * One execution from start to its terminal status: the root flat machine, the execution's own
 * TimeoutSeconds on the simulated clock, StopExecution, and the closing history event. Everything
 * the run started (sleeps, task tokens, Map iterations, child `.sync` executions) stops with it.
 */
export class ExecutionRun implements RunContext {
  readonly record: ExecutionRecord;
  readonly history: HistoryRecorder;
  readonly cloud: CloudRuntime;
  readonly scope: Scope;
  readonly tokens: TaskTokenRegistry;
  readonly executions: ExecutionPort;
  private readonly onClosed: (record: ExecutionRecord) => void;
  private readonly controller = new AbortController();
  private readonly root: Frame;
  private timeout: ClockTimer | undefined;

  constructor(record: ExecutionRecord, deps: RunDependencies) {
    this.record = record;
    this.cloud = deps.cloud;
    this.scope = deps.scope;
    this.tokens = deps.tokens;
    this.executions = deps.executions;
    this.onClosed = deps.onClosed;
    this.history = new HistoryRecorder(record, deps.cloud.clock);
    const startTime = new Date(record.startDate).toISOString();
    this.root = {
      run: this,
      signal: this.controller.signal,
      // AWS chains the first state's event to 0, not to ExecutionStarted.
      lastEventId: 0,
      context: {
        Execution: {
          Id: record.executionArn,
          Name: record.name,
          RoleArn: record.roleArn,
          StartTime: startTime,
          LocalCloudStartTime: startTime,
          LocalCloudInput: JSON.parse(record.input) as unknown,
          RedriveCount: 0,
        },
        StateMachine: { Id: record.stateMachineArn, Name: record.stateMachineName },
      },
    };
  }

  get closed(): boolean {
    return this.controller.signal.aborted;
  }

  /** Records ExecutionStarted now; the states run from the next tick, once StartExecution has answered. */
  start(): void {
    this.history.add(undefined, 'ExecutionStarted', { input: this.record.input, inputDetails: dataDetails, roleArn: this.record.roleArn });
    setImmediate(() => void this.run());
  }

  runState(frame: Frame, name: string, state: AslState, input: unknown): Promise<unknown> {
    return runEngineState(frame, name, state, input);
  }

  /** StopExecution: closes the execution ABORTED; open task tokens stop being accepted. */
  stop(error?: string, cause?: string): void {
    this.close('ABORTED', 'ExecutionAborted', { ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) }, 0, { error, cause });
  }

  /** Closes the execution FAILED (also used when the local cloud restarted under a running execution). */
  failWith(failure: StatesError, previousEventId = this.root.lastEventId): void {
    this.close('FAILED', 'ExecutionFailed', { error: reportedName(failure), cause: failure.causeText }, previousEventId, {
      error: reportedName(failure),
      cause: failure.causeText,
    });
  }

  /** Stops the run without closing the execution, when the local cloud stops or resets. */
  dispose(): void {
    this.timeout?.cancel();
    this.controller.abort(new RunAbortedError());
    this.tokens.closeExecution(this.record.executionArn);
  }

  private async run(): Promise<void> {
    if (this.closed) return;
    let machine: AslMachine;
    try {
      machine = redirectContextPaths(JSON.parse(this.record.definition) as AslMachine);
    } catch {
      return this.failWith(runtimeError('The state machine definition is not valid JSON.'));
    }
    const unsupported = unsupportedFeature(machine);
    if (unsupported)
      return this.failWith(runtimeError(`The local cloud runs state machines on aws-local-stepfunctions 3.0.0, which does not support ${unsupported}.`));
    if (typeof machine.TimeoutSeconds === 'number') {
      this.timeout = this.cloud.clock.setTimeout(
        () => this.close('TIMED_OUT', 'ExecutionTimedOut', { error: 'States.Timeout' }, 0, { error: 'States.Timeout' }),
        machine.TimeoutSeconds * 1000,
      );
    }
    try {
      const output = await runFlat(machine, JSON.parse(this.record.input) as unknown, this.root);
      this.close('SUCCEEDED', 'ExecutionSucceeded', { output: json(output), outputDetails: dataDetails }, this.root.lastEventId, { output: json(output) });
    } catch (error) {
      if (!this.closed && !(error instanceof RunAbortedError)) this.failWith(toStatesError(error));
    }
  }

  private close(
    status: ExecutionStatus,
    type: string,
    details: Record<string, unknown>,
    previousEventId: number,
    result: { output?: string; error?: string; cause?: string },
  ): void {
    if (this.closed) return;
    this.history.close(type, details, previousEventId);
    Object.assign(this.record, { status, stopDate: this.cloud.clock.now() });
    for (const key of ['output', 'error', 'cause'] as const) if (result[key] !== undefined) this.record[key] = result[key];
    this.dispose();
    this.onClosed(this.record);
  }
}
