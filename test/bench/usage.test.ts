import { describe, expect, it } from 'vitest';
import { transitionsByState, transitionsOf, usageOf } from '../../bench/usage.ts';
import type { CallRecord } from '../../local-cloud/cloud.ts';
import type { InvocationRecord } from '../../local-cloud/lambda/invocation-log.ts';

const call = (service: string, operation: string, caller = 'client'): CallRecord => ({
  at: 0,
  service,
  operation,
  caller,
  accountId: '123456789012',
  region: 'eu-central-1',
  status: 200,
});

const invocation = (memorySizeMB: number, billedDurationMs: number) => ({ memorySizeMB, billedDurationMs }) as InvocationRecord;

describe('Bench: usage', () => {
  it('counts one transition per state entered', () => {
    // Prepare
    const history = [
      { type: 'ExecutionStarted' },
      { type: 'PassStateEntered' },
      { type: 'PassStateExited' },
      { type: 'ChoiceStateEntered' },
      { type: 'SucceedStateEntered' },
    ];
    // Act
    const transitions = transitionsOf(history);
    // Assess
    expect(transitions).toBe(3);
  });

  it('counts a task retried twice as three transitions', () => {
    // Prepare
    const history = [
      { type: 'TaskStateEntered' },
      { type: 'LambdaFunctionScheduled' },
      { type: 'LambdaFunctionFailed' },
      { type: 'LambdaFunctionScheduled' },
      { type: 'LambdaFunctionFailed' },
      { type: 'LambdaFunctionScheduled' },
      { type: 'LambdaFunctionSucceeded' },
      { type: 'TaskStateExited' },
    ];
    // Act
    const transitions = transitionsOf(history);
    // Assess
    expect(transitions).toBe(3);
  });

  it("classifies Goldsmith's calls and leaves out AWS's own", () => {
    // Prepare
    const calls = [
      call('ssm', 'GetParameter'),
      call('ssm', 'SendCommand'),
      call('sns', 'Publish'),
      call('dynamodb', 'PutItem'),
      call('dynamodb', 'TransactWriteItems'),
      call('dynamodb', 'GetItem'),
      call('secretsmanager', 'GetSecretValue'),
      call('events', 'PutEvents', 'states'),
      call('lambda', 'Invoke', 'states'),
      call('ec2', 'RunInstances', 'imagebuilder'),
      call('lambda', 'Invoke', 'events'),
      call('lambda', 'Invoke', 'scheduler'),
    ];
    // Act
    const usage = usageOf({ calls, invocations: [], histories: [] });
    // Assess
    expect(usage).toMatchObject({
      parameterStoreCalls: 1,
      snsPublishes: 1,
      dynamoDbWrites: 3,
      dynamoDbReads: 1,
      secretsManagerCalls: 1,
      customEvents: 1,
      scheduleInvocations: 1,
      freeCalls: 1,
    });
  });

  it('takes custom events from PutEvents entries when counted', () => {
    // Act
    const usage = usageOf({ calls: [call('events', 'PutEvents')], invocations: [], histories: [], customEvents: 7 });
    // Assess
    expect(usage.customEvents).toBe(7);
  });

  it("bills Lambda GB-seconds at each invocation's memory and billed duration", () => {
    // Prepare
    const invocations = [invocation(512, 1000), invocation(1024, 250)];
    // Act
    const usage = usageOf({ calls: [], invocations, histories: [] });
    // Assess
    expect(usage.lambdaRequests).toBe(2);
    expect(usage.lambdaGbSeconds).toBeCloseTo(0.5 + 0.25);
  });

  it('ranks states by how often they were entered', () => {
    // Prepare
    const entered = (name: string) => ({ type: 'TaskStateEntered', stateEnteredEventDetails: { name } });
    const histories = [[entered('Wait For Image'), entered('Reconcile Image'), entered('Wait For Image')], [entered('Start Refresh')]];
    // Act
    const ranked = transitionsByState(histories);
    // Assess
    expect(ranked).toEqual([
      ['Wait For Image', 2],
      ['Reconcile Image', 1],
      ['Start Refresh', 1],
    ]);
  });
});
