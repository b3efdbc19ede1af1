import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { closedExecution, createMachine, describeOf, historyOf, historyWith, startExecution, taskToken, tokenTask, typesOf } from './state-machine-fixtures.ts';

const HOUR = 3_600_000;

describe('Step Functions: Wait states on the simulated clock', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  const waitFor = async (wait: Record<string, unknown>, input: unknown = {}) => {
    const machine = await createMachine(sfn, { StartAt: 'Hold', States: { Hold: { Type: 'Wait', ...wait, End: true } } });
    const executionArn = await startExecution(sfn, machine, input);
    await historyWith(sfn, executionArn, 'WaitStateEntered');
    return executionArn;
  };

  it('waits one simulated hour for Seconds 3600, and advancing the clock fires it', async () => {
    // Prepare
    const executionArn = await waitFor({ Seconds: 3600 });
    const entered = cloud.clock.now();
    // Act
    cloud.clock.advance(HOUR - 1);
    const before = (await describeOf(sfn, executionArn)).status;
    cloud.clock.advance(1);
    // Assess
    expect(before).toBe('RUNNING');
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.status).toBe('SUCCEEDED');
    expect(closed.stopDate?.getTime()).toBe(entered + HOUR);
    const events = await historyOf(sfn, executionArn);
    expect(events.find((e) => e.type === 'WaitStateExited')?.timestamp?.getTime()).toBe(entered + HOUR);
  });

  it('reads the duration from SecondsPath', async () => {
    // Prepare
    const executionArn = await waitFor({ SecondsPath: '$.delay' }, { delay: 90 });
    // Act
    cloud.clock.advance(89_999);
    const before = (await describeOf(sfn, executionArn)).status;
    cloud.clock.advance(1);
    // Assess
    expect(before).toBe('RUNNING');
    expect((await closedExecution(sfn, executionArn)).status).toBe('SUCCEEDED');
  });

  it('waits until the simulated time in TimestampPath', async () => {
    // Prepare
    const until = new Date(cloud.clock.now() + 2 * HOUR).toISOString();
    const executionArn = await waitFor({ TimestampPath: '$.until' }, { until });
    // Act
    cloud.clock.advanceTo(Date.parse(until) - 1);
    const before = (await describeOf(sfn, executionArn)).status;
    cloud.clock.advance(1);
    // Assess
    expect(before).toBe('RUNNING');
    expect((await closedExecution(sfn, executionArn)).stopDate?.getTime()).toBe(Date.parse(until));
  });

  it('goes straight on for a Timestamp in the past', async () => {
    // Act
    const executionArn = await waitFor({ Timestamp: '2001-01-01T00:00:00Z' });
    // Assess
    expect((await closedExecution(sfn, executionArn)).status).toBe('SUCCEEDED');
  });

  it('fails with States.Runtime when SecondsPath does not select a number', async () => {
    // Act
    const executionArn = await waitFor({ SecondsPath: '$.delay' }, { delay: 'soon' });
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.status).toBe('FAILED');
    expect(closed.error).toBe('States.Runtime');
    expect(closed.cause).toBe(
      'An error occurred while executing the state \'Hold\' (entered at the event id #2). The SecondsPath parameter does not reference a valid integer value: "soon"',
    );
  });
});

describe('Step Functions: TimeoutSeconds on the simulated clock', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('fails a task with States.Timeout after TimeoutSeconds, which Catch can route', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Await Build',
      States: {
        'Await Build': {
          ...tokenTask({ TimeoutSeconds: 300 }),
          Catch: [
            { ErrorEquals: ['States.TaskFailed'], Next: 'Failed' },
            { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Reconcile' },
          ],
          End: true,
        },
        Failed: { Type: 'Fail', Error: 'WrongCatcher' },
        Reconcile: { Type: 'Pass', End: true },
      },
    });
    const executionArn = await startExecution(sfn, machine, { image: 'ami-1' });
    await taskToken(sfn, executionArn);
    // Act
    cloud.clock.advance(299_999);
    const before = (await describeOf(sfn, executionArn)).status;
    cloud.clock.advance(1);
    // Assess
    expect(before).toBe('RUNNING');
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.status).toBe('SUCCEEDED');
    expect(JSON.parse(closed.output ?? '')).toEqual({ image: 'ami-1', timeout: { Error: 'States.Timeout' } });
    const events = await historyOf(sfn, executionArn);
    expect(typesOf(events)).toContain('TaskTimedOut');
    expect(events.find((e) => e.type === 'TaskTimedOut')?.taskTimedOutEventDetails).toEqual({
      resourceType: 'aws-sdk:sts',
      resource: 'getCallerIdentity.waitForTaskToken',
      error: 'States.Timeout',
    });
    expect(events.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails?.timeoutInSeconds).toBe(300);
  });

  it('reads the task timeout from TimeoutSecondsPath', async () => {
    // Prepare
    const machine = await createMachine(sfn, { StartAt: 'Await', States: { Await: { ...tokenTask({ TimeoutSecondsPath: '$.limit' }), End: true } } });
    const executionArn = await startExecution(sfn, machine, { limit: 120 });
    await taskToken(sfn, executionArn);
    // Act
    cloud.clock.advance(120_000);
    // Assess
    expect(await closedExecution(sfn, executionArn)).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('times the whole execution out after the top-level TimeoutSeconds', async () => {
    // Prepare
    const machine = await createMachine(sfn, { TimeoutSeconds: 3600, StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 86_400, End: true } } });
    const executionArn = await startExecution(sfn, machine);
    await historyWith(sfn, executionArn, 'WaitStateEntered');
    // Act
    cloud.clock.advance(HOUR);
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    const events = await historyOf(sfn, executionArn);
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionTimedOut', executionTimedOutEventDetails: { error: 'States.Timeout' } });
    const change = cloud.runtime.events.findLast((e) => e.detail.executionArn === executionArn);
    expect(change?.detail.status).toBe('TIMED_OUT');
  });
});
