import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

const ACCOUNT = '123456789012';

describe('EventBridge: delivery retries and dead letters', () => {
  let cloud: TestCloud;
  let events: EventBridgeClient;
  let topicArn: string;
  const deliveries = (eventId: string | undefined) => cloud.runtime.services.events.deliveries(ACCOUNT, 'us-east-1').filter((d) => d.eventId === eventId);

  beforeEach(async () => {
    cloud = await startTestCloud();
    events = new EventBridgeClient(cloud.config());
    topicArn = (await new SNSClient(cloud.config()).send(new CreateTopicCommand({ Name: 'releases' }))).TopicArn as string;
    await events.send(new PutRuleCommand({ Name: 'notify', EventPattern: JSON.stringify({ source: ['goldsmith'] }) }));
  });
  afterEach(() => cloud.stop());

  async function put(): Promise<string | undefined> {
    const { Entries } = await events.send(
      new PutEventsCommand({ Entries: [{ Source: 'goldsmith', DetailType: 'Release Finished', Detail: '{"outcome":"ok"}' }] }),
    );
    return Entries?.[0].EventId;
  }

  it('retries a throttled target with backoff on the simulated clock until it succeeds', async () => {
    // Prepare
    await events.send(new PutTargetsCommand({ Rule: 'notify', Targets: [{ Id: 'sns', Arn: topicArn }] }));
    cloud.setScenario({ api: [{ service: 'sns', operation: 'Publish', error: 'Throttled', status: 429, times: 2 }] });
    // Act
    const eventId = await put();
    await vi.waitFor(() => expect(deliveries(eventId)).toHaveLength(1));
    cloud.clock.advance(999);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const beforeBackoff = deliveries(eventId).length;
    cloud.clock.advance(1);
    await vi.waitFor(() => expect(deliveries(eventId)).toHaveLength(2));
    cloud.clock.advance(2_000);
    await vi.waitFor(() => expect(deliveries(eventId)).toHaveLength(3));
    // Assess
    expect(beforeBackoff).toBe(1);
    expect(deliveries(eventId).map((d) => [d.status, d.attempt, d.errorCode])).toEqual([
      ['retrying', 1, 'Throttled'],
      ['retrying', 2, 'Throttled'],
      ['delivered', 3, undefined],
    ]);
  });

  it('gives up after MaximumRetryAttempts and keeps a dead-letter record for the target', async () => {
    // Prepare
    const dlq = `arn:aws:sqs:us-east-1:${ACCOUNT}:release-dlq`;
    await events.send(
      new PutTargetsCommand({
        Rule: 'notify',
        Targets: [{ Id: 'sns', Arn: topicArn, RetryPolicy: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: dlq } }],
      }),
    );
    cloud.setScenario({ api: [{ service: 'sns', operation: 'Publish', error: 'InternalError', status: 500 }] });
    // Act
    const eventId = await put();
    await vi.waitFor(() => expect(deliveries(eventId)).toHaveLength(1));
    cloud.clock.advance(60_000);
    await vi.waitFor(() => expect(deliveries(eventId)).toHaveLength(2));
    cloud.clock.advance(3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const deadLetters = cloud.runtime.services.events.deadLetters(ACCOUNT, 'us-east-1');
    // Assess
    expect(deliveries(eventId).map((d) => d.status)).toEqual(['retrying', 'failed']);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({
      ruleArn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/notify`,
      targetId: 'sns',
      targetArn: topicArn,
      deadLetterArn: dlq,
      errorCode: 'InternalError',
      retryAttempts: 1,
      event: { id: eventId, source: 'goldsmith' },
    });
  });

  it('stops retrying once the event is older than MaximumEventAgeInSeconds', async () => {
    // Prepare
    await events.send(new PutTargetsCommand({ Rule: 'notify', Targets: [{ Id: 'sns', Arn: topicArn, RetryPolicy: { MaximumEventAgeInSeconds: 60 } }] }));
    cloud.setScenario({ api: [{ service: 'sns', operation: 'Publish', error: 'InternalError', status: 500 }] });
    // Act
    const eventId = await put();
    await vi.waitFor(() => expect(deliveries(eventId)).toHaveLength(1));
    for (let second = 0; second < 70; second++) {
      cloud.clock.advance(1_000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const attempts = deliveries(eventId);
    // Assess: 1 + 2 + 4 + 8 + 16 s of backoff fit in 60 s; the next 32 s would not.
    expect(attempts.map((d) => d.status)).toEqual(['retrying', 'retrying', 'retrying', 'retrying', 'retrying', 'failed']);
  });

  it('does not retry a client error from the target', async () => {
    // Prepare
    await events.send(new PutTargetsCommand({ Rule: 'notify', Targets: [{ Id: 'sns', Arn: topicArn }] }));
    cloud.setScenario({ api: [{ service: 'sns', operation: 'Publish', error: 'AuthorizationError', status: 403, times: 1 }] });
    // Act
    const eventId = await put();
    await vi.waitFor(() => expect(deliveries(eventId)).toHaveLength(1));
    cloud.clock.advance(600_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Assess
    expect(deliveries(eventId).map((d) => [d.status, d.errorCode])).toEqual([['failed', 'AuthorizationError']]);
    expect(cloud.runtime.services.events.deadLetters(ACCOUNT, 'us-east-1')).toHaveLength(1);
  });

  it('re-arms a pending retry after the state is saved and restored', async () => {
    // Prepare
    await events.send(new PutTargetsCommand({ Rule: 'notify', Targets: [{ Id: 'sns', Arn: topicArn }] }));
    cloud.setScenario({ api: [{ service: 'sns', operation: 'Publish', error: 'InternalError', status: 500, times: 1 }] });
    const eventId = await put();
    await vi.waitFor(() => expect(deliveries(eventId)).toHaveLength(1));
    const service = cloud.runtime.services.events;
    const saved = JSON.parse(JSON.stringify(service.store.toJSON()));
    // Act: a restart restores the state and calls resume(); the old timers are gone.
    await service.stop();
    service.store.load(saved);
    service.resume();
    cloud.clock.advance(1_000);
    await vi.waitFor(() => expect(deliveries(eventId)).toHaveLength(2));
    // Assess
    expect(deliveries(eventId).map((d) => d.status)).toEqual(['retrying', 'delivered']);
  });
});
