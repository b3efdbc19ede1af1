import { randomBytes, randomUUID } from 'node:crypto';
import type { ClockTimer } from '../../clock.ts';
import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore } from '../../service.ts';
import { backoffMs, errorParts, isRetryable } from '../events/target-invocation.ts';
import { nextFireTime, parseScheduleExpression } from './schedule-expression.ts';
import { appendBounded, type PendingInvocation, type ScheduleRecord, type SchedulerState, scheduleKey } from './store.ts';
import { invokeTarget, targetCall } from './targets.ts';

/** AWS's RetryPolicy defaults for a schedule's target: 185 retries within 24 hours. */
const DEFAULT_RETRY_ATTEMPTS = 185;
const DEFAULT_EVENT_AGE_SECONDS = 86_400;

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Fires schedules on the simulated clock: one timer per enabled schedule, armed for its next fire time
 * and re-armed after each. A flexible time window fires at the window's start, so runs replay exactly.
 */
export class ScheduleRunner {
  private readonly cloud: CloudRuntime;
  private readonly store: RegionalStore<SchedulerState>;
  private readonly timers = new Map<string, ClockTimer>();

  constructor(cloud: CloudRuntime, store: RegionalStore<SchedulerState>) {
    this.cloud = cloud;
    this.store = store;
  }

  /** The next time the schedule fires strictly after `after`, if it ever will. */
  next(schedule: ScheduleRecord, after: number): number | undefined {
    const expression = parseScheduleExpression(schedule.scheduleExpression, { allowAt: true });
    return nextFireTime(expression, after, {
      timeZone: schedule.scheduleExpressionTimezone ?? 'UTC',
      anchorMs: schedule.anchor,
      startMs: schedule.startDate,
      endMs: schedule.endDate,
    });
  }

  /** (Re)arms a schedule's timer; `after` defaults to just before now, so a rate fires at once when it starts now. */
  arm(accountId: string, region: string, schedule: ScheduleRecord, after = this.cloud.clock.now() - 1): void {
    this.disarm(accountId, region, schedule);
    schedule.nextFireAt = undefined;
    if (schedule.state !== 'ENABLED') return;
    const next = this.next(schedule, after);
    if (next === undefined) return;
    schedule.nextFireAt = next;
    const expected = schedule.lastModifiedAt;
    const key = this.key(accountId, region, schedule);
    this.timers.set(
      key,
      this.cloud.clock.setTimeout(() => {
        this.timers.delete(key);
        this.fire(accountId, region, schedule.groupName, schedule.name, next, expected);
      }, next - this.cloud.clock.now()),
    );
  }

  disarm(accountId: string, region: string, schedule: ScheduleRecord): void {
    const key = this.key(accountId, region, schedule);
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
  }

  private key(accountId: string, region: string, schedule: ScheduleRecord): string {
    return `${accountId}/${region}/${scheduleKey(schedule.groupName, schedule.name)}`;
  }

  private fire(accountId: string, region: string, groupName: string, name: string, scheduledTime: number, expected: number): void {
    const state = this.store.get(accountId, region);
    const schedule = state.schedules[scheduleKey(groupName, name)];
    // Deleted, disabled or updated since the timer was armed.
    if (schedule?.state !== 'ENABLED' || schedule.lastModifiedAt !== expected) return;
    this.arm(accountId, region, schedule, scheduledTime);
    // A one-time schedule, or one past its EndDate, is complete: ActionAfterCompletion DELETE removes it once this invocation is settled.
    const deleteWhenDone = schedule.nextFireAt === undefined && schedule.actionAfterCompletion === 'DELETE';
    void this.attempt(accountId, region, schedule, scheduledTime, 1, this.cloud.clock.now(), deleteWhenDone).catch((error: unknown) =>
      this.cloud.log(`schedule invocation failed: ${String(error)}`),
    );
  }

  private settle(accountId: string, region: string, schedule: ScheduleRecord, deleteWhenDone: boolean): void {
    const state = this.store.get(accountId, region);
    const key = scheduleKey(schedule.groupName, schedule.name);
    if (deleteWhenDone && state.schedules[key]?.lastModifiedAt === schedule.lastModifiedAt) delete state.schedules[key];
  }

  private async attempt(
    accountId: string,
    region: string,
    schedule: ScheduleRecord,
    scheduledTime: number,
    attempt: number,
    firstAttemptAt: number,
    deleteWhenDone: boolean,
  ) {
    const state = this.store.get(accountId, region);
    const target = schedule.target;
    const executionId = randomBytes(8).toString('hex');
    // Without Input, AWS sends "a default notification" it does not document; the local cloud sends {}.
    const input = (target.Input ?? '{}')
      .replaceAll('<aws.scheduler.schedule-arn>', schedule.arn)
      .replaceAll('<aws.scheduler.scheduled-time>', isoSeconds(scheduledTime))
      .replaceAll('<aws.scheduler.execution-id>', executionId)
      .replaceAll('<aws.scheduler.attempt-number>', String(attempt));
    const record = {
      at: this.cloud.clock.now(),
      scheduleArn: schedule.arn,
      scheduledTime: isoSeconds(scheduledTime),
      executionId,
      attempt,
      targetArn: target.Arn ?? '',
      call: '',
      input,
    };
    try {
      const call = targetCall(this.cloud, target, input, { accountId, region });
      record.call = `${call.service}:${call.operation}`;
      await invokeTarget(this.cloud, call);
      appendBounded(state.invocations, { ...record, status: 'delivered' });
      this.settle(accountId, region, schedule, deleteWhenDone);
    } catch (error) {
      const { code, message } = errorParts(error);
      const policy = target.RetryPolicy ?? {};
      const dueAt = this.cloud.clock.now() + backoffMs(attempt);
      const maxAttempts = policy.MaximumRetryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
      const maxAgeMs = (policy.MaximumEventAgeInSeconds ?? DEFAULT_EVENT_AGE_SECONDS) * 1000;
      if (isRetryable(error) && attempt <= maxAttempts && dueAt - firstAttemptAt <= maxAgeMs) {
        appendBounded(state.invocations, { ...record, status: 'retrying', errorCode: code, errorMessage: message });
        const retry: PendingInvocation = {
          id: randomUUID(),
          dueAt,
          groupName: schedule.groupName,
          name: schedule.name,
          scheduledTime,
          attempt: attempt + 1,
          firstAttemptAt,
          deleteWhenDone,
        };
        state.retries.push(retry);
        this.armRetry(accountId, region, retry);
        return;
      }
      appendBounded(state.invocations, { ...record, status: 'failed', errorCode: code, errorMessage: message });
      // AWS sends the failed invocation to the target's SQS dead-letter queue; the local cloud has no SQS.
      appendBounded(state.deadLetters, {
        at: this.cloud.clock.now(),
        scheduleArn: schedule.arn,
        targetArn: target.Arn ?? '',
        deadLetterArn: target.DeadLetterConfig?.Arn,
        scheduledTime: isoSeconds(scheduledTime),
        errorCode: code,
        errorMessage: message,
        retryAttempts: attempt - 1,
      });
      this.settle(accountId, region, schedule, deleteWhenDone);
    }
  }

  private armRetry(accountId: string, region: string, retry: PendingInvocation): void {
    const key = `${accountId}/${region}/retry/${retry.id}`;
    this.timers.set(
      key,
      this.cloud.clock.setTimeout(
        () => {
          this.timers.delete(key);
          const state = this.store.get(accountId, region);
          const index = state.retries.findIndex((r) => r.id === retry.id);
          if (index < 0) return;
          state.retries.splice(index, 1);
          const schedule = state.schedules[scheduleKey(retry.groupName, retry.name)];
          // A deleted schedule stops retrying.
          if (!schedule) return;
          void this.attempt(accountId, region, schedule, retry.scheduledTime, retry.attempt, retry.firstAttemptAt, retry.deleteWhenDone ?? false).catch(
            (error: unknown) => this.cloud.log(`schedule retry failed: ${String(error)}`),
          );
        },
        Math.max(0, retry.dueAt - this.cloud.clock.now()),
      ),
    );
  }

  /** Re-arms every schedule and pending retry of a restored state. */
  resume(): void {
    for (const { accountId, region, state } of this.store.entries()) {
      for (const schedule of Object.values(state.schedules)) this.arm(accountId, region, schedule, this.cloud.clock.now());
      for (const retry of state.retries) this.armRetry(accountId, region, retry);
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }
}
