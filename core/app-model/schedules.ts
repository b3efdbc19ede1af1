import type { z } from 'zod';
import type { ResolvedConfig } from '../config/index.ts';
import { functions } from '../release/catalogue.ts';
import type { ScheduledRelease, UpstreamWatchInput } from '../release/events.ts';
import type { RoleResource, ScheduleResource } from './app-model.ts';
import { DEAD_LETTER_QUEUE, EVENT_RETRY_POLICY } from './event-rules.ts';
import { ref } from './references.ts';
import { boundedName, NAME_LIMITS } from './resource-names.ts';

export const SCHEDULER_ROLE = 'scheduler';
export const SCHEDULE_GROUP = 'default';

/**
 * What a schedule hands its function (core/release/events.ts: ScheduledRelease, UpstreamWatchInput). Scheduler
 * fills the `<aws.scheduler.…>` attributes when it fires, so the function derives a deterministic release id
 * from the scheduled time.
 */
export type ScheduleInput = z.input<typeof ScheduledRelease> | z.input<typeof UpstreamWatchInput>;

function scheduleInput(schedule: 'release' | 'upstream-watch', pipeline: string): string {
  const input: ScheduleInput = {
    kind: schedule === 'release' ? 'scheduled' : 'upstream-watch',
    pipeline,
    scheduledTime: '<aws.scheduler.scheduled-time>',
    id: '<aws.scheduler.execution-id>',
  };
  return JSON.stringify(input);
}

/** Per pipeline: its release schedule (cron and time zone → trigger-release) and its upstream watch (→ watch-upstream). */
export function scheduleResources(resolved: ResolvedConfig, options: { prefix: string }): { schedules: ScheduleResource[]; roles: RoleResource[] } {
  const targetOf = (schedule: 'release' | 'upstream-watch') => {
    const fn = functions.find((f) => f.triggers.some((t) => t.kind === 'schedule' && t.schedule === schedule));
    if (!fn) throw new Error(`core/release/catalogue.ts lists no function for the '${schedule}' schedule.`);
    return fn.name;
  };
  const schedules: ScheduleResource[] = [];
  for (const { config } of resolved.pipelines) {
    const entries = [
      ['release', config.schedule, 'Starts a release'] as const,
      ['upstream-watch', config.upstreamWatch, 'Checks the parent image for a newer version'] as const,
    ];
    for (const [schedule, settings, what] of entries) {
      if (!settings) continue;
      schedules.push({
        key: `${config.name}/${schedule}`,
        name: boundedName(options.prefix, `${config.name}-${schedule}`, NAME_LIMITS.schedule),
        groupName: SCHEDULE_GROUP,
        description: `${what} of ${config.name}`,
        pipeline: config.name,
        schedule,
        expression: settings.expression,
        timezone: settings.timezone,
        target: {
          arn: ref('function', targetOf(schedule)),
          roleArn: ref('role', SCHEDULER_ROLE),
          input: scheduleInput(schedule, config.name),
          retryPolicy: EVENT_RETRY_POLICY,
          deadLetterQueueArn: ref('queue', DEAD_LETTER_QUEUE),
        },
      });
    }
  }
  const roles: RoleResource[] = schedules.length
    ? [
        {
          key: SCHEDULER_ROLE,
          name: boundedName(options.prefix, SCHEDULER_ROLE, NAME_LIMITS.role),
          principal: 'scheduler.amazonaws.com',
          actions: ['lambda:InvokeFunction', 'sqs:SendMessage'],
          managedPolicyArns: [],
        },
      ]
    : [];
  return { schedules, roles };
}
