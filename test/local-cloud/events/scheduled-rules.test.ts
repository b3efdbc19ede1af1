import { DisableRuleCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

const ACCOUNT = '123456789012';
const STATE_MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:patch`;
const START = Date.parse('2026-03-02T09:30:00Z');

describe('EventBridge: scheduled rules', () => {
  let cloud: TestCloud;
  let events: EventBridgeClient;
  const deliveries = (rule: string) => cloud.runtime.services.events.deliveries(ACCOUNT, 'us-east-1').filter((d) => d.ruleName === rule);

  beforeEach(async () => {
    cloud = await startTestCloud({ startTime: START });
    events = new EventBridgeClient(cloud.config());
  });
  afterEach(() => cloud.stop());

  it('fires a rate rule one period after it is put, then every period, with a Scheduled Event', async () => {
    // Prepare
    await events.send(new PutRuleCommand({ Name: 'every-5', ScheduleExpression: 'rate(5 minutes)' }));
    await events.send(new PutTargetsCommand({ Rule: 'every-5', Targets: [{ Id: 'sfn', Arn: STATE_MACHINE }] }));
    // Act
    cloud.clock.advance(4 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const early = deliveries('every-5').length;
    cloud.clock.advance(11 * 60_000);
    await vi.waitFor(() => expect(deliveries('every-5')).toHaveLength(3));
    const event = JSON.parse(deliveries('every-5')[0].input) as Record<string, unknown>;
    // Assess
    expect(early).toBe(0);
    expect(deliveries('every-5').map((d) => new Date(d.at).toISOString())).toEqual([
      '2026-03-02T09:35:00.000Z',
      '2026-03-02T09:40:00.000Z',
      '2026-03-02T09:45:00.000Z',
    ]);
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: ACCOUNT,
      time: '2026-03-02T09:35:00Z',
      region: 'us-east-1',
      resources: [`arn:aws:events:us-east-1:${ACCOUNT}:rule/every-5`],
      detail: {},
    });
  });

  it('fires a cron rule in UTC at the times the expression names', async () => {
    // Prepare
    await events.send(new PutRuleCommand({ Name: 'weekday-10', ScheduleExpression: 'cron(0 10 ? * MON-FRI *)' }));
    await events.send(new PutTargetsCommand({ Rule: 'weekday-10', Targets: [{ Id: 'sfn', Arn: STATE_MACHINE }] }));
    // Act: Monday 2 March 09:30 to Monday 9 March 09:30.
    cloud.clock.advanceTo(Date.parse('2026-03-09T09:30:00Z'));
    await vi.waitFor(() => expect(deliveries('weekday-10')).toHaveLength(5));
    // Assess
    expect(deliveries('weekday-10').map((d) => new Date(d.at).toISOString().slice(0, 16))).toEqual([
      '2026-03-02T10:00',
      '2026-03-03T10:00',
      '2026-03-04T10:00',
      '2026-03-05T10:00',
      '2026-03-06T10:00',
    ]);
  });

  it('stops firing a disabled rule', async () => {
    // Prepare
    await events.send(new PutRuleCommand({ Name: 'hourly', ScheduleExpression: 'rate(1 hour)' }));
    await events.send(new PutTargetsCommand({ Rule: 'hourly', Targets: [{ Id: 'sfn', Arn: STATE_MACHINE }] }));
    cloud.clock.advance(60 * 60_000);
    await vi.waitFor(() => expect(deliveries('hourly')).toHaveLength(1));
    // Act
    await events.send(new DisableRuleCommand({ Name: 'hourly' }));
    cloud.clock.advance(5 * 60 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Assess
    expect(deliveries('hourly')).toHaveLength(1);
  });
});
