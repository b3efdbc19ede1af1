/** Wall-clock time in an IANA time zone, and back, with the DST gaps and overlaps as they are. */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

export function wallTime(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** A wall time written as if it were UTC, to compare and subtract wall times. */
export function wallMs(wall: Omit<WallTime, 'second'> & { second?: number }): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
}

/** The zone's offset from UTC at an instant, in ms. */
export function offsetAt(epochMs: number, timeZone: string): number {
  const whole = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return wallMs(wallTime(whole, timeZone)) - whole;
}

/**
 * The first instant whose wall time in the zone is the given one; undefined when the wall time does not
 * exist (a spring-forward gap). In a fall-back overlap the earlier of the two instants wins.
 */
export function instantOf(wall: Omit<WallTime, 'second'>, timeZone: string): number | undefined {
  const target = wallMs(wall);
  const day = 86_400_000;
  const offsets = new Set([offsetAt(target - day, timeZone), offsetAt(target, timeZone), offsetAt(target + day, timeZone)]);
  let best: number | undefined;
  for (const offset of offsets) {
    const candidate = target - offset;
    if (wallMs(wallTime(candidate, timeZone)) === target && (best === undefined || candidate < best)) best = candidate;
  }
  return best;
}
