import { type AwsCron, CronSyntaxError, nextCronTime, parseAwsCron } from './aws-cron.ts';
import { instantOf } from './time-zone.ts';

/** `cron(...)`, `rate(...)` and (Scheduler only) `at(...)`, parsed. */
export type ScheduleExpression =
  | { kind: 'cron'; cron: AwsCron }
  | { kind: 'rate'; everyMs: number }
  | { kind: 'at'; wall: { year: number; month: number; day: number; hour: number; minute: number; second: number } };

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseScheduleExpression(text: string, options: { allowAt: boolean }): ScheduleExpression {
  const cron = /^cron\((.*)\)$/.exec(text);
  if (cron) return { kind: 'cron', cron: parseAwsCron(cron[1]) };
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2];
    // AWS: a value of 1 takes the singular unit, any other value the plural.
    if (value < 1 || (value === 1) !== !unit.endsWith('s')) throw new CronSyntaxError(`rate(${rate[1]} ${unit}) mixes value and unit`);
    return { kind: 'rate', everyMs: value * UNIT_MS[unit.replace(/s$/, '')] };
  }
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(text);
  if (at && options.allowAt) {
    const [year, month, day, hour, minute, second] = at.slice(1).map(Number);
    const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
      throw new CronSyntaxError(`${text} is not a valid date and time`);
    return { kind: 'at', wall: { year, month, day, hour, minute, second } };
  }
  throw new CronSyntaxError(`${text} is not a cron, rate${options.allowAt ? ' or at' : ''} expression`);
}

export interface FireWindow {
  timeZone: string;
  /** Rates count from here (the schedule's StartDate, or when it was created). */
  anchorMs: number;
  startMs?: number;
  endMs?: number;
}

/** The first time the expression fires strictly after `afterMs`, within the window; undefined when it never will. */
export function nextFireTime(expression: ScheduleExpression, afterMs: number, window: FireWindow): number | undefined {
  let next: number | undefined;
  switch (expression.kind) {
    case 'at': {
      const { second, ...wall } = expression.wall;
      const instant = instantOf(wall, window.timeZone);
      // One-time schedules ignore StartDate and EndDate; one whose time has passed never fires.
      return instant !== undefined && instant + second * 1000 > afterMs ? instant + second * 1000 : undefined;
    }
    case 'cron':
      next = nextCronTime(expression.cron, Math.max(afterMs, (window.startMs ?? Number.NEGATIVE_INFINITY) - 1), window.timeZone);
      break;
    case 'rate': {
      const from = Math.max(afterMs, (window.startMs ?? Number.NEGATIVE_INFINITY) - 1);
      const steps = Math.max(0, Math.floor((from - window.anchorMs) / expression.everyMs) + 1);
      next = window.anchorMs + steps * expression.everyMs;
      break;
    }
  }
  if (next === undefined || (window.endMs !== undefined && next >= window.endMs)) return undefined;
  return next;
}
