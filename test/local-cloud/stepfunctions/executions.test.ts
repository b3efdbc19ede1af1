import {
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { closedExecution, createMachine, describeOf, historyWith, rejectionOf, startExecution, typesOf } from './state-machine-fixtures.ts';

const MISSING = 'arn:aws:states:us-east-1:123456789012:execution:nothing:here';
const PASS = { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } };
const FAIL = { StartAt: 'Stop', States: { Stop: { Type: 'Fail', Error: 'ReleaseBlockedError', Cause: 'the pipeline is paused' } } };
const WAIT = { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 600, End: true } } };

describe('Step Functions: DescribeExecution', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('describes a succeeded execution with its input, output and dates', async () => {
    // Prepare
    const machine = await createMachine(sfn, PASS, 'described');
    const executionArn = await startExecution(sfn, machine, { a: 1 }, 'run-1');
    await closedExecution(sfn, executionArn);
    // Act
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    // Assess
    expect(described).toMatchObject({
      executionArn,
      stateMachineArn: machine,
      name: 'run-1',
      status: 'SUCCEEDED',
      input: '{"a":1}',
      inputDetails: { included: true },
      output: '{"a":1}',
      outputDetails: { included: true },
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    });
    expect(described.startDate?.getTime()).toBe(cloud.clock.now());
    expect(described.stopDate?.getTime()).toBe(cloud.clock.now());
  });

  it('describes a failed execution with the Fail state error and cause', async () => {
    // Prepare
    const executionArn = await startExecution(sfn, await createMachine(sfn, FAIL));
    // Act
    const described = await closedExecution(sfn, executionArn);
    // Assess
    expect(described).toMatchObject({ status: 'FAILED', error: 'ReleaseBlockedError', cause: 'the pipeline is paused' });
    expect(described.output).toBeUndefined();
  });

  it('answers ExecutionDoesNotExist for an unknown execution', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new DescribeExecutionCommand({ executionArn: MISSING })));
    // Assess
    expect(error.name).toBe('ExecutionDoesNotExist');
    expect(error.message).toBe(`Execution Does Not Exist: '${MISSING}'`);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('answers InvalidArn for a state machine ARN', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:x' })));
    // Assess
    expect(error.name).toBe('InvalidArn');
    expect(error.message).toBe("Invalid Arn: 'Resource type not valid in this context: statemachine'");
  });
});

describe('Step Functions: ListExecutions', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('lists executions newest first, filtered by status, a page at a time', async () => {
    // Prepare
    const machine = await createMachine(sfn, WAIT);
    for (const name of ['one', 'two', 'three']) {
      await startExecution(sfn, machine, {}, name);
      cloud.clock.advance(1000);
    }
    await sfn.send(new StopExecutionCommand({ executionArn: machine.replace(':stateMachine:', ':execution:').concat(':two') }));
    // Act
    const first = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, maxResults: 2 }));
    const second = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, maxResults: 2, nextToken: first.nextToken }));
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'RUNNING' }));
    // Assess
    expect(first.executions?.map((e) => e.name)).toEqual(['three', 'two']);
    expect(second.executions?.map((e) => e.name)).toEqual(['one']);
    expect(running.executions?.map((e) => e.name)).toEqual(['three', 'one']);
    expect(first.executions?.[1]).toMatchObject({ status: 'ABORTED', stateMachineArn: machine, redriveCount: 0 });
  });

  it('rejects an unknown status filter with ValidationException', async () => {
    // Prepare
    const machine = await createMachine(sfn, PASS);
    // Act
    const error = await rejectionOf(sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'succeeded' as never })));
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]",
    );
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('answers StateMachineDoesNotExist for an unknown state machine', async () => {
    // Prepare
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:nobody';
    // Act
    const error = await rejectionOf(sfn.send(new ListExecutionsCommand({ stateMachineArn: arn })));
    // Assess
    expect(error.name).toBe('StateMachineDoesNotExist');
    expect(error.message).toBe(`State Machine Does Not Exist: '${arn}'`);
  });
});

describe('Step Functions: GetExecutionHistory', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  let executionArn: string;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
    const machine = await createMachine(sfn, {
      StartAt: 'Label',
      States: {
        Label: { Type: 'Pass', Result: 'labelled', ResultPath: '$.label', Next: 'Check' },
        Check: { Type: 'Choice', Choices: [{ Variable: '$.label', StringEquals: 'labelled', Next: 'Done' }] },
        Done: { Type: 'Succeed' },
      },
    });
    executionArn = await startExecution(sfn, machine, { id: 7 });
    await closedExecution(sfn, executionArn);
  });
  afterAll(() => cloud.stop());

  it('answers the events in order with ids, previous ids, timestamps and AWS details', async () => {
    // Act
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    // Assess
    const events = history.events ?? [];
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.map((e) => e.previousEventId)).toEqual([0, 0, 2, 3, 4, 5, 6, 7]);
    expect(events.every((e) => e.timestamp?.getTime() === cloud.clock.now())).toBe(true);
    expect(events[0].executionStartedEventDetails).toEqual({
      input: '{"id":7}',
      inputDetails: { truncated: false },
      roleArn: expect.stringContaining(':role/'),
    });
    expect(events[1].stateEnteredEventDetails).toEqual({ name: 'Label', input: '{"id":7}', inputDetails: { truncated: false } });
    expect(events[2].stateExitedEventDetails).toEqual({ name: 'Label', output: '{"id":7,"label":"labelled"}', outputDetails: { truncated: false } });
    expect(events[7].executionSucceededEventDetails).toEqual({ output: '{"id":7,"label":"labelled"}', outputDetails: { truncated: false } });
  });

  it('answers the events newest first with reverseOrder, a page at a time', async () => {
    // Act
    const first = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 5 }));
    const second = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 5, nextToken: first.nextToken }));
    // Assess
    expect(first.events?.map((e) => e.id)).toEqual([8, 7, 6, 5, 4]);
    expect(second.events?.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(second.nextToken).toBeUndefined();
  });

  it('leaves out input and output when includeExecutionData is false', async () => {
    // Act
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    // Assess
    expect(history.events?.[1].stateEnteredEventDetails).toEqual({ name: 'Label', inputDetails: { truncated: false } });
    expect(history.events?.[0].executionStartedEventDetails?.input).toBeUndefined();
  });

  it('answers ExecutionDoesNotExist for an unknown execution', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new GetExecutionHistoryCommand({ executionArn: MISSING })));
    // Assess
    expect(error.name).toBe('ExecutionDoesNotExist');
    expect(error.message).toBe(`Execution Does Not Exist: '${MISSING}'`);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('serves the same history to tools through the internal API', async () => {
    // Act
    const events = cloud.runtime.services.stepfunctions.executionHistory(executionArn);
    // Assess
    expect(typesOf(events)).toEqual(typesOf((await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? []));
  });
});

describe('Step Functions: StopExecution', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('aborts a running execution with the given error and cause', async () => {
    // Prepare
    const executionArn = await startExecution(sfn, await createMachine(sfn, WAIT));
    await historyWith(sfn, executionArn, 'WaitStateEntered');
    cloud.clock.advance(30_000);
    // Act
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn, error: 'Operator.Cancelled', cause: 'superseded by r-2' }));
    // Assess
    expect(stopped.stopDate?.getTime()).toBe(cloud.clock.now());
    expect(await describeOf(sfn, executionArn)).toMatchObject({ status: 'ABORTED', error: 'Operator.Cancelled', cause: 'superseded by r-2' });
    const events = await historyWith(sfn, executionArn, 'ExecutionAborted');
    expect(events.at(-1)?.executionAbortedEventDetails).toEqual({ error: 'Operator.Cancelled', cause: 'superseded by r-2' });
    cloud.clock.advance(600_000);
    expect((await describeOf(sfn, executionArn)).status).toBe('ABORTED');
    expect(typesOf(await historyWith(sfn, executionArn, 'ExecutionAborted'))).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
  });

  it('answers ExecutionDoesNotExist for an unknown execution', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new StopExecutionCommand({ executionArn: MISSING })));
    // Assess
    expect(error.name).toBe('ExecutionDoesNotExist');
    expect(error.message).toBe(`Execution Does Not Exist: '${MISSING}'`);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('Step Functions: DescribeStateMachineForExecution', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('describes the state machine an execution runs', async () => {
    // Prepare
    const machine = await createMachine(sfn, PASS, 'for-execution');
    const executionArn = await startExecution(sfn, machine);
    // Act
    const described = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    // Assess
    expect(described).toMatchObject({ stateMachineArn: machine, name: 'for-execution', definition: JSON.stringify(PASS) });
    expect(described.updateDate?.getTime()).toBe(cloud.clock.now());
  });

  it('answers ExecutionDoesNotExist for an unknown execution', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: MISSING })));
    // Assess
    expect(error.name).toBe('ExecutionDoesNotExist');
    expect(error.message).toBe(`Execution Does Not Exist: '${MISSING}'`);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});
