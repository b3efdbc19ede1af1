import { type AslState, retriersOf } from './asl.ts';
import { maxAttempts, retrierFor, retryDelayMs } from './error-matching.ts';
import type { Frame } from './frame.ts';
import { sleep } from './simulated-time.ts';
import { RunAbortedError, toStatesError } from './states-error.ts';

/**
 * Runs a Task, Map or Parallel state with its Retry field: each retrier counts its own attempts,
 * the first matching retrier decides (an exhausted one does not fall through to the next), and the
 * pause is slept on the simulated clock. `attempt` receives $$.State.RetryCount.
 */
export async function withRetry<T>(frame: Frame, state: AslState, attempt: (retryCount: number) => Promise<T>): Promise<T> {
  const retriers = retriersOf(state);
  const used = retriers.map(() => 0);
  for (let retryCount = 0; ; retryCount++) {
    try {
      return await attempt(retryCount);
    } catch (error) {
      if (error instanceof RunAbortedError || frame.signal.aborted) throw error;
      const failure = toStatesError(error);
      const index = retrierFor(retriers, failure);
      if (index < 0 || used[index] >= maxAttempts(retriers[index])) throw failure;
      const delay = retryDelayMs(retriers[index], used[index]);
      used[index]++;
      await sleep(frame, delay);
    }
  }
}
