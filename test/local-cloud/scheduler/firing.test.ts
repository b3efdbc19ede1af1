import { CreateEventBusCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateScheduleCommand, type CreateScheduleCommandInput, GetScheduleCommand, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/scheduler`;
const STATE_MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:release`;
const FUNCTION = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:patch`;
/** Monday 5 January 2026, 12:00 UTC. */
const START = Date.parse('2026-01-05T12:00:00Z');

const base = (name: string, expression: string, extra: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput => ({
  Name: name,
  ScheduleExpression: expression,
  FlexibleTimeWindow: { Mode: 'OFF' },
  Target: { Arn: STATE_MACHINE, RoleArn: ROLE, Input: '{}' },
  ...extra,
});

describe('Scheduler: firing on the simulated clock', () => {
  let cloud: TestCloud;
  let scheduler: SchedulerClient;
  const invocations = (name: string) => cloud.runtime.services.scheduler.invocations(ACCOUNT, 'us-east-1').filter((i) => i.scheduleArn.endsWith(`/${name}`));

  beforeEach(async () => {
    cloud = await startTestCloud({ startTime: START });
    scheduler = new SchedulerClient(cloud.config());
  });
  afterEach(() => cloud.stop());

  it('fires cron(0 3 ? * TUE#2 *) in Europe/Berlin on each second Tuesday at 03:00 local time across the DST change', async () => {
    // Prepare
    await scheduler.send(new CreateScheduleCommand(base('monthly-patch', 'cron(0 3 ? * TUE#2 *)', { ScheduleExpressionTimezone: 'Europe/Berlin' })));
    // Act
    cloud.clock.advanceTo(Date.parse('2026-06-01T00:00:00Z'));
    await vi.waitFor(() => expect(invocations('monthly-patch')).toHaveLength(5));
    const berlin = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      weekday: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    // Assess: CET (UTC+1) until 29 March, CEST (UTC+2) after.
    expect(invocations('monthly-patch').map((i) => i.scheduledTime)).toEqual([
      '2026-01-13T02:00:00Z',
      '2026-02-10T02:00:00Z',
      '2026-03-10T02:00:00Z',
      '2026-04-14T01:00:00Z',
      '2026-05-12T01:00:00Z',
    ]);
    expect(invocations('monthly-patch').map((i) => berlin.format(new Date(i.at)))).toEqual([
      'Tue 13, 03:00 CET',
      'Tue 10, 03:00 CET',
      'Tue 10, 03:00 CET',
      'Tue 14, 03:00 CEST',
      'Tue 12, 03:00 CEST',
    ]);
    expect(cloud.runtime.services.scheduler.nextFireTime(ACCOUNT, 'us-east-1', 'default', 'monthly-patch')).toBe(Date.parse('2026-06-09T01:00:00Z'));
  });

  it('starts a Step Functions execution with the Input, its context attributes filled in', async () => {
    // Prepare
    const input = '{"schedule":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>","attempt":<aws.scheduler.attempt-number>}';
    await scheduler.send(new CreateScheduleCommand(base('nightly', 'cron(30 2 * * ? *)', { Target: { Arn: STATE_MACHINE, RoleArn: ROLE, Input: input } })));
    // Act
    cloud.clock.advanceTo(Date.parse('2026-01-06T02:30:00Z'));
    await vi.waitFor(() => expect(invocations('nightly')).toHaveLength(1));
    // Assess
    expect(JSON.parse(invocations('nightly')[0].input)).toEqual({
      schedule: `arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule/default/nightly`,
      at: '2026-01-06T02:30:00Z',
      attempt: 1,
    });
    expect(invocations('nightly')[0].call).toBe('states:StartExecution');
    expect(cloud.runtime.calls).toContainEqual(expect.objectContaining({ service: 'states', operation: 'StartExecution', caller: 'scheduler' }));
  });

  it('fires a rate schedule at once and then every period, and invokes Lambda asynchronously', async () => {
    // Prepare
    await scheduler.send(new CreateScheduleCommand(base('every-6h', 'rate(6 hours)', { Target: { Arn: FUNCTION, RoleArn: ROLE, Input: '{"check":true}' } })));
    // Act
    cloud.clock.advance(13 * 3_600_000);
    await vi.waitFor(() => expect(invocations('every-6h')).toHaveLength(3));
    // Assess
    expect(invocations('every-6h').map((i) => i.scheduledTime)).toEqual(['2026-01-05T12:00:00Z', '2026-01-05T18:00:00Z', '2026-01-06T00:00:00Z']);
    expect(invocations('every-6h')[0].call).toBe('lambda:Invoke');
    expect(cloud.runtime.calls.filter((c) => c.service === 'lambda' && c.caller === 'scheduler')).toHaveLength(3);
  });

  it('fires a one-time schedule once and then deletes it with ActionAfterCompletion DELETE', async () => {
    // Prepare
    await scheduler.send(
      new CreateScheduleCommand(
        base('one-off', 'at(2026-01-07T09:00:00)', { ScheduleExpressionTimezone: 'America/New_York', ActionAfterCompletion: 'DELETE' }),
      ),
    );
    // Act
    cloud.clock.advanceTo(Date.parse('2026-02-01T00:00:00Z'));
    await vi.waitFor(() => expect(invocations('one-off')).toHaveLength(1));
    const gone = await vi.waitFor(() =>
      scheduler.send(new GetScheduleCommand({ Name: 'one-off' })).then(
        () => Promise.reject(new Error('still there')),
        (e: unknown) => e,
      ),
    );
    // Assess
    expect(invocations('one-off')[0].scheduledTime).toBe('2026-01-07T14:00:00Z');
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('does not fire before StartDate, at or after EndDate, or while disabled', async () => {
    // Prepare
    await scheduler.send(
      new CreateScheduleCommand(
        base('window', 'cron(0 6 * * ? *)', { StartDate: new Date('2026-01-08T00:00:00Z'), EndDate: new Date('2026-01-10T06:00:00Z') }),
      ),
    );
    await scheduler.send(new CreateScheduleCommand(base('off', 'cron(0 6 * * ? *)', { State: 'DISABLED' })));
    // Act
    cloud.clock.advanceTo(Date.parse('2026-01-20T00:00:00Z'));
    await vi.waitFor(() => expect(invocations('window')).toHaveLength(2));
    // Assess
    expect(invocations('window').map((i) => i.scheduledTime)).toEqual(['2026-01-08T06:00:00Z', '2026-01-09T06:00:00Z']);
    expect(invocations('off')).toHaveLength(0);
    expect(cloud.runtime.services.scheduler.nextFireTime(ACCOUNT, 'us-east-1', 'default', 'window')).toBeUndefined();
  });

  it('re-arms a schedule when it is updated', async () => {
    // Prepare
    await scheduler.send(new CreateScheduleCommand(base('moved', 'cron(0 6 * * ? *)')));
    // Act
    await scheduler.send(new UpdateScheduleCommand(base('moved', 'cron(0 8 * * ? *)')));
    cloud.clock.advanceTo(Date.parse('2026-01-06T12:00:00Z'));
    await vi.waitFor(() => expect(invocations('moved')).toHaveLength(1));
    // Assess
    expect(invocations('moved')[0].scheduledTime).toBe('2026-01-06T08:00:00Z');
  });

  it('publishes to an SNS topic, puts events on a bus, and calls any API as a universal target', async () => {
    // Prepare
    const { TopicArn } = await new SNSClient(cloud.config()).send(new CreateTopicCommand({ Name: 'reminders' }));
    const events = new EventBridgeClient(cloud.config());
    await events.send(new CreateEventBusCommand({ Name: 'releases' }));
    await events.send(
      new PutRuleCommand({ Name: 'requested', EventBusName: 'releases', EventPattern: JSON.stringify({ 'detail-type': ['Release Requested'] }) }),
    );
    await events.send(new PutTargetsCommand({ Rule: 'requested', EventBusName: 'releases', Targets: [{ Id: 'sfn', Arn: STATE_MACHINE }] }));
    const at = 'at(2026-01-05T13:00:00)';
    await scheduler.send(new CreateScheduleCommand(base('to-sns', at, { Target: { Arn: TopicArn, RoleArn: ROLE, Input: '"Patch window opens"' } })));
    await scheduler.send(
      new CreateScheduleCommand(
        base('to-bus', at, {
          Target: {
            Arn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/releases`,
            RoleArn: ROLE,
            Input: '{"pipeline":"web"}',
            EventBridgeParameters: { Source: 'goldsmith.scheduler', DetailType: 'Release Requested' },
          },
        }),
      ),
    );
    await scheduler.send(
      new CreateScheduleCommand(
        base('universal', at, {
          Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sns:publish', RoleArn: ROLE, Input: JSON.stringify({ TopicArn, Message: 'via SDK' }) },
        }),
      ),
    );
    // Act
    cloud.clock.advanceTo(Date.parse('2026-01-05T13:00:00Z'));
    await vi.waitFor(() => expect(['to-sns', 'to-bus', 'universal'].every((n) => invocations(n).length === 1)).toBe(true));
    const published = cloud.runtime.calls.filter((c) => c.service === 'sns' && c.operation === 'Publish' && c.caller === 'scheduler');
    await vi.waitFor(() => expect(cloud.runtime.services.events.deliveries(ACCOUNT, 'us-east-1').some((d) => d.eventBusName === 'releases')).toBe(true));
    const routed = cloud.runtime.services.events.deliveries(ACCOUNT, 'us-east-1').find((d) => d.eventBusName === 'releases');
    // Assess
    expect(['to-sns', 'to-bus', 'universal'].map((n) => [invocations(n)[0].call, invocations(n)[0].status])).toEqual([
      ['sns:Publish', 'delivered'],
      ['events:PutEvents', 'delivered'],
      ['sns:Publish', 'delivered'],
    ]);
    expect(published).toHaveLength(2);
    expect(JSON.parse(routed?.input ?? '{}')).toMatchObject({ source: 'goldsmith.scheduler', 'detail-type': 'Release Requested', detail: { pipeline: 'web' } });
  });

  it('retries a failing target on the clock, then keeps a dead-letter record', async () => {
    // Prepare
    const { TopicArn } = await new SNSClient(cloud.config()).send(new CreateTopicCommand({ Name: 'failing' }));
    cloud.setScenario({ api: [{ service: 'sns', operation: 'Publish', error: 'InternalError', status: 500 }] });
    await scheduler.send(
      new CreateScheduleCommand(
        base('failing', 'at(2026-01-05T13:00:00)', {
          Target: {
            Arn: TopicArn,
            RoleArn: ROLE,
            Input: '"x"',
            RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
            DeadLetterConfig: { Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:scheduler-dlq` },
          },
        }),
      ),
    );
    // Act
    cloud.clock.advanceTo(Date.parse('2026-01-05T13:00:00Z'));
    await vi.waitFor(() => expect(invocations('failing')).toHaveLength(1));
    cloud.clock.advance(1_000);
    await vi.waitFor(() => expect(invocations('failing')).toHaveLength(2));
    cloud.clock.advance(2_000);
    await vi.waitFor(() => expect(invocations('failing')).toHaveLength(3));
    // Assess
    expect(invocations('failing').map((i) => [i.status, i.attempt])).toEqual([
      ['retrying', 1],
      ['retrying', 2],
      ['failed', 3],
    ]);
    expect(cloud.runtime.services.scheduler.deadLetters(ACCOUNT, 'us-east-1')).toEqual([
      expect.objectContaining({
        deadLetterArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:scheduler-dlq`,
        errorCode: 'InternalError',
        retryAttempts: 2,
        scheduledTime: '2026-01-05T13:00:00Z',
      }),
    ]);
  });

  it('re-arms schedules after the state is saved and restored', async () => {
    // Prepare
    await scheduler.send(new CreateScheduleCommand(base('restored', 'cron(0 6 * * ? *)')));
    const service = cloud.runtime.services.scheduler;
    const saved = JSON.parse(JSON.stringify(service.store.toJSON()));
    // Act: a restart restores the state and calls resume(); the old timers are gone.
    await service.stop();
    service.store.load(saved);
    service.resume();
    cloud.clock.advanceTo(Date.parse('2026-01-06T06:00:00Z'));
    await vi.waitFor(() => expect(invocations('restored')).toHaveLength(1));
    // Assess
    expect(invocations('restored')[0].scheduledTime).toBe('2026-01-06T06:00:00Z');
  });
});
