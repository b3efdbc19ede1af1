import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { closedExecution, createMachine, describeOf, historyOf, historyWith, startExecution, typesOf } from './state-machine-fixtures.ts';

describe('Step Functions: states:startExecution integration', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  let child: string;
  let failingChild: string;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
    child = await createMachine(sfn, {
      StartAt: 'Hold',
      States: { Hold: { Type: 'Wait', Seconds: 300, Next: 'Done' }, Done: { Type: 'Pass', Result: { ok: true }, End: true } },
    });
    failingChild = await createMachine(sfn, { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'ChildFailedError', Cause: 'child broke' } } });
  });
  afterAll(() => cloud.stop());

  /** Waits until the child a parent submitted is holding in its Wait state. */
  const childHolding = async (executionArn: string) => {
    const submitted = (await historyWith(sfn, executionArn, 'TaskSubmitted')).find((e) => e.type === 'TaskSubmitted');
    const childArn: string = JSON.parse(submitted?.taskSubmittedEventDetails?.output ?? '').ExecutionArn;
    await historyWith(sfn, childArn, 'WaitStateEntered');
    return childArn;
  };

  const parent = (resource: string, target: string) =>
    createMachine(sfn, {
      StartAt: 'Run Child',
      States: {
        'Run Child': {
          Type: 'Task',
          Resource: resource,
          Parameters: { StateMachineArn: target, Input: { 'release.$': '$.release', 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' } },
          End: true,
        },
      },
    });

  it('starts a child and answers its ARN and start date at once', async () => {
    // Prepare
    const machine = await parent('arn:aws:states:::states:startExecution', child);
    // Act
    const executionArn = await startExecution(sfn, machine, { release: 'r-1' });
    // Assess
    const output = JSON.parse((await closedExecution(sfn, executionArn)).output ?? '');
    expect(output.ExecutionArn).toMatch(/:execution:.+:[0-9a-f-]{36}$/);
    expect(output.StartDate).toBe(cloud.clock.now());
    const childInput = JSON.parse((await describeOf(sfn, output.ExecutionArn)).input ?? '');
    expect(childInput).toEqual({ release: 'r-1', AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: executionArn });
  });

  it('waits for the child with .sync and answers its description with Output as text', async () => {
    // Prepare
    const machine = await parent('arn:aws:states:::states:startExecution.sync', child);
    const executionArn = await startExecution(sfn, machine, { release: 'r-2' });
    await childHolding(executionArn);
    // Act
    cloud.clock.advance(300_000);
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    const output = JSON.parse(closed.output ?? '');
    expect(output).toMatchObject({ Status: 'SUCCEEDED', Output: '{"ok":true}', OutputDetails: { Included: true } });
    expect(output.StopDate - output.StartDate).toBe(300_000);
    expect(typesOf(await historyOf(sfn, executionArn))).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('answers Input and Output as JSON with .sync:2', async () => {
    // Prepare
    const machine = await parent('arn:aws:states:::states:startExecution.sync:2', child);
    const executionArn = await startExecution(sfn, machine, { release: 'r-3' });
    await childHolding(executionArn);
    // Act
    cloud.clock.advance(300_000);
    // Assess
    const output = JSON.parse((await closedExecution(sfn, executionArn)).output ?? '');
    expect(output.Output).toEqual({ ok: true });
    expect(output.Input).toMatchObject({ release: 'r-3' });
  });

  it('fails the task with States.TaskFailed when the child fails', async () => {
    // Prepare
    const machine = await parent('arn:aws:states:::states:startExecution.sync:2', failingChild);
    // Act
    const executionArn = await startExecution(sfn, machine, { release: 'r-4' });
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.error).toBe('States.TaskFailed');
    expect(JSON.parse(closed.cause ?? '')).toMatchObject({ Status: 'FAILED', Error: 'ChildFailedError', Cause: 'child broke' });
  });

  it('stops a .sync child when the parent is stopped', async () => {
    // Prepare
    const machine = await parent('arn:aws:states:::states:startExecution.sync', child);
    const executionArn = await startExecution(sfn, machine, { release: 'r-5' });
    const childArn = await childHolding(executionArn);
    // Act
    await sfn.send(new StopExecutionCommand({ executionArn }));
    // Assess
    expect((await closedExecution(sfn, childArn)).status).toBe('ABORTED');
  });

  it('fails with StepFunctions.StateMachineDoesNotExistException for an unknown child', async () => {
    // Prepare
    const machine = await parent('arn:aws:states:::states:startExecution', 'arn:aws:states:us-east-1:123456789012:stateMachine:absent');
    // Act
    const executionArn = await startExecution(sfn, machine, { release: 'r-6' });
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.error).toBe('StepFunctions.StateMachineDoesNotExistException');
    expect(closed.cause).toMatch(/\(Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; /);
  });
});
