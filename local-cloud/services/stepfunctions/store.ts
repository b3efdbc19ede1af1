import { RegionalStore } from '../../service.ts';

export type StateMachineType = 'STANDARD' | 'EXPRESS';
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface LoggingConfigurationRecord {
  level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  includeExecutionData: boolean;
  destinations?: Array<{ cloudWatchLogsLogGroup?: { logGroupArn?: string } }>;
}

export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  /** The definition exactly as given: AWS compares it as text for CreateStateMachine's idempotency. */
  definition: string;
  roleArn: string;
  type: StateMachineType;
  creationDate: number;
  updateDate: number;
  revisionId?: string;
  loggingConfiguration: LoggingConfigurationRecord;
  tracingConfiguration: { enabled: boolean };
  tags: Record<string, string>;
}

/** One GetExecutionHistory event: `timestamp` in epoch ms, plus one `<type>EventDetails` member. */
export interface HistoryEventRecord {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  type: StateMachineType;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  /** The input string as given to StartExecution. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  traceHeader?: string;
  /** The state machine as it was when the execution started (DescribeStateMachineForExecution). */
  definition: string;
  roleArn: string;
  stateMachineUpdateDate: number;
  revisionId?: string;
  loggingConfiguration: LoggingConfigurationRecord;
  tracingConfiguration: { enabled: boolean };
  history: HistoryEventRecord[];
}

export interface StepFunctionsState {
  stateMachines: Record<string, StateMachineRecord>;
  executions: Record<string, ExecutionRecord>;
}

/** State per account and region; clearing it (a reset) also stops the executions running in memory. */
export class StepFunctionsStore extends RegionalStore<StepFunctionsState> {
  private readonly onClear: () => void;

  constructor(onClear: () => void) {
    super(() => ({ stateMachines: {}, executions: {} }));
    this.onClear = onClear;
  }

  override clear(): void {
    this.onClear();
    super.clear();
  }
}
