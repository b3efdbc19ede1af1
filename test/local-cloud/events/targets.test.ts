import { EventBridgeClient, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

const STATE_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:release';

describe('EventBridge: targets', () => {
  let cloud: TestCloud;
  let events: EventBridgeClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    events = new EventBridgeClient(cloud.config());
    await events.send(new PutRuleCommand({ Name: 'rule', EventPattern: '{"source":["goldsmith"]}' }));
  });
  afterAll(() => cloud.stop());

  it('puts targets with their input settings and lists them', async () => {
    // Prepare
    const targets = [
      { Id: 'release', Arn: STATE_MACHINE, RoleArn: 'arn:aws:iam::123456789012:role/events', InputPath: '$.detail' },
      {
        Id: 'notify',
        Arn: 'arn:aws:sns:us-east-1:123456789012:releases',
        InputTransformer: { InputPathsMap: { status: '$.detail.status' }, InputTemplate: '"Status is <status>"' },
        RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 600 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
      },
    ];
    // Act
    const result = await events.send(new PutTargetsCommand({ Rule: 'rule', Targets: targets }));
    const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: 'rule' }));
    // Assess
    expect(result).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    expect(Targets).toEqual(targets);
  });

  it('reports a malformed target ARN as a failed entry and keeps the others', async () => {
    // Act
    const result = await events.send(
      new PutTargetsCommand({
        Rule: 'rule',
        Targets: [
          { Id: 'bad', Arn: 'not-an-arn' },
          { Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:123456789012:function:handler' },
        ],
      }),
    );
    const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: 'rule' }));
    // Assess
    expect(result.FailedEntryCount).toBe(1);
    expect(result.FailedEntries).toEqual([
      { TargetId: 'bad', ErrorCode: 'ValidationException', ErrorMessage: 'Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format.' },
    ]);
    expect(Targets?.map((t) => t.Id)).toContain('fn');
    expect(Targets?.map((t) => t.Id)).not.toContain('bad');
  });

  it('rejects a sixth target on a rule', async () => {
    // Prepare
    await events.send(new PutRuleCommand({ Name: 'crowded', EventPattern: '{"source":["x"]}' }));
    const five = Array.from({ length: 5 }, (_, i) => ({ Id: `t${i}`, Arn: `arn:aws:sns:us-east-1:123456789012:topic${i}` }));
    await events.send(new PutTargetsCommand({ Rule: 'crowded', Targets: five }));
    // Act
    const error = await events
      .send(new PutTargetsCommand({ Rule: 'crowded', Targets: [{ Id: 't5', Arn: 'arn:aws:sns:us-east-1:123456789012:topic5' }] }))
      .catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'LimitExceededException',
      message: 'The requested resource exceeds the maximum number allowed.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it.each([
    [
      { Id: 'both', Arn: STATE_MACHINE, Input: '{}', InputPath: '$.detail' },
      'Only one of Input, InputPath, or InputTransformer must be provided for target both.',
    ],
    [
      { Id: 'tpl', Arn: STATE_MACHINE, InputTransformer: { InputPathsMap: { a: '$.detail.a' }, InputTemplate: '{"b": <b>}' } },
      'InputTemplate for target tpl contains invalid placeholder b.',
    ],
    [
      { Id: 'retry', Arn: STATE_MACHINE, RetryPolicy: { MaximumRetryAttempts: 186 } },
      "1 validation error detected: Value '186' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185",
    ],
    [
      { Id: 'bad id!', Arn: STATE_MACHINE },
      "1 validation error detected: Value 'bad id!' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    ],
  ])('rejects the target %o', async (target, message) => {
    // Act
    const error = await events.send(new PutTargetsCommand({ Rule: 'rule', Targets: [target] })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationException', message, $metadata: { httpStatusCode: 400 } });
  });

  it('answers ResourceNotFound for targets of a rule that does not exist', async () => {
    // Act
    const error = await events.send(new PutTargetsCommand({ Rule: 'none', Targets: [{ Id: 'a', Arn: STATE_MACHINE }] })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule none does not exist on EventBus default.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('removes targets and reports ids it does not know', async () => {
    // Prepare
    await events.send(new PutRuleCommand({ Name: 'removal', EventPattern: '{"source":["x"]}' }));
    await events.send(
      new PutTargetsCommand({
        Rule: 'removal',
        Targets: [
          { Id: 'keep', Arn: STATE_MACHINE },
          { Id: 'drop', Arn: STATE_MACHINE },
        ],
      }),
    );
    // Act
    const result = await events.send(new RemoveTargetsCommand({ Rule: 'removal', Ids: ['drop', 'unknown'] }));
    const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: 'removal' }));
    // Assess
    expect(result.FailedEntryCount).toBe(1);
    expect(result.FailedEntries?.[0]).toMatchObject({ TargetId: 'unknown', ErrorCode: 'ResourceNotFoundException' });
    expect(Targets?.map((t) => t.Id)).toEqual(['keep']);
  });

  it('lists targets a page at a time', async () => {
    // Prepare
    await events.send(new PutRuleCommand({ Name: 'paged', EventPattern: '{"source":["x"]}' }));
    await events.send(new PutTargetsCommand({ Rule: 'paged', Targets: ['a', 'b', 'c'].map((Id) => ({ Id, Arn: STATE_MACHINE })) }));
    // Act
    const first = await events.send(new ListTargetsByRuleCommand({ Rule: 'paged', Limit: 2 }));
    const second = await events.send(new ListTargetsByRuleCommand({ Rule: 'paged', Limit: 2, NextToken: first.NextToken }));
    // Assess
    expect(first.Targets?.map((t) => t.Id)).toEqual(['a', 'b']);
    expect(second.Targets?.map((t) => t.Id)).toEqual(['c']);
  });
});
