import type { AslState } from './asl.ts';
import { type Frame, stateContext } from './frame.ts';
import { evaluatePath } from './payload-evaluation.ts';
import { sleep } from './simulated-time.ts';
import { runtimeError } from './states-error.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A Wait state on the simulated clock: Seconds, SecondsPath, Timestamp or TimestampPath. Passes its input on. */
export async function runWait(frame: Frame, name: string, state: AslState, input: unknown): Promise<unknown> {
  const now = frame.run.cloud.clock.now();
  const until = now + (await waitMs(frame, name, state, input, now));
  await sleep(frame, until - frame.run.cloud.clock.now());
  return input;
}

async function waitMs(frame: Frame, name: string, state: AslState, input: unknown, now: number): Promise<number> {
  if (typeof state.Seconds === 'number') return state.Seconds * 1000;
  if (typeof state.Timestamp === 'string') return timestampMs(state.Timestamp, 'Timestamp') - now;
  const context = stateContext(frame, name, 0);
  if (typeof state.SecondsPath === 'string') {
    const seconds = await evaluatePath(state.SecondsPath, input, context);
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0)
      throw runtimeError(`The SecondsPath parameter does not reference a valid integer value: ${JSON.stringify(seconds)}`);
    return seconds * 1000;
  }
  if (typeof state.TimestampPath === 'string') {
    const timestamp = await evaluatePath(state.TimestampPath, input, context);
    return timestampMs(timestamp, 'TimestampPath') - now;
  }
  return 0;
}

function timestampMs(value: unknown, field: string): number {
  const ms = typeof value === 'string' && RFC3339.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw runtimeError(`The ${field} parameter does not reference a valid ISO-8601 extended offset date-time format string: ${JSON.stringify(value)}`);
  return ms;
}
