import { z } from 'zod';
import { didYouMean } from './closest-name.ts';
import { problem } from './config-issue.ts';

const CRON_FORM = 'Use the 6-field form cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 3 ? * TUE#2 *)';
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly step?: boolean;
  readonly question?: boolean;
  readonly last?: boolean;
  readonly weekday?: boolean;
  readonly nth?: boolean;
}

// The fields and wildcards of EventBridge Scheduler's cron expressions, as AWS documents them.
const FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59, step: true },
  { name: 'hours', min: 0, max: 23, step: true },
  { name: 'day-of-month', min: 1, max: 31, step: true, question: true, last: true, weekday: true },
  { name: 'month', min: 1, max: 12, names: MONTHS, step: true },
  { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS, question: true, last: true, nth: true },
  { name: 'year', min: 1970, max: 2199, step: true },
];

/** Checks an EventBridge Scheduler recurring expression; returns a problem message, or undefined when it is valid. */
export function checkScheduleExpression(expression: string): string | undefined {
  const trimmed = expression.trim();
  if (trimmed.startsWith('cron(') && trimmed.endsWith(')')) return checkCron(trimmed.slice(5, -1));
  if (trimmed.startsWith('rate(') && trimmed.endsWith(')')) return checkRate(trimmed.slice(5, -1));
  if (trimmed.startsWith('at(')) return problem('must be a recurring schedule', 'at(…) runs only once; use cron(…) or rate(…)');
  return problem('must be cron(…) or rate(…)', `${CRON_FORM}, or rate(1 day)`);
}

function checkRate(body: string): string | undefined {
  const match = /^(\S+)\s+(\S+)$/.exec(body.trim());
  if (!match) return problem('rate() needs a value and a unit', 'Use e.g. rate(1 day) or rate(12 hours)');
  const [, value, unit] = match;
  if (!/^[1-9]\d*$/.test(value)) return problem(`rate value '${value}' must be a positive whole number`, 'Use e.g. rate(1 day) or rate(12 hours)');
  if (!['minute', 'minutes', 'hour', 'hours', 'day', 'days'].includes(unit)) {
    return problem(`rate unit '${unit}' is not supported`, 'Use minute(s), hour(s) or day(s), e.g. rate(7 days)');
  }
  return undefined;
}

function checkCron(body: string): string | undefined {
  const parts = body.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== 6) {
    const hint = parts.length === 5 ? ". A Unix cron has 5 fields: AWS adds a year field and needs '?' in day-of-month or day-of-week" : '';
    return problem(`cron expressions have 6 fields, this one has ${parts.length}`, `${CRON_FORM}${hint}`);
  }
  for (const [index, field] of FIELDS.entries()) {
    const fieldProblem = checkCronField(field, parts[index]);
    if (fieldProblem) return problem(`cron ${field.name} '${parts[index]}' ${fieldProblem}`, CRON_FORM);
  }
  const dayOfMonth = parts[2] === '?';
  const dayOfWeek = parts[4] === '?';
  if (dayOfMonth === dayOfWeek) {
    return problem(
      "cron needs '?' in exactly one of day-of-month and day-of-week",
      "AWS cannot combine both day fields: put '?' in the one you do not use, e.g. cron(0 3 ? * TUE#2 *) or cron(0 3 1 * ? *)",
    );
  }
  return undefined;
}

function checkCronField(field: CronField, text: string): string | undefined {
  if (text === '?') return field.question ? undefined : "cannot be '?'";
  const items = text.split(',');
  if (items.some((item) => item === '?')) return "can use '?' only on its own";
  for (const item of items) {
    const itemProblem = checkCronItem(field, item);
    if (itemProblem) return itemProblem;
  }
  return undefined;
}

function checkCronItem(field: CronField, item: string): string | undefined {
  if (item === '') return 'has an empty list item';
  if (item === 'L') return field.last ? undefined : "cannot use 'L'";
  if (item === 'LW') return field.weekday ? undefined : "cannot use 'LW'";
  const weekday = /^(\d+)W$/.exec(item);
  if (weekday) return field.weekday ? checkValue(field, weekday[1]) : "cannot use 'W'";
  const nth = /^([A-Za-z0-9]+)#(\d+)$/.exec(item);
  if (nth) {
    if (!field.nth) return "cannot use '#'";
    return checkValue(field, nth[1]) ?? (/^[1-5]$/.test(nth[2]) ? undefined : 'is out of range: the number after # must be 1–5');
  }
  const lastOf = /^([A-Za-z0-9]+)L$/.exec(item);
  if (lastOf && field.nth) return checkValue(field, lastOf[1]);
  const [range, step, extra] = item.split('/');
  if (extra !== undefined) return "has more than one '/'";
  if (step !== undefined) {
    if (!field.step) return "cannot use '/'";
    if (!/^[1-9]\d*$/.test(step)) return `has an invalid increment '${step}': it must be a positive whole number`;
  }
  if (range === '*') return undefined;
  const bounds = range.split('-');
  if (bounds.length > 2) return `has an invalid range '${range}'`;
  for (const bound of bounds) {
    const boundProblem = checkValue(field, bound);
    if (boundProblem) return boundProblem;
  }
  return undefined;
}

function checkValue(field: CronField, value: string): string | undefined {
  if (/^\d+$/.test(value)) {
    const number = Number(value);
    return number >= field.min && number <= field.max ? undefined : `is out of range ${field.min}–${field.max}`;
  }
  if (field.names?.includes(value.toUpperCase())) return undefined;
  const names = field.names ? ` or ${field.names[0]}–${field.names[field.names.length - 1]}` : '';
  return `has an invalid value '${value}': use ${field.min}–${field.max}${names}`;
}

/** Checks an IANA time zone name as EventBridge Scheduler takes it; returns a problem message, or undefined when it is valid. */
export function checkTimezone(timezone: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(timezone)) {
    return problem('must be an IANA time zone name', "Use a name like 'Europe/Berlin' or 'UTC', not an offset");
  }
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    return problem('is not a known IANA time zone', `Use a name like 'Europe/Berlin' or 'UTC'.${didYouMean(timezone, Intl.supportedValuesOf('timeZone'))}`);
  }
  if (resolved !== timezone && resolved.toLowerCase() === timezone.toLowerCase()) {
    return problem('must use the IANA spelling', `Write '${resolved}'`);
  }
  return undefined;
}

/** A recurring schedule: when it fires, in which time zone (daylight saving time follows the zone). */
export const scheduleSchema = z.strictObject({
  /**
   * An EventBridge Scheduler expression: `cron(minutes hours day-of-month month day-of-week year)` or `rate(value unit)`.
   * @example 'cron(0 3 ? * TUE#2 *)' // 03:00 on the second Tuesday of every month
   */
  expression: z.string().superRefine((value, ctx) => {
    const message = checkScheduleExpression(value);
    if (message) ctx.addIssue({ code: 'custom', message, input: value });
  }),
  /**
   * The IANA time zone the expression is evaluated in.
   * @default 'UTC'
   */
  timezone: z
    .string()
    .superRefine((value, ctx) => {
      const message = checkTimezone(value);
      if (message) ctx.addIssue({ code: 'custom', message, input: value });
    })
    .default('UTC'),
});

export type ScheduleConfig = z.output<typeof scheduleSchema>;
