/**
 * One release per pipeline at a time (DESIGN §5.6). The lock is a conditional write held by the execution
 * ARN until the release's bound; a second trigger fails with ReleaseInProgressError, which the state machine
 * turns into a clean exit. A holder that ended without releasing (stopped, timed out) frees it at once.
 */
import { ReleaseInProgressError } from './errors.ts';
import type { ExecutionStatusPort, LockRecord, LockStore } from './ports.ts';

export interface AcquireLockInput {
  pipeline: string;
  releaseId: string;
  executionArn: string;
  now: number;
  /** How long the lock lasts at most: the release's bound. */
  seconds: number;
}

export async function acquireReleaseLock(input: AcquireLockInput, deps: { locks: LockStore; executions: ExecutionStatusPort }): Promise<LockRecord> {
  const nowSeconds = Math.floor(input.now / 1000);
  const lock: LockRecord = {
    pipeline: input.pipeline,
    holder: input.executionArn,
    releaseId: input.releaseId,
    acquiredAt: input.now,
    expiresAt: nowSeconds + input.seconds,
  };
  const attempt = await deps.locks.tryAcquire(lock, nowSeconds);
  if (attempt.acquired) return lock;
  const { current } = attempt;
  if (!(await deps.executions.isRunning(current.holder)) && (await deps.locks.takeOver(lock, current.holder))) return lock;
  throw new ReleaseInProgressError(input.pipeline, current);
}

/** Frees the lock only if this execution holds it: a late or repeated call never frees another release's lock. */
export async function releaseReleaseLock(input: { pipeline: string; executionArn: string }, deps: { locks: LockStore }): Promise<{ released: boolean }> {
  return { released: await deps.locks.release(input.pipeline, input.executionArn) };
}
