import { describe, expect, it } from 'vitest';
import { catcherFor, retrierFor, retryDelayMs } from '../../../local-cloud/stepfunctions/error-matching.ts';
import { runtimeError, StatesError } from '../../../local-cloud/stepfunctions/states-error.ts';

describe('Step Functions engine: error matching', () => {
  it('computes IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds', () => {
    // Prepare
    const retrier = { ErrorEquals: ['States.ALL'], IntervalSeconds: 3, BackoffRate: 2.5, MaxDelaySeconds: 15 };
    // Act
    const delays = [0, 1, 2, 3].map((attempt) => retryDelayMs(retrier, attempt));
    // Assess
    expect(delays).toEqual([3000, 7500, 15000, 15000]);
  });

  it('uses AWS defaults of 1 second and rate 2.0', () => {
    // Act
    const delays = [0, 1, 2].map((attempt) => retryDelayMs({ ErrorEquals: ['States.ALL'] }, attempt));
    // Assess
    expect(delays).toEqual([1000, 2000, 4000]);
  });

  it('draws a FULL jitter delay between 0 and the computed delay', () => {
    // Prepare
    const retrier = { ErrorEquals: ['States.ALL'], IntervalSeconds: 10, JitterStrategy: 'FULL' as const };
    // Act
    const low = retryDelayMs(retrier, 1, () => 0);
    const mid = retryDelayMs(retrier, 1, () => 0.25);
    const high = retryDelayMs(retrier, 1, () => 0.999);
    // Assess
    expect([low, mid, high]).toEqual([0, 5000, 19980]);
  });

  it('does not let States.TaskFailed match States.Timeout, while States.ALL does', () => {
    // Prepare
    const catchers = [
      { ErrorEquals: ['States.TaskFailed'], Next: 'A' },
      { ErrorEquals: ['States.ALL'], Next: 'B' },
    ];
    // Act
    const forTimeout = catcherFor(catchers, new StatesError('States.Timeout'));
    const forHeartbeat = catcherFor(catchers, new StatesError('States.HeartbeatTimeout'));
    // Assess
    expect(forTimeout).toBe(1);
    expect(forHeartbeat).toBe(0);
  });

  it('never retries or catches States.Runtime', () => {
    // Prepare
    const all = [{ ErrorEquals: ['States.ALL'], Next: 'A' }];
    // Act
    const retrier = retrierFor(all, runtimeError('bad path'));
    const catcher = catcherFor(all, runtimeError('bad path'));
    // Assess
    expect([retrier, catcher]).toEqual([-1, -1]);
  });

  it('chooses the first retrier whose ErrorEquals names the error', () => {
    // Prepare
    const retriers = [
      { ErrorEquals: ['Lambda.TooManyRequestsException'] },
      { ErrorEquals: ['BuildFailedError', 'States.Timeout'] },
      { ErrorEquals: ['States.ALL'] },
    ];
    // Act
    const index = retrierFor(retriers, new StatesError('BuildFailedError', 'build failed'));
    // Assess
    expect(index).toBe(1);
  });
});
