import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { CloudRuntime } from '../../cloud.ts';
import type { ServiceDefinition } from '../../service.ts';
import { ExecutionRun } from '../../stepfunctions/execution-run.ts';
import type { ExecutionPort, Scope } from '../../stepfunctions/frame.ts';
import { runtimeError } from '../../stepfunctions/states-error.ts';
import { TaskTokenRegistry } from '../../stepfunctions/task-tokens.ts';
import { historyEventView } from './execution-views.ts';
import {
  describeExecution,
  describeStateMachineForExecution,
  getExecutionHistory,
  listExecutions,
  startExecution,
  stopExecution,
} from './operations/executions.ts';
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  listStateMachines,
  updateStateMachine,
  validateStateMachineDefinition,
} from './operations/state-machines.ts';
import { listTagsForResource, tagResource, untagResource } from './operations/tags.ts';
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from './operations/task-callbacks.ts';
import { emitStatusChange } from './status-change-event.ts';
import type { ExecutionRecord } from './store.ts';
import { StepFunctionsStore } from './store.ts';

/** Why an execution that was RUNNING when the local cloud stopped is FAILED after it restarts. */
export const RESTART_CAUSE =
  'The local cloud restarted while this execution was running. aws-local-stepfunctions cannot resume an execution part-way, so the local cloud failed it; start a new execution.';

/**
 * Step Functions: state machines, executions run by aws-local-stepfunctions on the simulated clock
 * (see local-cloud/stepfunctions/), task tokens, execution history and status change events.
 */
export class StepFunctionsService {
  readonly definition: ServiceDefinition;
  readonly store: StepFunctionsStore;
  readonly tokens: TaskTokenRegistry;
  private readonly cloud: CloudRuntime;
  private readonly runs = new Map<string, ExecutionRun>();
  private readonly waiters = new Map<string, Array<(record: ExecutionRecord) => void>>();
  private readonly port: ExecutionPort;

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.tokens = new TaskTokenRegistry(cloud.clock);
    this.store = new StepFunctionsStore(() => this.disposeRuns());
    this.port = {
      whenClosed: (arn) => this.whenExecutionClosed(arn),
      stop: (arn, error, cause) => {
        const run = this.runs.get(arn);
        run?.stop(error, cause);
      },
    };
    this.definition = {
      signingName: 'states',
      model: 'states-2016-11-23',
      operations: {
        CreateStateMachine: createStateMachine,
        DescribeStateMachine: describeStateMachine,
        ListStateMachines: listStateMachines,
        UpdateStateMachine: updateStateMachine,
        DeleteStateMachine: deleteStateMachine,
        ValidateStateMachineDefinition: validateStateMachineDefinition,
        StartExecution: startExecution,
        DescribeExecution: describeExecution,
        ListExecutions: listExecutions,
        GetExecutionHistory: getExecutionHistory,
        StopExecution: stopExecution,
        DescribeStateMachineForExecution: describeStateMachineForExecution,
        SendTaskSuccess: sendTaskSuccess,
        SendTaskFailure: sendTaskFailure,
        SendTaskHeartbeat: sendTaskHeartbeat,
        ListTagsForResource: listTagsForResource,
        TagResource: tagResource,
        UntagResource: untagResource,
      },
    };
  }

  /** Starts running a stored RUNNING execution (StartExecution has stored it). */
  startRun(record: ExecutionRecord, scope: Scope): void {
    const run = this.newRun(record, scope);
    run.start();
    emitStatusChange(this.cloud, record, scope);
  }

  stopRun(record: ExecutionRecord, error?: string, cause?: string): void {
    this.runs.get(record.executionArn)?.stop(error, cause);
  }

  /**
   * Internal API for tools: resolves with the execution once it is closed (at once if it already is;
   * undefined if no such execution exists).
   */
  whenExecutionClosed(executionArn: string): Promise<ExecutionRecord | undefined> {
    const record = this.findRecord(executionArn);
    if (record?.status !== 'RUNNING') return Promise.resolve(record);
    return new Promise((resolve) => {
      const list = this.waiters.get(executionArn) ?? [];
      list.push(resolve);
      this.waiters.set(executionArn, list);
    });
  }

  /** Internal API for tools: an execution's history events in order, as GetExecutionHistory shapes them. */
  executionHistory(executionArn: string): HistoryEvent[] {
    return (this.findRecord(executionArn)?.history ?? []).map((event) => historyEventView(event));
  }

  /**
   * After a restore from disk: aws-local-stepfunctions keeps an execution's progress in memory only,
   * so an execution still RUNNING cannot be resumed. It is closed FAILED (States.Runtime, with
   * RESTART_CAUSE) with an ExecutionFailed history event and a status change event, and logged.
   */
  resume(): void {
    for (const { accountId, region, state } of this.store.entries()) {
      for (const record of Object.values(state.executions)) {
        if (record.status !== 'RUNNING' || this.runs.has(record.executionArn)) continue;
        this.cloud.log(`stepfunctions: failing execution ${record.executionArn}: it was running when the local cloud stopped`);
        this.newRun(record, { accountId, region }).failWith(runtimeError(RESTART_CAUSE), record.history.length);
      }
    }
  }

  async stop(): Promise<void> {
    this.disposeRuns();
  }

  private newRun(record: ExecutionRecord, scope: Scope): ExecutionRun {
    const run = new ExecutionRun(record, {
      cloud: this.cloud,
      scope,
      tokens: this.tokens,
      executions: this.port,
      onClosed: (closed) => this.closed(closed, scope),
    });
    this.runs.set(record.executionArn, run);
    return run;
  }

  private closed(record: ExecutionRecord, scope: Scope): void {
    this.runs.delete(record.executionArn);
    emitStatusChange(this.cloud, record, scope);
    const waiting = this.waiters.get(record.executionArn) ?? [];
    this.waiters.delete(record.executionArn);
    for (const resolve of waiting) resolve(record);
  }

  /** Stops every run in memory without closing its execution (the cloud is stopping or resetting). */
  private disposeRuns(): void {
    for (const run of this.runs.values()) run.dispose();
    this.runs.clear();
    this.tokens.clear();
    for (const [arn, waiting] of this.waiters) for (const resolve of waiting) resolve(this.findRecord(arn) as ExecutionRecord);
    this.waiters.clear();
  }

  private findRecord(executionArn: string): ExecutionRecord | undefined {
    const [, , , region, accountId] = executionArn.split(':');
    return this.store.entries().find((entry) => entry.accountId === accountId && entry.region === region)?.state.executions[executionArn];
  }
}
