import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { closedExecution, createMachine, describeOf, historyOf, historyWith, startExecution, typesOf } from './state-machine-fixtures.ts';

const WHO_AM_I = 'arn:aws:states:::aws-sdk:sts:getCallerIdentity';

describe('Step Functions: Retry', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterEach(() => {
    cloud.setScenario({});
  });
  afterAll(() => cloud.stop());

  const scheduledTimes = async (executionArn: string) =>
    (await historyOf(sfn, executionArn)).filter((e) => e.type === 'TaskScheduled').map((e) => e.timestamp?.getTime());

  it('retries a throttled AWS call with backoff on the simulated clock, then succeeds', async () => {
    // Prepare
    cloud.setScenario({ api: [{ service: 'sts', operation: 'GetCallerIdentity', error: 'ThrottlingException', times: 2 }] });
    const machine = await createMachine(sfn, {
      StartAt: 'Who Am I',
      States: {
        'Who Am I': {
          Type: 'Task',
          Resource: WHO_AM_I,
          Retry: [{ ErrorEquals: ['Sts.StsException'], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 3 }],
          End: true,
        },
      },
    });
    const executionArn = await startExecution(sfn, machine);
    await historyWith(sfn, executionArn, 'TaskFailed');
    const start = cloud.clock.now();
    // Act
    cloud.clock.advance(9_999);
    const afterAlmostTen = (await scheduledTimes(executionArn)).length;
    cloud.clock.advance(1);
    await historyWith(sfn, executionArn, 'TaskFailed', 2);
    cloud.clock.advance(20_000);
    // Assess
    expect(afterAlmostTen).toBe(1);
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.status).toBe('SUCCEEDED');
    expect(JSON.parse(closed.output ?? '')).toMatchObject({ Account: '123456789012', Arn: expect.any(String), UserId: expect.any(String) });
    expect(await scheduledTimes(executionArn)).toEqual([start, start + 10_000, start + 30_000]);
    const failed = (await historyOf(sfn, executionArn)).find((e) => e.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails?.error).toBe('Sts.StsException');
    expect(failed?.taskFailedEventDetails?.cause).toMatch(/^Rate exceeded \(Service: Sts, Status Code: 400, Request ID: [0-9a-f-]{36}\)$/);
  });

  it('caps the interval at MaxDelaySeconds and gives up after MaxAttempts', async () => {
    // Prepare
    cloud.setScenario({ api: [{ service: 'sts', operation: 'GetCallerIdentity', error: 'ThrottlingException' }] });
    const machine = await createMachine(sfn, {
      StartAt: 'Who Am I',
      States: {
        'Who Am I': {
          Type: 'Task',
          Resource: WHO_AM_I,
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, BackoffRate: 10, MaxDelaySeconds: 30, MaxAttempts: 2 }],
          End: true,
        },
      },
    });
    const executionArn = await startExecution(sfn, machine);
    await historyWith(sfn, executionArn, 'TaskFailed');
    const start = cloud.clock.now();
    // Act
    cloud.clock.advance(10_000);
    await historyWith(sfn, executionArn, 'TaskFailed', 2);
    cloud.clock.advance(30_000);
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed).toMatchObject({ status: 'FAILED', error: 'Sts.StsException' });
    expect(await scheduledTimes(executionArn)).toEqual([start, start + 10_000, start + 40_000]);
  });

  it('does not retry States.Runtime', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Who Am I',
      States: { 'Who Am I': { Type: 'Task', Resource: WHO_AM_I, TimeoutSecondsPath: '$.missing', Retry: [{ ErrorEquals: ['States.ALL'] }], End: true } },
    });
    // Act
    const executionArn = await startExecution(sfn, machine);
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.error).toBe('States.Runtime');
    expect(typesOf(await historyOf(sfn, executionArn))).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ExecutionFailed']);
  });
});

describe('Step Functions: Catch and Fail', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('routes an AWS error to the first matching catcher with the error under ResultPath', async () => {
    // Prepare
    cloud.setScenario({ api: [{ service: 'sts', operation: 'GetCallerIdentity', error: 'AccessDenied', message: 'not allowed', status: 403, times: 1 }] });
    const machine = await createMachine(sfn, {
      StartAt: 'Who Am I',
      States: {
        'Who Am I': {
          Type: 'Task',
          Resource: WHO_AM_I,
          Catch: [
            { ErrorEquals: ['Sts.ExpiredTokenException'], Next: 'Wrong' },
            { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Handled' },
          ],
          End: true,
        },
        Wrong: { Type: 'Fail' },
        Handled: { Type: 'Pass', End: true },
      },
    });
    // Act
    const executionArn = await startExecution(sfn, machine, { release: 'r-3' });
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.status).toBe('SUCCEEDED');
    const output = JSON.parse(closed.output ?? '');
    expect(output.release).toBe('r-3');
    expect(output.error.Error).toBe('Sts.StsException');
    expect(output.error.Cause).toMatch(/^not allowed \(Service: Sts, Status Code: 403, Request ID: /);
    expect(typesOf(await historyOf(sfn, executionArn))).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('fails the execution with a Fail state that has neither Error nor Cause', async () => {
    // Prepare
    const machine = await createMachine(sfn, { StartAt: 'Stop', States: { Stop: { Type: 'Fail' } } });
    // Act
    const executionArn = await startExecution(sfn, machine);
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.status).toBe('FAILED');
    expect(closed.error).toBeUndefined();
    expect(closed.cause).toBeUndefined();
    const events = await historyOf(sfn, executionArn);
    expect(typesOf(events)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
    expect(events[2].executionFailedEventDetails).toEqual({});
  });

  it('fails with States.NoChoiceMatched when no rule matches and there is no Default', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Route',
      States: { Route: { Type: 'Choice', Choices: [{ Variable: '$.kind', StringEquals: 'image', Next: 'Done' }] }, Done: { Type: 'Succeed' } },
    });
    // Act
    const executionArn = await startExecution(sfn, machine, { kind: 'container' });
    // Assess
    expect(await closedExecution(sfn, executionArn)).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
    expect((await describeOf(sfn, executionArn)).cause).toBe('No Matches!');
  });
});
