import { describe, expect, it } from 'vitest';
import { nextWaitSeconds } from '../../../core/release/reconcile-window.ts';
import { MAX_WAIT_SECONDS, WAIT_BACKOFF, WAIT_SECONDS } from '../../../core/release/release-settings.ts';

const HOUR = 3600;

/**
 * When a phase of `durationSeconds` reconciles before its event arrives, as the state machine loops: the last
 * one past the bound is the one that fails the phase.
 */
function reconcilesDuring(durationSeconds: number, boundSeconds: number): number[] {
  const checks: number[] = [];
  let at = WAIT_SECONDS;
  let wait = WAIT_SECONDS;
  while (at < durationSeconds) {
    checks.push(at);
    if (at > boundSeconds) break;
    wait = nextWaitSeconds(wait, at * 1000, boundSeconds);
    at += wait;
  }
  return checks;
}

describe('Core: reconcile window', () => {
  it('grows the wait by the backoff factor while the phase is far from its bound', () => {
    // Act
    const next = nextWaitSeconds(WAIT_SECONDS, WAIT_SECONDS * 1000, 24 * HOUR);
    // Assess
    expect(next).toBe(WAIT_SECONDS * WAIT_BACKOFF);
  });

  it('caps the wait at MAX_WAIT_SECONDS however long the bound', () => {
    // Act
    const next = nextWaitSeconds(MAX_WAIT_SECONDS, HOUR * 1000, 30 * 24 * HOUR);
    // Assess
    expect(next).toBe(MAX_WAIT_SECONDS);
  });

  it('ends the wait within a second past the bound, so the next reconcile finds the phase overdue', () => {
    // Prepare
    const bound = 4 * HOUR;
    const elapsedMs = (bound - 100) * 1000 + 400;
    // Act
    const next = nextWaitSeconds(HOUR, elapsedMs, bound);
    // Assess
    expect(elapsedMs + next * 1000).toBeGreaterThan(bound * 1000);
    expect(elapsedMs + next * 1000).toBeLessThanOrEqual((bound + 1) * 1000);
  });

  it('waits at least a second when the phase is already at its bound', () => {
    // Act
    const next = nextWaitSeconds(HOUR, 4 * HOUR * 1000 + 5000, 4 * HOUR);
    // Assess
    expect(next).toBe(1);
  });

  it('grows the wait without a bound check when AWS gives no start time', () => {
    // Act
    const next = nextWaitSeconds(WAIT_SECONDS, undefined, HOUR);
    // Assess
    expect(next).toBe(WAIT_SECONDS * WAIT_BACKOFF);
  });

  it('reconciles a 3-hour build at most twice more than a 15-minute one', () => {
    // Prepare
    const bound = 4 * HOUR;
    // Act
    const short = reconcilesDuring(15 * 60, bound);
    const long = reconcilesDuring(3 * HOUR, bound);
    // Assess
    expect(short.length).toBeGreaterThanOrEqual(1);
    expect(long.length - short.length).toBeLessThanOrEqual(2);
  });

  it('adds at most one reconcile each time the duration doubles, while the waits are under the cap', () => {
    // Prepare
    const bound = 365 * 24 * HOUR;
    const hours = [0.25, 0.5, 1, 2, 4, 8];
    // Act
    const counts = hours.map((h) => reconcilesDuring(h * HOUR, bound).length);
    // Assess
    for (let i = 1; i < counts.length; i++) expect(counts[i] - counts[i - 1], `${hours[i]} h`).toBeLessThanOrEqual(1);
  });

  it('reconciles a phase that never ends once just past its bound, where it fails', () => {
    // Prepare
    const bound = 2 * HOUR;
    // Act
    const checks = reconcilesDuring(Number.POSITIVE_INFINITY, bound);
    // Assess
    expect(checks.filter((at) => at > bound)).toHaveLength(1);
    expect(checks.at(-1)).toBeLessThanOrEqual(bound + 1);
  });
});
