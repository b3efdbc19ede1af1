import { EventBridgeClient, ListTagsForResourceCommand, PutRuleCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

describe('EventBridge: tags', () => {
  let cloud: TestCloud;
  let events: EventBridgeClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    events = new EventBridgeClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('tags a rule when it is put and later, and untags it', async () => {
    // Prepare
    const { RuleArn } = await events.send(
      new PutRuleCommand({ Name: 'tagged', EventPattern: '{"source":["x"]}', Tags: [{ Key: 'goldsmith:managed', Value: 'true' }] }),
    );
    // Act
    await events.send(new TagResourceCommand({ ResourceARN: RuleArn, Tags: [{ Key: 'pipeline', Value: 'web' }] }));
    await events.send(new UntagResourceCommand({ ResourceARN: RuleArn, TagKeys: ['goldsmith:managed'] }));
    const { Tags } = await events.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }));
    // Assess
    expect(Tags).toEqual([{ Key: 'pipeline', Value: 'web' }]);
  });

  it('tags the default bus', async () => {
    // Act
    const arn = 'arn:aws:events:us-east-1:123456789012:event-bus/default';
    await events.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'team', Value: 'platform' }] }));
    const { Tags } = await events.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
    // Assess
    expect(Tags).toEqual([{ Key: 'team', Value: 'platform' }]);
  });

  it('answers ResourceNotFound for a rule that does not exist', async () => {
    // Act
    const error = await events
      .send(new TagResourceCommand({ ResourceARN: 'arn:aws:events:us-east-1:123456789012:rule/none', Tags: [{ Key: 'a', Value: 'b' }] }))
      .catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule none does not exist on EventBus default.',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
