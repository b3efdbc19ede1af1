import type { Catcher, Retrier } from './asl.ts';
import type { StatesError } from './states-error.ts';

/**
 * AWS's matching rules for ErrorEquals: an exact name, `States.ALL` for any error, and
 * `States.TaskFailed` for any error but `States.Timeout`. States.Runtime matches nothing.
 * (aws-local-stepfunctions only excludes its own timeout class, so the engine matches itself.)
 */
function errorMatches(errorEquals: readonly string[], error: StatesError): boolean {
  return errorEquals.some((name) => name === error.name || name === 'States.ALL' || (name === 'States.TaskFailed' && error.name !== 'States.Timeout'));
}

/** The retrier AWS uses for this error: the first whose ErrorEquals matches, or -1. */
export function retrierFor(retriers: readonly Retrier[], error: StatesError): number {
  if (!error.isRetryable) return -1;
  return retriers.findIndex((retrier) => errorMatches(retrier.ErrorEquals ?? [], error));
}

export function catcherFor(catchers: readonly Catcher[], error: StatesError): number {
  if (!error.isCatchable) return -1;
  return catchers.findIndex((catcher) => errorMatches(catcher.ErrorEquals ?? [], error));
}

/**
 * The pause before retry number `attempt` (0-based): IntervalSeconds × BackoffRate^attempt, capped
 * by MaxDelaySeconds, and drawn uniformly from [0, delay) with JitterStrategy FULL. AWS's defaults
 * are 1 s, rate 2.0, no cap, no jitter.
 */
export function retryDelayMs(retrier: Retrier, attempt: number, random: () => number = Math.random): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const rate = retrier.BackoffRate ?? 2;
  let seconds = interval * rate ** attempt;
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  const ms = seconds * 1000;
  return retrier.JitterStrategy === 'FULL' ? Math.floor(random() * ms) : ms;
}

export const maxAttempts = (retrier: Retrier) => retrier.MaxAttempts ?? 3;
