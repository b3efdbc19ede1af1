import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { closedExecution, createMachine, describeOf, rejectionOf, uniqueName } from './state-machine-fixtures.ts';

const PASS = { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } };
const WAIT = { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 600, End: true } } };

describe('Step Functions: StartExecution', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  let passArn: string;
  let waitArn: string;
  const start = (stateMachineArn: string, input?: string, name?: string) => sfn.send(new StartExecutionCommand({ stateMachineArn, input, name }));

  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
    passArn = await createMachine(sfn, PASS, 'echo');
    waitArn = await createMachine(sfn, WAIT, 'hold');
  });
  afterAll(() => cloud.stop());

  it('starts an execution that runs to its output', async () => {
    // Act
    const started = await start(passArn, '{"release":"r-1"}', 'first');
    // Assess
    expect(started.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:echo:first');
    expect(started.startDate?.getTime()).toBe(cloud.clock.now());
    const closed = await closedExecution(sfn, started.executionArn as string);
    expect(closed).toMatchObject({ status: 'SUCCEEDED', output: '{"release":"r-1"}', input: '{"release":"r-1"}' });
  });

  it('names an execution with a UUID when no name is given, and takes {} as the default input', async () => {
    // Act
    const started = await start(passArn);
    // Assess
    expect(started.executionArn).toMatch(/:execution:echo:[0-9a-f-]{36}$/);
    expect((await describeOf(sfn, started.executionArn as string)).input).toBe('{}');
  });

  it('answers the same execution for the same name and input while it runs', async () => {
    // Prepare
    const name = uniqueName('again');
    const first = await start(waitArn, '{"a":1,"b":2}', name);
    cloud.clock.advance(5000);
    // Act
    const second = await start(waitArn, '{"b":2,"a":1}', name);
    // Assess
    expect(second.executionArn).toBe(first.executionArn);
    expect(second.startDate?.getTime()).toBe(first.startDate?.getTime());
  });

  it('rejects the same name with another input with ExecutionAlreadyExists', async () => {
    // Prepare
    const name = uniqueName('other-input');
    const first = await start(waitArn, '{"a":1}', name);
    // Act
    const error = await rejectionOf(start(waitArn, '{"a":2}', name));
    // Assess
    expect(error.name).toBe('ExecutionAlreadyExists');
    expect(error.message).toBe(`Execution Already Exists: '${first.executionArn}'`);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects the name of a closed execution with ExecutionAlreadyExists', async () => {
    // Prepare
    const name = uniqueName('closed');
    const first = await start(passArn, '{}', name);
    await closedExecution(sfn, first.executionArn as string);
    // Act
    const error = await rejectionOf(start(passArn, '{}', name));
    // Assess
    expect(error.name).toBe('ExecutionAlreadyExists');
    expect(error.message).toBe(`Execution Already Exists: '${first.executionArn}'`);
  });

  it('rejects a name longer than 80 characters with InvalidName', async () => {
    // Prepare
    const name = 'n'.repeat(81);
    // Act
    const error = await rejectionOf(start(passArn, '{}', name));
    // Assess
    expect(error.name).toBe('InvalidName');
    expect(error.message).toBe(`Invalid Name: '${name}'`);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('accepts a name of exactly 80 characters', async () => {
    // Act
    const started = await start(passArn, '{}', 'e'.repeat(80));
    // Assess
    expect(started.executionArn).toMatch(/:e{80}$/);
  });

  it('rejects a name with a forbidden character with InvalidName', async () => {
    // Act
    const error = await rejectionOf(start(passArn, '{}', 'release/42'));
    // Assess
    expect(error.name).toBe('InvalidName');
    expect(error.message).toBe("Invalid Name: 'release/42'");
  });

  it('rejects input that is not JSON with InvalidExecutionInput', async () => {
    // Act
    const error = await rejectionOf(start(passArn, 'not json'));
    // Assess
    expect(error.name).toBe('InvalidExecutionInput');
    expect(error.message).toBe(
      "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'",
    );
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects an empty input with InvalidExecutionInput', async () => {
    // Act
    const error = await rejectionOf(start(passArn, ''));
    // Assess
    expect(error.name).toBe('InvalidExecutionInput');
    expect(error.message).toBe("Invalid State Machine Execution Input: 'Invalid execution input.'");
  });

  it('answers StateMachineDoesNotExist for an unknown state machine', async () => {
    // Prepare
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:nobody';
    // Act
    const error = await rejectionOf(start(arn, '{}'));
    // Assess
    expect(error.name).toBe('StateMachineDoesNotExist');
    expect(error.message).toBe(`State Machine Does Not Exist: '${arn}'`);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('emits Step Functions Execution Status Change when the execution starts and when it closes', async () => {
    // Prepare
    const name = uniqueName('events');
    // Act
    const started = await start(passArn, '{"x":1}', name);
    await closedExecution(sfn, started.executionArn as string);
    // Assess
    const events = cloud.runtime.events.filter((e) => e.source === 'aws.states' && e.detail.executionArn === started.executionArn);
    expect(events.map((e) => e['detail-type'])).toEqual(['Step Functions Execution Status Change', 'Step Functions Execution Status Change']);
    expect(events.map((e) => e.detail.status)).toEqual(['RUNNING', 'SUCCEEDED']);
    expect(events[1]).toMatchObject({
      account: '123456789012',
      region: 'us-east-1',
      resources: [started.executionArn],
      detail: {
        stateMachineArn: passArn,
        name,
        startDate: started.startDate?.getTime(),
        stopDate: cloud.clock.now(),
        input: '{"x":1}',
        inputDetails: { included: true },
        output: '{"x":1}',
        outputDetails: { included: true },
        error: null,
        cause: null,
      },
    });
    expect(events[0].detail.stopDate).toBeNull();
  });
});
