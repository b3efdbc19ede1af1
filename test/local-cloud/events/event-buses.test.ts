import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  PutRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

describe('EventBridge: event buses', () => {
  let cloud: TestCloud;
  let events: EventBridgeClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    events = new EventBridgeClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('creates a custom bus and describes it', async () => {
    // Act
    const created = await events.send(new CreateEventBusCommand({ Name: 'releases' }));
    const bus = await events.send(new DescribeEventBusCommand({ Name: 'releases' }));
    // Assess
    expect(created.EventBusArn).toBe('arn:aws:events:us-east-1:123456789012:event-bus/releases');
    expect(bus).toMatchObject({ Name: 'releases', Arn: created.EventBusArn });
  });

  it('describes the default bus when no name is given', async () => {
    // Act
    const bus = await events.send(new DescribeEventBusCommand({}));
    // Assess
    expect(bus).toMatchObject({ Name: 'default', Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' });
  });

  it('refuses to create a bus twice', async () => {
    // Prepare
    await events.send(new CreateEventBusCommand({ Name: 'twice' }));
    // Act
    const error = await events.send(new CreateEventBusCommand({ Name: 'twice' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ResourceAlreadyExistsException', message: 'Event bus twice already exists.', $metadata: { httpStatusCode: 400 } });
  });

  it('answers ResourceNotFound for a bus that does not exist', async () => {
    // Act
    const error = await events.send(new DescribeEventBusCommand({ Name: 'absent' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus absent does not exist.', $metadata: { httpStatusCode: 400 } });
  });

  it('lists buses by prefix, the default bus among them', async () => {
    // Prepare
    await events.send(new CreateEventBusCommand({ Name: 'team-a' }));
    await events.send(new CreateEventBusCommand({ Name: 'team-b' }));
    // Act
    const teams = await events.send(new ListEventBusesCommand({ NamePrefix: 'team-' }));
    const all = await events.send(new ListEventBusesCommand({}));
    // Assess
    expect(teams.EventBuses?.map((b) => b.Name)).toEqual(['team-a', 'team-b']);
    expect(all.EventBuses?.map((b) => b.Name)).toContain('default');
  });

  it('deletes a custom bus with its rules', async () => {
    // Prepare
    await events.send(new CreateEventBusCommand({ Name: 'temporary' }));
    await events.send(new PutRuleCommand({ Name: 'on-temporary', EventBusName: 'temporary', EventPattern: '{"source":["x"]}' }));
    // Act
    await events.send(new DeleteEventBusCommand({ Name: 'temporary' }));
    const bus = await events.send(new DescribeEventBusCommand({ Name: 'temporary' })).catch((e: unknown) => e);
    const rule = await events.send(new DescribeRuleCommand({ Name: 'on-temporary', EventBusName: 'temporary' })).catch((e: unknown) => e);
    // Assess
    expect(bus).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(rule).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses to delete the default bus', async () => {
    // Act
    const error = await events.send(new DeleteEventBusCommand({ Name: 'default' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationException', message: 'Cannot delete event bus default.', $metadata: { httpStatusCode: 400 } });
  });
});
