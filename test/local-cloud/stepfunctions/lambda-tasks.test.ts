import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { closedExecution, createMachine, historyOf, historyWith, startExecution, typesOf } from './state-machine-fixtures.ts';

const FUNCTION_ROLE = 'arn:aws:iam::123456789012:role/lambda-for-step-functions';

/** An ESM function whose handler body is `body`; it may throw a BuildFailedError. */
const handlerModule = (body: string) =>
  zipSync({
    'index.mjs': strToU8(`class BuildFailedError extends Error { constructor(m) { super(m); this.name = 'BuildFailedError'; } }
let calls = 0;
export const handler = async (event) => { calls++; ${body} };`),
  });

describe('Step Functions: Lambda tasks', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  let functionArn: string;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sfn = new SFNClient(cloud.config());
    const lambda = new LambdaClient(cloud.config());
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'plan-release',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: FUNCTION_ROLE,
        Code: {
          ZipFile: handlerModule(
            'if (event.fail && calls <= event.fail) throw new BuildFailedError("build " + calls + " failed"); return { plan: event.pipeline, calls };',
          ),
        },
      }),
    );
    functionArn = created.FunctionArn as string;
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'slow',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: FUNCTION_ROLE,
        Code: { ZipFile: handlerModule('await new Promise((r) => setTimeout(r, 1500)); return "late";') },
      }),
    );
  }, 30_000);
  afterAll(() => cloud.stop());

  it('runs a function named by its ARN and passes its result on, with LambdaFunction events', async () => {
    // Prepare
    const machine = await createMachine(sfn, { StartAt: 'Plan', States: { Plan: { Type: 'Task', Resource: functionArn, End: true } } });
    // Act
    const executionArn = await startExecution(sfn, machine, { pipeline: 'al2023' });
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(JSON.parse(closed.output ?? '')).toMatchObject({ plan: 'al2023' });
    const events = await historyOf(sfn, executionArn);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[2].lambdaFunctionScheduledEventDetails).toEqual({
      resource: functionArn,
      input: '{"pipeline":"al2023"}',
      inputDetails: { truncated: false },
    });
  });

  it('invokes through lambda:invoke and answers the whole Invoke response', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Plan',
      States: { Plan: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'plan-release', 'Payload.$': '$' }, End: true } },
    });
    // Act
    const executionArn = await startExecution(sfn, machine, { pipeline: 'ubuntu' });
    // Assess
    const output = JSON.parse((await closedExecution(sfn, executionArn)).output ?? '');
    expect(output).toMatchObject({ ExecutedVersion: '$LATEST', StatusCode: 200, Payload: { plan: 'ubuntu' }, SdkHttpMetadata: { HttpStatusCode: 200 } });
    expect((await historyOf(sfn, executionArn)).find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      parameters: '{"FunctionName":"plan-release","Payload":{"pipeline":"ubuntu"}}',
    });
  });

  it('names a function error by its errorType, so Retry and Catch can match it', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Plan',
      States: {
        Plan: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'plan-release', 'Payload.$': '$' },
          Retry: [{ ErrorEquals: ['BuildFailedError'], IntervalSeconds: 5, MaxAttempts: 1 }],
          Catch: [{ ErrorEquals: ['BuildFailedError'], ResultPath: '$.failure', Next: 'Rejected' }],
          End: true,
        },
        Rejected: { Type: 'Pass', End: true },
      },
    });
    const executionArn = await startExecution(sfn, machine, { pipeline: 'al2023', fail: 100 });
    await historyWith(sfn, executionArn, 'TaskFailed');
    // Act
    cloud.clock.advance(5000);
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    const failure = JSON.parse(closed.output ?? '').failure;
    expect(failure.Error).toBe('BuildFailedError');
    expect(JSON.parse(failure.Cause)).toMatchObject({ errorType: 'BuildFailedError', errorMessage: expect.stringMatching(/^build \d+ failed$/) });
    expect(typesOf(await historyOf(sfn, executionArn)).filter((t) => t === 'TaskFailed')).toHaveLength(2);
  });

  it('names a Lambda service error Lambda.<Code>', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Plan',
      States: { Plan: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'no-such-function' }, End: true } },
    });
    // Act
    const executionArn = await startExecution(sfn, machine);
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.error).toBe('Lambda.ResourceNotFoundException');
    expect(closed.cause).toMatch(/\(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/);
  });

  it('times a function out after TimeoutSeconds of simulated time', async () => {
    // Prepare
    const machine = await createMachine(sfn, {
      StartAt: 'Slow',
      States: { Slow: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:slow', TimeoutSeconds: 5, End: true } },
    });
    const executionArn = await startExecution(sfn, machine);
    await historyWith(sfn, executionArn, 'LambdaFunctionStarted');
    // Act
    cloud.clock.advance(5000);
    // Assess
    const closed = await closedExecution(sfn, executionArn);
    expect(closed.error).toBe('States.Timeout');
    const events = await historyOf(sfn, executionArn);
    expect(events.at(-2)).toMatchObject({ type: 'LambdaFunctionTimedOut', lambdaFunctionTimedOutEventDetails: { error: 'States.Timeout' } });
  });
});
