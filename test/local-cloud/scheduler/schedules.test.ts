import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

const ROLE = 'arn:aws:iam::123456789012:role/scheduler';
const STATE_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:release';
const START = Date.parse('2026-01-05T12:00:00Z');

const schedule = (name: string, extra: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput => ({
  Name: name,
  ScheduleExpression: 'cron(0 3 ? * TUE#2 *)',
  ScheduleExpressionTimezone: 'Europe/Berlin',
  FlexibleTimeWindow: { Mode: 'OFF' },
  Target: { Arn: STATE_MACHINE, RoleArn: ROLE, Input: '{"pipeline":"web"}' },
  ...extra,
});

describe('Scheduler: schedules', () => {
  let cloud: TestCloud;
  let scheduler: SchedulerClient;
  beforeAll(async () => {
    cloud = await startTestCloud({ startTime: START });
    scheduler = new SchedulerClient(cloud.config());
    await scheduler.send(new CreateScheduleGroupCommand({ Name: 'patching' }));
  });
  afterAll(() => cloud.stop());

  it('creates a schedule and gets it back as it was sent', async () => {
    // Prepare
    const input = schedule('monthly-patch', {
      Description: 'Second Tuesday',
      GroupName: 'patching',
      Target: { Arn: STATE_MACHINE, RoleArn: ROLE, Input: '{"pipeline":"web"}', RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 } },
      ActionAfterCompletion: 'NONE',
    });
    // Act
    const { ScheduleArn } = await scheduler.send(new CreateScheduleCommand(input));
    const got = await scheduler.send(new GetScheduleCommand({ Name: 'monthly-patch', GroupName: 'patching' }));
    // Assess
    expect(ScheduleArn).toBe('arn:aws:scheduler:us-east-1:123456789012:schedule/patching/monthly-patch');
    expect(got).toMatchObject({
      Arn: ScheduleArn,
      Name: 'monthly-patch',
      GroupName: 'patching',
      Description: 'Second Tuesday',
      ScheduleExpression: 'cron(0 3 ? * TUE#2 *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: input.Target,
      ActionAfterCompletion: 'NONE',
      CreationDate: new Date(START),
    });
  });

  it('refuses a second schedule with the same name in a group', async () => {
    // Prepare
    await scheduler.send(new CreateScheduleCommand(schedule('twice')));
    // Act
    const error = await scheduler.send(new CreateScheduleCommand(schedule('twice'))).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ConflictException', message: 'Schedule twice already exists.', $metadata: { httpStatusCode: 409 } });
  });

  it('answers a retried create with the same ClientToken as the first one', async () => {
    // Prepare
    const input = schedule('retried', { ClientToken: 'token-1' });
    const first = await scheduler.send(new CreateScheduleCommand(input));
    // Act
    const retried = await scheduler.send(new CreateScheduleCommand(input));
    const error = await scheduler.send(new CreateScheduleCommand({ ...input, ClientToken: 'token-2' })).catch((e: unknown) => e);
    // Assess
    expect(retried.ScheduleArn).toBe(first.ScheduleArn);
    expect(error).toMatchObject({ name: 'ConflictException', message: 'Schedule retried already exists.' });
  });

  it('answers ResourceNotFound for a schedule that does not exist', async () => {
    // Act
    const error = await scheduler.send(new GetScheduleCommand({ Name: 'nope' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Schedule nope does not exist.', $metadata: { httpStatusCode: 404 } });
  });

  it('answers ResourceNotFound for a group that does not exist', async () => {
    // Act
    const error = await scheduler.send(new CreateScheduleCommand(schedule('orphan', { GroupName: 'no-group' }))).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Schedule group no-group does not exist.', $metadata: { httpStatusCode: 404 } });
  });

  it.each([
    [{ ScheduleExpression: 'cron(0 3 * * * *)' }, 'Invalid Schedule Expression cron(0 3 * * * *)'],
    [{ ScheduleExpression: 'rate(5 weeks)' }, 'Invalid Schedule Expression rate(5 weeks)'],
    [{ ScheduleExpressionTimezone: 'Mars/Olympus' }, 'Invalid ScheduleExpressionTimezone: Mars/Olympus'],
    [{ StartDate: new Date(START - 10 * 60_000) }, 'The StartDate you specify cannot be earlier than 5 minutes ago.'],
    [{ StartDate: new Date(START + 86_400_000), EndDate: new Date(START) }, 'The StartDate you specify must come before the EndDate.'],
    [{ FlexibleTimeWindow: { Mode: 'FLEXIBLE' as const } }, 'MaximumWindowInMinutes must be specified when FlexibleTimeWindow Mode is FLEXIBLE.'],
    [
      { Target: { Arn: STATE_MACHINE, RoleArn: 'not-a-role' } },
      "1 validation error detected: Value 'not-a-role' at 'target.roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws(-[a-z]+)?:iam::\\d{12}:role\\/[\\w+=,.@\\/-]+$",
    ],
    [{ Target: { Arn: STATE_MACHINE, RoleArn: ROLE, Input: 'not json' } }, `Input for target ${STATE_MACHINE} must be well-formed JSON.`],
  ])('rejects %o', async (extra, message) => {
    // Act
    const error = await scheduler.send(new CreateScheduleCommand(schedule(`bad-${Math.random().toString(36).slice(2, 7)}`, extra))).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationException', message, $metadata: { httpStatusCode: 400 } });
  });

  it('rejects a name that breaks the pattern', async () => {
    // Act
    const error = await scheduler.send(new CreateScheduleCommand(schedule('bad name'))).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$",
    });
  });

  it('replaces the whole schedule on update, resetting what is left out', async () => {
    // Prepare
    await scheduler.send(new CreateScheduleCommand(schedule('updated', { Description: 'old', State: 'DISABLED' })));
    // Act
    await scheduler.send(
      new UpdateScheduleCommand({
        Name: 'updated',
        ScheduleExpression: 'rate(1 day)',
        FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
        Target: { Arn: STATE_MACHINE, RoleArn: ROLE },
      }),
    );
    const got = await scheduler.send(new GetScheduleCommand({ Name: 'updated' }));
    // Assess
    expect(got).toMatchObject({ ScheduleExpression: 'rate(1 day)', State: 'ENABLED', FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 } });
    expect(got.Description).toBeUndefined();
    expect(got.ScheduleExpressionTimezone).toBeUndefined();
  });

  it('answers ResourceNotFound when updating a schedule that does not exist', async () => {
    // Act
    const error = await scheduler
      .send(
        new UpdateScheduleCommand({
          Name: 'ghost',
          ScheduleExpression: 'rate(1 day)',
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: STATE_MACHINE, RoleArn: ROLE },
        }),
      )
      .catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Schedule ghost does not exist.', $metadata: { httpStatusCode: 404 } });
  });

  it('deletes a schedule, and answers ResourceNotFound the second time', async () => {
    // Prepare
    await scheduler.send(new CreateScheduleCommand(schedule('deleted')));
    // Act
    await scheduler.send(new DeleteScheduleCommand({ Name: 'deleted' }));
    const error = await scheduler.send(new DeleteScheduleCommand({ Name: 'deleted' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Schedule deleted does not exist.', $metadata: { httpStatusCode: 404 } });
  });

  it('lists schedules by prefix, group and state, a page at a time', async () => {
    // Prepare
    for (const name of ['list-a', 'list-b', 'list-c']) await scheduler.send(new CreateScheduleCommand(schedule(name, { GroupName: 'patching' })));
    await scheduler.send(new CreateScheduleCommand(schedule('list-off', { GroupName: 'patching', State: 'DISABLED' })));
    // Act
    const first = await scheduler.send(new ListSchedulesCommand({ NamePrefix: 'list-', GroupName: 'patching', State: 'ENABLED', MaxResults: 2 }));
    const second = await scheduler.send(
      new ListSchedulesCommand({ NamePrefix: 'list-', GroupName: 'patching', State: 'ENABLED', MaxResults: 2, NextToken: first.NextToken }),
    );
    // Assess
    expect(first.Schedules?.map((s) => s.Name)).toEqual(['list-a', 'list-b']);
    expect(second.Schedules?.map((s) => s.Name)).toEqual(['list-c']);
    expect(first.Schedules?.[0]).toMatchObject({ GroupName: 'patching', State: 'ENABLED', Target: { Arn: STATE_MACHINE } });
  });

  it('rejects listing with an unknown state', async () => {
    // Act
    const error = await scheduler.send(new ListSchedulesCommand({ State: 'PAUSED' as never })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value 'PAUSED' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]",
    });
  });
});
