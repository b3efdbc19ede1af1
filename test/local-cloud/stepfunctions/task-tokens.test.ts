import { SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { closedExecution, createMachine, describeOf, historyOf, rejectionOf, startExecution, taskToken, tokenTask, typesOf } from './state-machine-fixtures.ts';

/** Waits for an approval token, then records who approved. */
const APPROVAL = {
  StartAt: 'Await Approval',
  States: {
    'Await Approval': { ...tokenTask(), ResultPath: '$.approval', Next: 'Approved' },
    Approved: { Type: 'Pass', End: true },
  },
};

describe('Step Functions: SendTaskSuccess', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  let machine: string;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
    machine = await createMachine(sfn, APPROVAL);
  });
  afterAll(() => cloud.stop());

  it('completes a waiting task with the output the test sends', async () => {
    // Prepare
    const executionArn = await startExecution(sfn, machine, { release: 'r-1' });
    const token = await taskToken(sfn, executionArn);
    // Act
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approvedBy":"ops"}' }));
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.status).toBe('SUCCEEDED');
    expect(JSON.parse(closed.output ?? '')).toEqual({ release: 'r-1', approval: { approvedBy: 'ops' } });
    const events = await historyOf(sfn, executionArn);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[2].taskScheduledEventDetails).toMatchObject({
      resourceType: 'aws-sdk:sts',
      resource: 'getCallerIdentity.waitForTaskToken',
      region: 'us-east-1',
      parameters: JSON.stringify({ Token: token }),
    });
    expect(JSON.parse(events[4].taskSubmittedEventDetails?.output ?? '')).toMatchObject({ Account: '123456789012' });
    expect(events[5].taskSucceededEventDetails).toMatchObject({ output: '{"approvedBy":"ops"}', resourceType: 'aws-sdk:sts' });
  });

  it('rejects output that is not JSON with InvalidOutput', async () => {
    // Prepare
    const executionArn = await startExecution(sfn, machine);
    const token = await taskToken(sfn, executionArn);
    // Act
    const error = await rejectionOf(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: 'approved' })));
    // Assess
    expect(error.name).toBe('InvalidOutput');
    expect(error.message).toBe(
      "Invalid Output: 'Unrecognized token 'approved': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'",
    );
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect((await describeOf(sfn, executionArn)).status).toBe('RUNNING');
  });

  it('rejects a token Step Functions never issued with InvalidToken', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new SendTaskSuccessCommand({ taskToken: 'forged-token', output: '{}' })));
    // Assess
    expect(error.name).toBe('InvalidToken');
    expect(error.message).toBe("Invalid Token: 'Invalid token'");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects the token of a task that has closed with TaskTimedOut', async () => {
    // Prepare
    const executionArn = await startExecution(sfn, machine);
    const token = await taskToken(sfn, executionArn);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    // Act
    const error = await rejectionOf(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })));
    // Assess
    expect(error.name).toBe('TaskTimedOut');
    expect(error.message).toBe("Task Timed Out: 'Provided task does not exist anymore'");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('stops accepting the tokens of an execution that was stopped', async () => {
    // Prepare
    const executionArn = await startExecution(sfn, machine);
    const token = await taskToken(sfn, executionArn);
    await sfn.send(new StopExecutionCommand({ executionArn }));
    // Act
    const error = await rejectionOf(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })));
    // Assess
    expect(error.name).toBe('TaskTimedOut');
    expect((await describeOf(sfn, executionArn)).status).toBe('ABORTED');
  });
});

describe('Step Functions: SendTaskFailure', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('fails a waiting task with the error and cause the test sends', async () => {
    // Prepare
    const executionArn = await startExecution(sfn, await createMachine(sfn, APPROVAL));
    const token = await taskToken(sfn, executionArn);
    // Act
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'ApprovalRejectedError', cause: 'rejected by ops' }));
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed).toMatchObject({ status: 'FAILED', error: 'ApprovalRejectedError', cause: 'rejected by ops' });
    const events = await historyOf(sfn, executionArn);
    expect(typesOf(events).slice(-2)).toEqual(['TaskFailed', 'ExecutionFailed']);
    expect(events.at(-2)?.taskFailedEventDetails).toEqual({
      resourceType: 'aws-sdk:sts',
      resource: 'getCallerIdentity.waitForTaskToken',
      error: 'ApprovalRejectedError',
      cause: 'rejected by ops',
    });
  });

  it('lets Catch route the failure', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Await Approval',
      States: {
        'Await Approval': { ...tokenTask(), Catch: [{ ErrorEquals: ['ApprovalRejectedError'], ResultPath: '$.rejection', Next: 'Rejected' }], End: true },
        Rejected: { Type: 'Pass', End: true },
      },
    });
    const executionArn = await startExecution(sfn, machine, { release: 'r-2' });
    const token = await taskToken(sfn, executionArn);
    // Act
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'ApprovalRejectedError', cause: 'no' }));
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.status).toBe('SUCCEEDED');
    expect(JSON.parse(closed.output ?? '')).toEqual({ release: 'r-2', rejection: { Error: 'ApprovalRejectedError', Cause: 'no' } });
    expect(typesOf(await historyOf(sfn, executionArn)).slice(-5)).toEqual([
      'TaskFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('rejects a token Step Functions never issued with InvalidToken', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new SendTaskFailureCommand({ taskToken: 'forged-token', error: 'X' })));
    // Assess
    expect(error.name).toBe('InvalidToken');
    expect(error.message).toBe("Invalid Token: 'Invalid token'");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('Step Functions: SendTaskHeartbeat', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  let machine: string;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
    machine = await createMachine(sfn, { StartAt: 'Build', States: { Build: { ...tokenTask({ HeartbeatSeconds: 60 }), End: true } } });
  });
  afterAll(() => cloud.stop());

  it('times a task out with States.HeartbeatTimeout when no heartbeat comes within HeartbeatSeconds', async () => {
    // Prepare
    const executionArn = await startExecution(sfn, machine);
    await taskToken(sfn, executionArn);
    // Act
    cloud.clock.advance(59_999);
    const before = (await describeOf(sfn, executionArn)).status;
    cloud.clock.advance(1);
    // Assess
    expect(before).toBe('RUNNING');
    const closed = await closedExecution(sfn, executionArn);
    expect(closed).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    const events = await historyOf(sfn, executionArn);
    expect(events.at(-2)?.type).toBe('TaskTimedOut');
    expect(events.at(-2)?.taskTimedOutEventDetails).toMatchObject({ error: 'States.HeartbeatTimeout', resourceType: 'aws-sdk:sts' });
    expect(events.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails?.heartbeatInSeconds).toBe(60);
  });

  it('keeps the task alive while heartbeats come', async () => {
    // Prepare
    const executionArn = await startExecution(sfn, machine);
    const token = await taskToken(sfn, executionArn);
    // Act
    for (let beat = 0; beat < 3; beat++) {
      cloud.clock.advance(45_000);
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    }
    // Assess
    expect((await describeOf(sfn, executionArn)).status).toBe('RUNNING');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"built"' }));
    expect(await closedExecution(sfn, executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '"built"' });
  });

  it('rejects a token Step Functions never issued with InvalidToken', async () => {
    // Act
    const error = await rejectionOf(sfn.send(new SendTaskHeartbeatCommand({ taskToken: 'forged-token' })));
    // Assess
    expect(error.name).toBe('InvalidToken');
    expect(error.message).toBe("Invalid Token: 'Invalid token'");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects the token of a task that timed out with TaskTimedOut', async () => {
    // Prepare
    const executionArn = await startExecution(sfn, machine);
    const token = await taskToken(sfn, executionArn);
    cloud.clock.advance(60_000);
    await closedExecution(sfn, executionArn);
    // Act
    const error = await rejectionOf(sfn.send(new SendTaskHeartbeatCommand({ taskToken: token })));
    // Assess
    expect(error.name).toBe('TaskTimedOut');
    expect(error.message).toBe("Task Timed Out: 'Provided task does not exist anymore'");
  });
});
