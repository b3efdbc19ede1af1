/**
 * How long the next task-token wait lasts after a reconcile found the build or refresh still running. Events
 * complete a wait at once, so its timeout only bounds how late a lost event is noticed: growing it geometrically
 * keeps the reconciles of a long phase logarithmic in its duration (cost stays flat, issue #6), and ending it
 * just past the phase's bound makes the reconcile that fails an overdue phase fall at that bound (DESIGN §5.5).
 */
import { MAX_WAIT_SECONDS, WAIT_BACKOFF } from './release-settings.ts';

/**
 * @param waitSeconds the wait that just timed out
 * @param elapsedMs how long the phase has run (undefined when AWS does not say)
 * @param boundSeconds the phase's bound
 */
export function nextWaitSeconds(waitSeconds: number, elapsedMs: number | undefined, boundSeconds: number): number {
  const grown = Math.min(Math.ceil(waitSeconds * WAIT_BACKOFF), MAX_WAIT_SECONDS);
  if (elapsedMs === undefined) return grown;
  // Within a second past the bound, since a reconcile fails the phase only once it has run longer than its bound.
  const pastBound = Math.floor(boundSeconds - elapsedMs / 1000) + 1;
  return Math.max(1, Math.min(grown, pastBound));
}
