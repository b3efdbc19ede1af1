import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { usageOf } from '../../bench/usage.ts';
import { UsageMeter } from '../../bench/usage-meter.ts';
import { startTestCloud, type TestCloud } from '../local-cloud/harness.ts';

describe('Bench: usage meter', () => {
  let cloud: TestCloud;
  let meter: UsageMeter;

  beforeEach(async () => {
    cloud = await startTestCloud();
    meter = new UsageMeter(cloud);
  });

  afterEach(async () => {
    meter.dispose();
    await cloud.stop();
  });

  it('keeps every API call and counts PutEvents entries', async () => {
    // Prepare
    const ssm = new SSMClient(cloud.config());
    const events = new EventBridgeClient(cloud.config());
    const from = cloud.clock.now();
    // Act
    await ssm.send(new PutParameterCommand({ Name: '/bench/a', Value: 'x', Type: 'String' }));
    await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'goldsmith', DetailType: 'Release Requested', Detail: '{"pipeline":"a"}' },
          { Source: 'goldsmith', DetailType: 'Release Requested', Detail: '{"pipeline":"b"}' },
        ],
      }),
    );
    cloud.clock.advance(1);
    const usage = usageOf(meter.records({ from, to: cloud.clock.now() + 1 }));
    // Assess
    expect(meter.calls.map((c) => `${c.service}.${c.operation}`)).toEqual(['ssm.PutParameter', 'events.PutEvents']);
    expect(usage.parameterStoreCalls).toBe(1);
    expect(usage.customEvents).toBe(2);
  });

  it('leaves calls outside the window out', async () => {
    // Prepare
    const ssm = new SSMClient(cloud.config());
    await ssm.send(new PutParameterCommand({ Name: '/bench/before', Value: 'x', Type: 'String' }));
    cloud.clock.advance(1_000);
    const from = cloud.clock.now();
    // Act
    await ssm.send(new PutParameterCommand({ Name: '/bench/inside', Value: 'x', Type: 'String' }));
    const records = meter.records({ from, to: from + 1 });
    // Assess
    expect(records.calls).toHaveLength(1);
  });

  it('stops counting once disposed', async () => {
    // Prepare
    const ssm = new SSMClient(cloud.config());
    meter.dispose();
    // Act
    await ssm.send(new PutParameterCommand({ Name: '/bench/after', Value: 'x', Type: 'String' }));
    // Assess
    expect(meter.calls).toHaveLength(0);
    expect(cloud.runtime.calls.at(-1)?.operation).toBe('PutParameter');
  });
});
