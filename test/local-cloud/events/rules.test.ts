import {
  CreateEventBusCommand,
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

const IMAGE_PATTERN = JSON.stringify({
  source: ['aws.imagebuilder'],
  'detail-type': ['EC2 Image Builder Image State Change'],
  detail: { state: { status: ['AVAILABLE', 'FAILED'] } },
});

describe('EventBridge: rules', () => {
  let cloud: TestCloud;
  let events: EventBridgeClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    events = new EventBridgeClient(cloud.config());
    await events.send(new CreateEventBusCommand({ Name: 'goldsmith' }));
  });
  afterAll(() => cloud.stop());

  it('puts a rule on the default bus and describes it', async () => {
    // Act
    const { RuleArn } = await events.send(new PutRuleCommand({ Name: 'image-state', EventPattern: IMAGE_PATTERN, Description: 'Image builds' }));
    const rule = await events.send(new DescribeRuleCommand({ Name: 'image-state' }));
    // Assess
    expect(RuleArn).toBe('arn:aws:events:us-east-1:123456789012:rule/image-state');
    expect(rule).toMatchObject({
      Name: 'image-state',
      Arn: RuleArn,
      EventPattern: IMAGE_PATTERN,
      State: 'ENABLED',
      Description: 'Image builds',
      EventBusName: 'default',
      CreatedBy: '123456789012',
    });
  });

  it('puts a rule on a custom bus, with the bus in its ARN', async () => {
    // Act
    const { RuleArn } = await events.send(new PutRuleCommand({ Name: 'published', EventBusName: 'goldsmith', EventPattern: '{"source":["goldsmith"]}' }));
    const rule = await events.send(new DescribeRuleCommand({ Name: 'published', EventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/goldsmith' }));
    // Assess
    expect(RuleArn).toBe('arn:aws:events:us-east-1:123456789012:rule/goldsmith/published');
    expect(rule.EventBusName).toBe('goldsmith');
  });

  it('rejects an invalid event pattern with AWS reason', async () => {
    // Act
    const error = await events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source":"aws.ec2"}' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: "source" must be an object or an array',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it.each([
    [{ Name: 'nothing' }, 'Parameter(s) EventPattern or ScheduleExpression must be specified.'],
    [{ Name: 'bad-schedule', ScheduleExpression: 'rate(1 minutes)' }, 'Parameter ScheduleExpression is not valid.'],
    [
      { Name: 'custom-schedule', ScheduleExpression: 'rate(5 minutes)', EventBusName: 'goldsmith' },
      'ScheduleExpression is supported only on the default event bus.',
    ],
    [
      { Name: 'bad name', EventPattern: '{"a":["b"]}' },
      "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    ],
    [
      { Name: 'state', EventPattern: '{"a":["b"]}', State: 'PAUSED' },
      "1 validation error detected: Value 'PAUSED' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]",
    ],
  ])('rejects PutRule %o', async (input, message) => {
    // Act
    const error = await events.send(new PutRuleCommand(input as never)).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationException', message, $metadata: { httpStatusCode: 400 } });
  });

  it('answers ResourceNotFound for a rule on a bus that does not exist', async () => {
    // Act
    const error = await events.send(new PutRuleCommand({ Name: 'x', EventBusName: 'nowhere', EventPattern: '{"a":["b"]}' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus nowhere does not exist.', $metadata: { httpStatusCode: 400 } });
  });

  it('answers ResourceNotFound when describing a rule that does not exist', async () => {
    // Act
    const error = await events.send(new DescribeRuleCommand({ Name: 'missing' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule missing does not exist on EventBus default.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('replaces a rule on a second PutRule, keeping its targets', async () => {
    // Prepare
    await events.send(new PutRuleCommand({ Name: 'replaced', EventPattern: '{"source":["a"]}', Description: 'old' }));
    await events.send(new PutTargetsCommand({ Rule: 'replaced', Targets: [{ Id: 't', Arn: 'arn:aws:sns:us-east-1:123456789012:x' }] }));
    // Act
    await events.send(new PutRuleCommand({ Name: 'replaced', EventPattern: '{"source":["b"]}' }));
    const rule = await events.send(new DescribeRuleCommand({ Name: 'replaced' }));
    const names = await events.send(new ListRuleNamesByTargetCommand({ TargetArn: 'arn:aws:sns:us-east-1:123456789012:x' }));
    // Assess
    expect(rule.EventPattern).toBe('{"source":["b"]}');
    expect(rule.Description).toBeUndefined();
    expect(names.RuleNames).toEqual(['replaced']);
  });

  it('lists rules by prefix, a page at a time', async () => {
    // Prepare
    for (const name of ['page-a', 'page-b', 'page-c']) await events.send(new PutRuleCommand({ Name: name, EventPattern: '{"source":["p"]}' }));
    // Act
    const first = await events.send(new ListRulesCommand({ NamePrefix: 'page-', Limit: 2 }));
    const second = await events.send(new ListRulesCommand({ NamePrefix: 'page-', Limit: 2, NextToken: first.NextToken }));
    // Assess
    expect(first.Rules?.map((r) => r.Name)).toEqual(['page-a', 'page-b']);
    expect(second.Rules?.map((r) => r.Name)).toEqual(['page-c']);
    expect(second.NextToken).toBeUndefined();
  });

  it('rejects a limit outside 1 to 100', async () => {
    // Act
    const error = await events.send(new ListRulesCommand({ Limit: 0 })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
  });

  it('disables and enables a rule', async () => {
    // Prepare
    await events.send(new PutRuleCommand({ Name: 'toggled', EventPattern: IMAGE_PATTERN }));
    // Act
    await events.send(new DisableRuleCommand({ Name: 'toggled' }));
    const disabled = await events.send(new DescribeRuleCommand({ Name: 'toggled' }));
    await events.send(new EnableRuleCommand({ Name: 'toggled' }));
    const enabled = await events.send(new DescribeRuleCommand({ Name: 'toggled' }));
    // Assess
    expect(disabled.State).toBe('DISABLED');
    expect(enabled.State).toBe('ENABLED');
  });

  it('answers ResourceNotFound when enabling a rule that does not exist', async () => {
    // Act
    const error = await events.send(new EnableRuleCommand({ Name: 'ghost' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Rule ghost does not exist on EventBus default.' });
  });

  it('refuses to delete a rule that has targets, and deletes it once they are gone', async () => {
    // Prepare
    await events.send(new PutRuleCommand({ Name: 'with-targets', EventPattern: IMAGE_PATTERN }));
    await events.send(new PutTargetsCommand({ Rule: 'with-targets', Targets: [{ Id: 'sns', Arn: 'arn:aws:sns:us-east-1:123456789012:topic' }] }));
    // Act
    const error = await events.send(new DeleteRuleCommand({ Name: 'with-targets' })).catch((e: unknown) => e);
    await events.send(new DeleteRuleCommand({ Name: 'with-targets', Force: true }));
    const gone = await events.send(new DescribeRuleCommand({ Name: 'with-targets' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationException', message: "Rule can't be deleted since it has targets.", $metadata: { httpStatusCode: 400 } });
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('deletes a rule that does not exist without complaint', async () => {
    // Act
    const result = await events.send(new DeleteRuleCommand({ Name: 'never-was' }));
    // Assess
    expect(result.$metadata.httpStatusCode).toBe(200);
  });
});
