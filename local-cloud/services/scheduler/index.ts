import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore, ServiceDefinition } from '../../service.ts';
import {
  createScheduleGroup,
  deleteScheduleGroup,
  getScheduleGroup,
  listScheduleGroups,
  listTagsForResource,
  tagResource,
  untagResource,
} from './group-operations.ts';
import { ScheduleRunner } from './runner.ts';
import { createSchedule, deleteSchedule, getSchedule, listSchedules, updateSchedule } from './schedule-operations.ts';
import { createSchedulerStore, type ScheduleDeadLetterRecord, type ScheduleInvocationRecord, type SchedulerState, scheduleKey, stateOf } from './store.ts';

/**
 * EventBridge Scheduler: schedules (cron with time zones, rate, at) that fire on the simulated clock and
 * invoke templated targets (Lambda, Step Functions, SNS, EventBridge) or any API as a universal target.
 */
export class SchedulerService {
  readonly definition: ServiceDefinition;
  readonly store: RegionalStore<SchedulerState>;
  readonly runner: ScheduleRunner;
  private readonly cloud: CloudRuntime;

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.store = createSchedulerStore();
    this.runner = new ScheduleRunner(cloud, this.store);
    this.definition = {
      signingName: 'scheduler',
      model: 'scheduler-2021-06-30',
      operations: {
        CreateSchedule: createSchedule,
        GetSchedule: getSchedule,
        UpdateSchedule: updateSchedule,
        DeleteSchedule: deleteSchedule,
        ListSchedules: listSchedules,
        CreateScheduleGroup: createScheduleGroup,
        GetScheduleGroup: getScheduleGroup,
        ListScheduleGroups: listScheduleGroups,
        DeleteScheduleGroup: deleteScheduleGroup,
        TagResource: tagResource,
        UntagResource: untagResource,
        ListTagsForResource: listTagsForResource,
      },
    };
  }

  /**
   * When the schedule fires next (epoch ms), for tools that jump the clock to it; undefined when it is
   * disabled, does not exist, or will not fire again.
   */
  nextFireTime(accountId: string, region: string, groupName: string, name: string): number | undefined {
    const schedule = this.store.get(accountId, region).schedules[scheduleKey(groupName, name)];
    return schedule?.state === 'ENABLED' ? schedule.nextFireAt : undefined;
  }

  /** Every invocation attempt in an account and region, oldest first. */
  invocations(accountId: string, region: string): ScheduleInvocationRecord[] {
    return stateOf(this.store, accountId, region, this.cloud.clock.now()).invocations;
  }

  /** Invocations that failed for good (AWS would send them to the target's dead-letter queue). */
  deadLetters(accountId: string, region: string): ScheduleDeadLetterRecord[] {
    return stateOf(this.store, accountId, region, this.cloud.clock.now()).deadLetters;
  }

  resume(): void {
    this.runner.stop();
    this.runner.resume();
  }

  async stop(): Promise<void> {
    this.runner.stop();
  }
}
