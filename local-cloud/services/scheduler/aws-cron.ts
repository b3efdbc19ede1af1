import { instantOf, offsetAt, wallTime } from './time-zone.ts';

/**
 * AWS's six-field cron (`minutes hours day-of-month month day-of-week year`), as EventBridge rules and
 * EventBridge Scheduler read it: `?`, `L`, `W`, `LW`, `#`, day-of-week 1–7 = SUN–SAT, month and day
 * names, ranges, lists and steps. Evaluated in any IANA time zone; a wall time that DST skips does not
 * fire, and a repeated wall time fires once.
 */

export class CronSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronSyntaxError';
  }
}

type DayRule =
  | { kind: 'days'; days: Set<number> }
  | { kind: 'last-day' }
  | { kind: 'last-weekday' }
  | { kind: 'nearest-weekday'; day: number }
  | { kind: 'weekdays'; days: Set<number> }
  | { kind: 'last-of'; weekday: number }
  | { kind: 'nth'; weekday: number; n: number };

export interface AwsCron {
  minutes: number[];
  hours: number[];
  months: Set<number>;
  years: Set<number>;
  /** Exactly one of the two day fields is set; the other was `?`. */
  dayOfMonth?: DayRule[];
  dayOfWeek?: DayRule[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2199;

const invalid = (message: string): never => {
  throw new CronSyntaxError(message);
};

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

function value(text: string, spec: FieldSpec): number {
  const upper = text.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text)) return invalid(`${spec.name}: '${text}' is not a value`);
  const n = Number(text);
  if (n < spec.min || n > spec.max) invalid(`${spec.name}: ${n} is outside ${spec.min}-${spec.max}`);
  return n;
}

/** `*`, `a`, `a-b`, `a/s`, `*\/s`, `a-b/s` and lists of them; a range may wrap (FRI-MON). */
function values(field: string, spec: FieldSpec): Set<number> {
  const out = new Set<number>();
  for (const item of field.split(',')) {
    const [base, stepText, extra] = item.split('/');
    if (extra !== undefined || base === '') invalid(`${spec.name}: '${item}' is not valid`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || !/^\d+$/.test(stepText ?? '1')) invalid(`${spec.name}: step '${stepText}' is not valid`);
    let from: number;
    let to: number;
    if (base === '*') [from, to] = [spec.min, spec.max];
    else if (base.includes('-')) {
      const [a, b, more] = base.split('-');
      if (more !== undefined) invalid(`${spec.name}: '${item}' is not valid`);
      [from, to] = [value(a, spec), value(b, spec)];
    } else {
      from = value(base, spec);
      to = stepText === undefined ? from : spec.max;
    }
    const span = spec.max - spec.min + 1;
    const length = to >= from ? to - from : to + span - from;
    for (let i = 0; i <= length; i += step) out.add(((from - spec.min + i) % span) + spec.min);
  }
  return out;
}

const MINUTE: FieldSpec = { name: 'Minutes', min: 0, max: 59 };
const HOUR: FieldSpec = { name: 'Hours', min: 0, max: 23 };
const DAY: FieldSpec = { name: 'Day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = { name: 'Month', min: 1, max: 12, names: MONTHS };
const WEEKDAY: FieldSpec = { name: 'Day-of-week', min: 1, max: 7, names: WEEKDAYS };
const YEAR: FieldSpec = { name: 'Year', min: FIRST_YEAR, max: LAST_YEAR };

function dayOfMonthRules(field: string): DayRule[] {
  return field.split(',').map((item): DayRule => {
    const upper = item.toUpperCase();
    if (upper === 'L') return { kind: 'last-day' };
    if (upper === 'LW') return { kind: 'last-weekday' };
    const nearest = /^(\d+)W$/.exec(upper);
    if (nearest) return { kind: 'nearest-weekday', day: value(nearest[1], DAY) };
    return { kind: 'days', days: values(item, DAY) };
  });
}

function dayOfWeekRules(field: string): DayRule[] {
  return field.split(',').map((item): DayRule => {
    const upper = item.toUpperCase();
    if (upper === 'L') return { kind: 'weekdays', days: new Set([7]) };
    const last = /^(\w+)L$/.exec(upper);
    if (last) return { kind: 'last-of', weekday: value(last[1], WEEKDAY) };
    const nth = /^(\w+)#(\d+)$/.exec(upper);
    if (nth) {
      const n = Number(nth[2]);
      if (n < 1 || n > 5) invalid(`Day-of-week: '${item}' asks for occurrence ${n}; use 1-5`);
      return { kind: 'nth', weekday: value(nth[1], WEEKDAY), n };
    }
    return { kind: 'weekdays', days: values(item, WEEKDAY) };
  });
}

/** Parses the inside of `cron(...)`. */
export function parseAwsCron(body: string): AwsCron {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) invalid(`expected 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`);
  const [minutes, hours, dom, month, dow, year] = fields;
  // AWS: one of the two day fields must be `?`, and not both.
  if ((dom === '?') === (dow === '?')) invalid('exactly one of day-of-month and day-of-week must be ?');
  return {
    minutes: [...values(minutes, MINUTE)].sort((a, b) => a - b),
    hours: [...values(hours, HOUR)].sort((a, b) => a - b),
    months: values(month, MONTH),
    years: values(year, YEAR),
    dayOfMonth: dom === '?' ? undefined : dayOfMonthRules(dom),
    dayOfWeek: dow === '?' ? undefined : dayOfWeekRules(dow),
  };
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 1–7 = SUN–SAT, as AWS numbers weekdays. */
const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
const isWorkday = (weekday: number) => weekday >= 2 && weekday <= 6;

function nearestWeekday(year: number, month: number, day: number): number | undefined {
  const last = daysIn(year, month);
  if (day > last) return undefined;
  const weekday = weekdayOf(year, month, day);
  if (isWorkday(weekday)) return day;
  if (weekday === 7) return day === 1 ? 3 : day - 1;
  return day === last ? day - 2 : day + 1;
}

function dayMatches(rule: DayRule, year: number, month: number, day: number): boolean {
  const last = daysIn(year, month);
  switch (rule.kind) {
    case 'days':
      return rule.days.has(day);
    case 'last-day':
      return day === last;
    case 'last-weekday': {
      let d = last;
      while (!isWorkday(weekdayOf(year, month, d))) d--;
      return day === d;
    }
    case 'nearest-weekday':
      return nearestWeekday(year, month, rule.day) === day;
    case 'weekdays':
      return rule.days.has(weekdayOf(year, month, day));
    case 'last-of':
      return weekdayOf(year, month, day) === rule.weekday && day + 7 > last;
    case 'nth':
      return weekdayOf(year, month, day) === rule.weekday && Math.ceil(day / 7) === rule.n;
  }
}

function dateMatches(cron: AwsCron, year: number, month: number, day: number): boolean {
  const rules = cron.dayOfMonth ?? cron.dayOfWeek ?? [];
  return rules.some((rule) => dayMatches(rule, year, month, day));
}

const HOUR_MS = 3_600_000;

/** The first instant strictly after `afterMs` (on a whole minute) at which the cron fires, if any. */
export function nextCronTime(cron: AwsCron, afterMs: number, timeZone = 'UTC'): number | undefined {
  const start = wallTime(afterMs, timeZone);
  // Start a day early: around a DST overlap the wall clock of `afterMs` can be ahead of a later instant.
  let date = new Date(Date.UTC(start.year, start.month - 1, start.day - 1));
  for (;;) {
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    if (year > LAST_YEAR) return undefined;
    if (!cron.years.has(year)) {
      date = new Date(Date.UTC(year + 1, 0, 1));
      continue;
    }
    if (!cron.months.has(month)) {
      date = new Date(Date.UTC(year, month, 1));
      continue;
    }
    if (dateMatches(cron, year, month, day)) {
      const noonOffset = offsetAt(Date.UTC(year, month - 1, day, 12), timeZone);
      for (const hour of cron.hours) {
        for (const minute of cron.minutes) {
          // Cheap skip of wall times well before `afterMs`; DST moves wall time by hours at most.
          if (Date.UTC(year, month - 1, day, hour, minute) - noonOffset < afterMs - 3 * HOUR_MS) continue;
          const instant = instantOf({ year, month, day, hour, minute }, timeZone);
          if (instant !== undefined && instant > afterMs) return instant;
        }
      }
    }
    date = new Date(Date.UTC(year, month - 1, day + 1));
  }
}
