import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { closedExecution, createMachine, historyOf, historyWith, startExecution, taskToken, tokenTask, typesOf } from './state-machine-fixtures.ts';

describe('Step Functions: Map state', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('runs the ItemProcessor for each item with ItemSelector and collects the results in order', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Each Region',
      States: {
        'Each Region': {
          Type: 'Map',
          ItemsPath: '$.regions',
          ItemSelector: { 'region.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'ami.$': '$.ami' },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Publish',
            States: { Publish: { Type: 'Pass', Parameters: { 'parameter.$': "States.Format('/images/{}/{}', $.region, $.ami)" }, End: true } },
          },
          ResultPath: '$.published',
          End: true,
        },
      },
    });
    // Act
    const executionArn = await startExecution(sfn, machine, { ami: 'ami-9', regions: ['eu-west-1', 'us-east-1'] });
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(JSON.parse(closed.output ?? '').published).toEqual([{ parameter: '/images/eu-west-1/ami-9' }, { parameter: '/images/us-east-1/ami-9' }]);
    const events = await historyOf(sfn, executionArn);
    expect(events.find((e) => e.type === 'MapStateStarted')?.mapStateStartedEventDetails).toEqual({ length: 2 });
    expect(events.filter((e) => e.type === 'MapIterationSucceeded').map((e) => e.mapIterationSucceededEventDetails)).toEqual([
      { index: 0, name: 'Each Region' },
      { index: 1, name: 'Each Region' },
    ]);
    expect(typesOf(events).slice(-3)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('runs at most MaxConcurrency iterations at a time', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Each',
      States: {
        Each: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 60, End: true } } }, End: true },
      },
    });
    const executionArn = await startExecution(sfn, machine, [1, 2, 3]);
    await historyWith(sfn, executionArn, 'WaitStateEntered');
    // Act
    const startedBefore = (await historyOf(sfn, executionArn)).filter((e) => e.type === 'MapIterationStarted').length;
    cloud.clock.advance(60_000);
    await historyWith(sfn, executionArn, 'WaitStateEntered', 2);
    cloud.clock.advance(60_000);
    await historyWith(sfn, executionArn, 'WaitStateEntered', 3);
    cloud.clock.advance(60_000);
    // Assess
    expect(startedBefore).toBe(1);
    const closed = await closedExecution(sfn, executionArn);
    expect(JSON.parse(closed.output ?? '')).toEqual([1, 2, 3]);
    expect(closed.stopDate && closed.startDate && closed.stopDate.getTime() - closed.startDate.getTime()).toBe(180_000);
  });

  it('fails the Map with the first failing iteration and stops the others', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Kind',
            States: {
              Kind: { Type: 'Choice', Choices: [{ Variable: '$', StringEquals: 'bad', Next: 'Broken' }], Default: 'Slow' },
              Slow: { Type: 'Wait', Seconds: 600, End: true },
              Broken: { Type: 'Fail', Error: 'ItemFailedError', Cause: 'item 1 is bad' },
            },
          },
          End: true,
        },
      },
    });
    // Act
    const executionArn = await startExecution(sfn, machine, ['ok', 'bad', 'ok']);
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed).toMatchObject({ status: 'FAILED', error: 'ItemFailedError', cause: 'item 1 is bad' });
    const events = await historyOf(sfn, executionArn);
    const types = typesOf(events);
    expect(types).toContain('MapIterationFailed');
    expect(events.filter((e) => e.type === 'MapIterationAborted').map((e) => e.mapIterationAbortedEventDetails?.index)).toEqual([0, 2]);
    expect(types.filter((t) => t === 'WaitStateAborted')).toHaveLength(2);
    expect(types.slice(-2)).toEqual(['MapStateFailed', 'ExecutionFailed']);
  });
});

describe('Step Functions: Parallel state', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('runs the branches on the same input and answers their outputs in branch order', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 30, Next: 'Tag' }, Tag: { Type: 'Pass', Result: 'slow', End: true } } },
            { StartAt: 'Approve', States: { Approve: { ...tokenTask(), End: true } } },
          ],
          ResultSelector: { 'slow.$': '$[0]', 'approval.$': '$[1]' },
          End: true,
        },
      },
    });
    const executionArn = await startExecution(sfn, machine, { id: 1 });
    const token = await taskToken(sfn, executionArn);
    // Act
    cloud.clock.advance(30_000);
    await historyWith(sfn, executionArn, 'PassStateExited');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"by":"ops"}' }));
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(JSON.parse(closed.output ?? '')).toEqual({ slow: 'slow', approval: { by: 'ops' } });
    const types = typesOf(await historyOf(sfn, executionArn));
    expect(types.slice(0, 3)).toEqual(['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted']);
    expect(types.slice(-3)).toEqual(['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
  });

  it('fails with the first failing branch, stops the other and lets Catch route it', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 600, End: true } } },
            { StartAt: 'Broken', States: { Broken: { Type: 'Fail', Error: 'BranchFailedError', Cause: 'broken' } } },
          ],
          Catch: [{ ErrorEquals: ['BranchFailedError'], Next: 'Recovered' }],
          End: true,
        },
        Recovered: { Type: 'Pass', End: true },
      },
    });
    // Act
    const executionArn = await startExecution(sfn, machine);
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(JSON.parse(closed.output ?? '')).toEqual({ Error: 'BranchFailedError', Cause: 'broken' });
    const types = typesOf(await historyOf(sfn, executionArn));
    expect(types).toContain('WaitStateAborted');
    expect(types.slice(-5)).toEqual(['ParallelStateFailed', 'ParallelStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });
});
