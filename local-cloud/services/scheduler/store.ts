import type { FlexibleTimeWindow, Target } from '@aws-sdk/client-scheduler';
import { RegionalStore, type RequestContext } from '../../service.ts';
import { appendBounded } from '../events/store.ts';
import { groupNotFound, scheduleNotFound } from './errors.ts';

/** EventBridge Scheduler state per account and region: plain JSON, epoch-ms times. */

export interface ScheduleGroupRecord {
  name: string;
  arn: string;
  createdAt: number;
  lastModifiedAt: number;
  clientToken?: string;
}

export interface ScheduleRecord {
  name: string;
  groupName: string;
  arn: string;
  description?: string;
  scheduleExpression: string;
  scheduleExpressionTimezone?: string;
  startDate?: number;
  endDate?: number;
  state: string;
  flexibleTimeWindow: FlexibleTimeWindow;
  target: Target;
  kmsKeyArn?: string;
  actionAfterCompletion?: string;
  createdAt: number;
  lastModifiedAt: number;
  /** Rates count from here: the StartDate, or when the schedule was last created or updated. */
  anchor: number;
  /** The next invocation, so that a restored cloud re-arms it; unset when the schedule will not fire again. */
  nextFireAt?: number;
  /** The ClientToken it was created with: a retried CreateSchedule with the same token answers the same schedule. */
  clientToken?: string;
}

/** One attempt to invoke a schedule's target. */
export interface ScheduleInvocationRecord {
  at: number;
  scheduleArn: string;
  scheduledTime: string;
  executionId: string;
  attempt: number;
  targetArn: string;
  /** The call made, e.g. `lambda:Invoke`, `states:StartExecution`. */
  call: string;
  input: string;
  status: 'delivered' | 'retrying' | 'failed';
  errorCode?: string;
  errorMessage?: string;
}

/** An invocation that failed for good; AWS sends it to the target's SQS dead-letter queue, the local cloud keeps it here. */
export interface ScheduleDeadLetterRecord {
  at: number;
  scheduleArn: string;
  targetArn: string;
  deadLetterArn?: string;
  scheduledTime: string;
  errorCode: string;
  errorMessage: string;
  retryAttempts: number;
}

export interface PendingInvocation {
  id: string;
  dueAt: number;
  groupName: string;
  name: string;
  scheduledTime: number;
  attempt: number;
  firstAttemptAt: number;
  /** The schedule's last invocation, after which ActionAfterCompletion DELETE removes it. */
  deleteWhenDone?: boolean;
}

export interface SchedulerState {
  groups: Record<string, ScheduleGroupRecord>;
  /** Keyed by `<group>/<name>`. */
  schedules: Record<string, ScheduleRecord>;
  tags: Record<string, Record<string, string>>;
  invocations: ScheduleInvocationRecord[];
  deadLetters: ScheduleDeadLetterRecord[];
  retries: PendingInvocation[];
}

export function createSchedulerStore(): RegionalStore<SchedulerState> {
  return new RegionalStore<SchedulerState>(() => ({ groups: {}, schedules: {}, tags: {}, invocations: [], deadLetters: [], retries: [] }));
}

export { appendBounded };

export const groupArn = (accountId: string, region: string, name: string) => `arn:aws:scheduler:${region}:${accountId}:schedule-group/${name}`;
export const scheduleArn = (accountId: string, region: string, group: string, name: string) =>
  `arn:aws:scheduler:${region}:${accountId}:schedule/${group}/${name}`;
export const scheduleKey = (group: string, name: string) => `${group}/${name}`;

/** The state of one account and region, with its default schedule group, which every account has. */
export function stateOf(store: RegionalStore<SchedulerState>, accountId: string, region: string, now: number): SchedulerState {
  const state = store.get(accountId, region);
  if (!state.groups.default) state.groups.default = { name: 'default', arn: groupArn(accountId, region, 'default'), createdAt: now, lastModifiedAt: now };
  return state;
}

export function schedulerState(ctx: RequestContext): SchedulerState {
  return stateOf(ctx.cloud.services.scheduler.store, ctx.accountId, ctx.region, ctx.cloud.clock.now());
}

export function findGroup(state: SchedulerState, name: string | undefined): ScheduleGroupRecord {
  const group = state.groups[name ?? 'default'];
  if (!group) throw groupNotFound(name ?? 'default');
  return group;
}

export function findSchedule(state: SchedulerState, groupName: string | undefined, name: string): ScheduleRecord {
  const schedule = state.schedules[scheduleKey(groupName ?? 'default', name)];
  if (!schedule) throw scheduleNotFound(name);
  return schedule;
}
