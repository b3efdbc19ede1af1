import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';

/** A role ARN of the right shape: the local cloud records roles, it does not assume them. */
export const ROLE = 'arn:aws:iam::123456789012:role/step-functions-test';

let counter = 0;
/** A state machine or execution name no other test uses. */
export const uniqueName = (prefix: string) => `${prefix}-${++counter}-${Date.now().toString(36)}`;

export async function createMachine(sfn: SFNClient, definition: unknown, name = uniqueName('machine')): Promise<string> {
  const created = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }));
  return created.stateMachineArn as string;
}

export async function startExecution(sfn: SFNClient, stateMachineArn: string, input: unknown = {}, name?: string): Promise<string> {
  const started = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }));
  return started.executionArn as string;
}

/** Polls in real time until `check` holds; executions move on asynchronously even on a frozen clock. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const describeOf = (sfn: SFNClient, executionArn: string) => sfn.send(new DescribeExecutionCommand({ executionArn }));

/** Waits for the execution to leave RUNNING and answers DescribeExecution. */
export function closedExecution(sfn: SFNClient, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return eventually(
    () => describeOf(sfn, executionArn),
    (d) => d.status !== 'RUNNING',
    `${executionArn} to close`,
  );
}

export async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

/** Waits until the history holds `count` events of `type`, and answers the history. */
export function historyWith(sfn: SFNClient, executionArn: string, type: string, count = 1): Promise<HistoryEvent[]> {
  return eventually(
    () => historyOf(sfn, executionArn),
    (events) => events.filter((e) => e.type === type).length >= count,
    `${count} ${type} event(s) in ${executionArn}`,
  );
}

export const typesOf = (events: HistoryEvent[]) => events.map((e) => e.type);

/** The task token a `.waitForTaskToken` task was scheduled with (its Parameters carry it as `Token`). */
export async function taskToken(sfn: SFNClient, executionArn: string, occurrence = 1): Promise<string> {
  const events = await historyWith(sfn, executionArn, 'TaskSubmitted', occurrence);
  const scheduled = events.filter((e) => e.type === 'TaskScheduled')[occurrence - 1];
  return JSON.parse(scheduled.taskScheduledEventDetails?.parameters ?? '{}').Token;
}

/** A Task that waits for its token: STS answers at once, then the task waits for SendTask*. */
export const tokenTask = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::aws-sdk:sts:getCallerIdentity.waitForTaskToken',
  Parameters: { 'Token.$': '$$.Task.Token' },
  ...extra,
});

export type ServiceError = Error & { $metadata?: { httpStatusCode?: number } };

/** The error a request was answered with (the test fails if it succeeded). */
export const rejectionOf = (request: Promise<unknown>): Promise<ServiceError> =>
  request.then(
    () => Promise.reject(new Error('expected the request to fail')),
    (error: ServiceError) => error,
  );
