import type { Frame } from './frame.ts';
import { RunAbortedError, timeoutError } from './states-error.ts';

/** Sleeps on the simulated clock; rejects when the frame is stopped. */
export function sleep(frame: Frame, ms: number): Promise<void> {
  if (frame.signal.aborted) return Promise.reject(new RunAbortedError());
  // A frozen clock fires timers only when advanced, so a zero wait must not become a timer.
  if (ms <= 0) return Promise.resolve();
  return frame.run.cloud.clock.sleep(ms, frame.signal).catch(() => {
    throw new RunAbortedError();
  });
}

/**
 * Settles with `work`, unless the frame is stopped first (RunAbortedError) or `timeoutSeconds` of
 * simulated time pass first (States.Timeout). Work still in flight then finishes unobserved.
 */
export function withDeadline<T>(frame: Frame, work: Promise<T>, timeoutSeconds?: number): Promise<T> {
  work.catch(() => {});
  if (frame.signal.aborted) return Promise.reject(new RunAbortedError());
  return new Promise<T>((resolve, reject) => {
    const timer =
      timeoutSeconds === undefined ? undefined : frame.run.cloud.clock.setTimeout(() => finish(() => reject(timeoutError())), timeoutSeconds * 1000);
    const onAbort = () => finish(() => reject(new RunAbortedError()));
    frame.signal.addEventListener('abort', onAbort, { once: true });
    let done = false;
    function finish(settle: () => void) {
      if (done) return;
      done = true;
      timer?.cancel();
      frame.signal.removeEventListener('abort', onAbort);
      settle();
    }
    work.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

/** Lets the library's event log catch up, so that a state's Entered event precedes the engine's own events. */
export const drainEventLog = () => new Promise<void>((resolve) => setImmediate(resolve));
