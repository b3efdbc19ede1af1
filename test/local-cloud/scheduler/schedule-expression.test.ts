import { describe, expect, it } from 'vitest';
import { CronSyntaxError } from '../../../local-cloud/services/scheduler/aws-cron.ts';
import { nextFireTime, parseScheduleExpression } from '../../../local-cloud/services/scheduler/schedule-expression.ts';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The next `count` fire times after `from`, as ISO strings. */
function fires(
  expression: string,
  from: string,
  count: number,
  timeZone = 'UTC',
  window: { startMs?: number; endMs?: number } = {},
): Array<string | undefined> {
  const parsed = parseScheduleExpression(expression, { allowAt: true });
  const out: Array<string | undefined> = [];
  let after = Date.parse(from);
  for (let i = 0; i < count; i++) {
    const next = nextFireTime(parsed, after, { timeZone, anchorMs: Date.parse(from), ...window });
    out.push(iso(next));
    if (next === undefined) break;
    after = next;
  }
  return out;
}

describe('Scheduler: schedule expressions', () => {
  it('fires cron(0 3 ? * TUE#2 *) on the second Tuesday at 03:00 Berlin time across both DST changes', () => {
    // Act
    const times = fires('cron(0 3 ? * TUE#2 *)', '2026-01-01T00:00:00Z', 12, 'Europe/Berlin');
    // Assess: 03:00 CET is 02:00Z; 03:00 CEST (29 March to 25 October 2026) is 01:00Z.
    expect(times).toEqual([
      '2026-01-13T02:00:00.000Z',
      '2026-02-10T02:00:00.000Z',
      '2026-03-10T02:00:00.000Z',
      '2026-04-14T01:00:00.000Z',
      '2026-05-12T01:00:00.000Z',
      '2026-06-09T01:00:00.000Z',
      '2026-07-14T01:00:00.000Z',
      '2026-08-11T01:00:00.000Z',
      '2026-09-08T01:00:00.000Z',
      '2026-10-13T01:00:00.000Z',
      '2026-11-10T02:00:00.000Z',
      '2026-12-08T02:00:00.000Z',
    ]);
  });

  it.each([
    ['every 15 minutes', 'cron(0/15 * * * ? *)', ['2026-03-04T10:15:00.000Z', '2026-03-04T10:30:00.000Z', '2026-03-04T10:45:00.000Z']],
    ['weekdays at 08:30 by name', 'cron(30 8 ? * MON-FRI *)', ['2026-03-05T08:30:00.000Z', '2026-03-06T08:30:00.000Z', '2026-03-09T08:30:00.000Z']],
    ['weekdays at 08:30 by number', 'cron(30 8 ? * 2-6 *)', ['2026-03-05T08:30:00.000Z', '2026-03-06T08:30:00.000Z', '2026-03-09T08:30:00.000Z']],
    ['the last day of the month', 'cron(0 0 L * ? *)', ['2026-03-31T00:00:00.000Z', '2026-04-30T00:00:00.000Z', '2026-05-31T00:00:00.000Z']],
    ['the last Friday of the month', 'cron(0 12 ? * 6L *)', ['2026-03-27T12:00:00.000Z', '2026-04-24T12:00:00.000Z', '2026-05-29T12:00:00.000Z']],
    ['the weekday nearest the 1st', 'cron(0 9 1W * ? *)', ['2026-04-01T09:00:00.000Z', '2026-05-01T09:00:00.000Z', '2026-06-01T09:00:00.000Z']],
    ['the weekday nearest a Saturday 15th', 'cron(0 9 15W AUG ? 2026)', ['2026-08-14T09:00:00.000Z', undefined]],
    ['the last weekday of the month', 'cron(0 18 LW * ? *)', ['2026-03-31T18:00:00.000Z', '2026-04-30T18:00:00.000Z', '2026-05-29T18:00:00.000Z']],
    ['listed months by name', 'cron(0 0 1 JAN,JUL ? *)', ['2026-07-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', '2027-07-01T00:00:00.000Z']],
    ['a single year', 'cron(0 0 1 1 ? 2027)', ['2027-01-01T00:00:00.000Z', undefined]],
    ['a wrapping hour range', 'cron(0 23-1 4 3 ? 2026)', ['2026-03-04T23:00:00.000Z', undefined]],
  ])('fires %s', (_name, expression, expected) => {
    // Act
    const times = fires(expression, '2026-03-04T10:00:00Z', expected.length);
    // Assess
    expect(times).toEqual(expected);
  });

  it('skips a wall time that the spring-forward change leaves out', () => {
    // Act: 02:30 does not exist in Berlin on 29 March 2026.
    const times = fires('cron(30 2 * * ? *)', '2026-03-27T12:00:00Z', 3, 'Europe/Berlin');
    // Assess
    expect(times).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z']);
  });

  it('fires once at a wall time that the fall-back change repeats', () => {
    // Act: 02:30 happens twice in Berlin on 25 October 2026.
    const times = fires('cron(30 2 * * ? *)', '2026-10-24T12:00:00Z', 3, 'Europe/Berlin');
    // Assess
    expect(times).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
  });

  it('counts rates from the anchor, first firing at the anchor itself', () => {
    // Prepare
    const rate = parseScheduleExpression('rate(5 minutes)', { allowAt: false });
    const anchorMs = Date.parse('2026-03-04T10:00:00Z');
    // Act
    const first = nextFireTime(rate, anchorMs - 1, { timeZone: 'UTC', anchorMs });
    const later = nextFireTime(rate, anchorMs + 7 * 60_000, { timeZone: 'UTC', anchorMs });
    // Assess
    expect(iso(first)).toBe('2026-03-04T10:00:00.000Z');
    expect(iso(later)).toBe('2026-03-04T10:10:00.000Z');
  });

  it('fires an at() expression once, in its time zone', () => {
    // Act
    const times = fires('at(2026-07-01T09:00:00)', '2026-06-01T00:00:00Z', 2, 'America/New_York');
    // Assess
    expect(times).toEqual(['2026-07-01T13:00:00.000Z', undefined]);
  });

  it('keeps recurring fire times within StartDate and before EndDate', () => {
    // Act
    const times = fires('cron(0 12 * * ? *)', '2026-03-01T00:00:00Z', 5, 'UTC', {
      startMs: Date.parse('2026-03-10T00:00:00Z'),
      endMs: Date.parse('2026-03-12T12:00:00Z'),
    });
    // Assess
    expect(times).toEqual(['2026-03-10T12:00:00.000Z', '2026-03-11T12:00:00.000Z', undefined]);
  });

  it.each([
    ['cron(0 3 * * * *)', 'both day fields set'],
    ['cron(0 3 ? * ? *)', 'both day fields ?'],
    ['cron(0 3 * *)', 'too few fields'],
    ['cron(60 3 ? * MON *)', 'a minute out of range'],
    ['cron(0 3 ? * TUE#6 *)', 'a sixth weekday'],
    ['cron(0 3 ? * FUNDAY *)', 'an unknown day name'],
    ['cron(0 3 ? * MON 1969)', 'a year before 1970'],
    ['rate(1 minutes)', 'a plural unit for 1'],
    ['rate(5 minute)', 'a singular unit for 5'],
    ['rate(0 minutes)', 'a zero rate'],
    ['rate(5 weeks)', 'an unknown unit'],
    ['at(2026-02-30T00:00:00)', 'a date that does not exist'],
    ['every day', 'text that is no expression'],
  ])('rejects %s (%s)', (expression) => {
    // Act
    const parse = () => parseScheduleExpression(expression, { allowAt: true });
    // Assess
    expect(parse).toThrow(CronSyntaxError);
  });

  it('rejects at() where only cron and rate are allowed', () => {
    // Act
    const parse = () => parseScheduleExpression('at(2026-07-01T09:00:00)', { allowAt: false });
    // Assess
    expect(parse).toThrow(CronSyntaxError);
  });
});
