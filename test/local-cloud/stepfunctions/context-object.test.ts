import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { closedExecution, createMachine, historyOf, historyWith, startExecution } from './state-machine-fixtures.ts';

describe('Step Functions: context object', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('gives the execution its id, name, simulated start time and original input, also inside a Map', async () => {
    // Prepare
    const context = {
      'id.$': '$$.Execution.Id',
      'name.$': '$$.Execution.Name',
      'started.$': '$$.Execution.StartTime',
      'input.$': '$$.Execution.Input',
      'machine.$': '$$.StateMachine.Name',
    };
    const machine = await createMachine(
      sfn,
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemProcessor: { StartAt: 'Read', States: { Read: { Type: 'Pass', Parameters: context, End: true } } },
            End: true,
          },
        },
      },
      'context-reader',
    );
    const started = cloud.clock.now();
    // Act
    const executionArn = await startExecution(sfn, machine, { items: [1] }, 'ctx-1');
    // Assess
    const [seen] = JSON.parse((await closedExecution(sfn, executionArn)).output ?? '');
    expect(seen).toEqual({ id: executionArn, name: 'ctx-1', started: new Date(started).toISOString(), input: { items: [1] }, machine: 'context-reader' });
  });

  it('gives a Task its state name, entered time and retry count, re-evaluating Parameters on each retry', async () => {
    // Prepare
    cloud.setScenario({ api: [{ service: 'sts', operation: 'GetCallerIdentity', times: 1 }] });
    const machine = await createMachine(sfn, {
      StartAt: 'Who Am I',
      States: {
        'Who Am I': {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:sts:getCallerIdentity',
          Parameters: { 'State.$': '$$.State.Name', 'Retry.$': '$$.State.RetryCount', 'Entered.$': '$$.State.EnteredTime' },
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1 }],
          End: true,
        },
      },
    });
    const entered = new Date(cloud.clock.now()).toISOString();
    const executionArn = await startExecution(sfn, machine);
    await historyWith(sfn, executionArn, 'TaskFailed');
    // Act
    cloud.clock.advance(1000);
    // Assess
    expect((await closedExecution(sfn, executionArn)).status).toBe('SUCCEEDED');
    const parameters = (await historyOf(sfn, executionArn))
      .filter((e) => e.type === 'TaskScheduled')
      .map((e) => JSON.parse(e.taskScheduledEventDetails?.parameters ?? ''));
    expect(parameters).toEqual([
      { State: 'Who Am I', Retry: 0, Entered: entered },
      { State: 'Who Am I', Retry: 1, Entered: entered },
    ]);
    cloud.setScenario({});
  });

  it('fails at once an execution of a JSONata state machine, which the engine cannot run', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: { A: { Type: 'Pass', Output: '{% $states.input %}', End: true } },
    });
    // Act
    const executionArn = await startExecution(sfn, machine);
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'The local cloud runs state machines on aws-local-stepfunctions 3.0.0, which does not support QueryLanguage JSONata (at /).',
    });
  });
});
