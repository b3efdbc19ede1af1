import { readFileSync } from 'node:fs';
import { EventBridgeClient, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

const AVAILABLE = readFileSync('/work/shared/events/imagebuilder-image-state-change-available.json', 'utf8');
const PATTERN = JSON.stringify({
  source: ['aws.imagebuilder'],
  'detail-type': ['EC2 Image Builder Image State Change'],
  detail: { state: { status: ['AVAILABLE', 'FAILED'] } },
});

describe('EventBridge: TestEventPattern', () => {
  let cloud: TestCloud;
  let events: EventBridgeClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    events = new EventBridgeClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('answers true for a matching event and false for another', async () => {
    // Act
    const match = await events.send(new TestEventPatternCommand({ EventPattern: PATTERN, Event: AVAILABLE }));
    const other = await events.send(new TestEventPatternCommand({ EventPattern: PATTERN, Event: AVAILABLE.replace('"AVAILABLE"', '"BUILDING"') }));
    // Assess
    expect(match.Result).toBe(true);
    expect(other.Result).toBe(false);
  });

  it('rejects an invalid pattern', async () => {
    // Act
    const error = await events.send(new TestEventPatternCommand({ EventPattern: '{"source":[{"numeric":[">"]}]}', Event: AVAILABLE })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: Value of > must be numeric',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('rejects an event without the fields every event has', async () => {
    // Act
    const error = await events.send(new TestEventPatternCommand({ EventPattern: PATTERN, Event: '{"source":"aws.imagebuilder"}' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationException', message: 'Parameter Event is not valid.', $metadata: { httpStatusCode: 400 } });
  });
});
