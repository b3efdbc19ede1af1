import { describe, expect, it } from 'vitest';
import { ReleaseInProgressError } from '../../../core/release/errors.ts';
import { acquireReleaseLock, releaseReleaseLock } from '../../../core/release/release-lock.ts';
import { FakeExecutions, MemoryLocks } from './fakes.ts';

const first = 'arn:aws:states:eu-central-1:123456789012:execution:release:web-2026-11-scheduled';
const second = 'arn:aws:states:eu-central-1:123456789012:execution:release:web-req-1';
const request = (executionArn: string, now = 1_000_000) => ({
  pipeline: 'web',
  releaseId: executionArn.split(':').at(-1) as string,
  executionArn,
  now,
  seconds: 3600,
});

describe('Core: release lock', () => {
  it('gives the lock to the first release, until its bound', async () => {
    // Prepare
    const deps = { locks: new MemoryLocks(), executions: new FakeExecutions() };
    // Act
    const lock = await acquireReleaseLock(request(first), deps);
    // Assess
    expect(lock).toMatchObject({ holder: first, expiresAt: 1000 + 3600 });
    expect(deps.locks.locks.get('web')?.holder).toBe(first);
  });

  it('throws ReleaseInProgressError naming the holder for a second release while the first runs', async () => {
    // Prepare
    const deps = { locks: new MemoryLocks(), executions: new FakeExecutions() };
    await acquireReleaseLock(request(first), deps);
    deps.executions.running.add(first);
    // Act
    const attempt = acquireReleaseLock(request(second, 2_000_000), deps);
    // Assess
    await expect(attempt).rejects.toThrow(ReleaseInProgressError);
    await expect(attempt).rejects.toThrow(/web-2026-11-scheduled/);
    expect(deps.locks.locks.get('web')?.holder).toBe(first);
  });

  it('lets the same execution take the lock again, as a retried step does', async () => {
    // Prepare
    const deps = { locks: new MemoryLocks(), executions: new FakeExecutions() };
    await acquireReleaseLock(request(first), deps);
    deps.executions.running.add(first);
    // Act
    const again = await acquireReleaseLock(request(first, 1_500_000), deps);
    // Assess
    expect(again.holder).toBe(first);
  });

  it('takes over the lock of a holder whose execution has ended', async () => {
    // Prepare
    const deps = { locks: new MemoryLocks(), executions: new FakeExecutions() };
    await acquireReleaseLock(request(first), deps);
    // Act
    const lock = await acquireReleaseLock(request(second, 2_000_000), deps);
    // Assess
    expect(lock.holder).toBe(second);
  });

  it('takes over an expired lock', async () => {
    // Prepare
    const deps = { locks: new MemoryLocks(), executions: new FakeExecutions() };
    await acquireReleaseLock(request(first), deps);
    deps.executions.running.add(first);
    // Act
    const lock = await acquireReleaseLock(request(second, 1_000_000 + 3601_000), deps);
    // Assess
    expect(deps.locks.locks.get('web')?.holder).toBe(lock.holder);
    expect(lock.holder).toBe(second);
  });

  it('frees the lock only for the execution that holds it', async () => {
    // Prepare
    const deps = { locks: new MemoryLocks(), executions: new FakeExecutions() };
    await acquireReleaseLock(request(first), deps);
    // Act
    const byOther = await releaseReleaseLock({ pipeline: 'web', executionArn: second }, deps);
    const byHolder = await releaseReleaseLock({ pipeline: 'web', executionArn: first }, deps);
    // Assess
    expect(byOther).toEqual({ released: false });
    expect(byHolder).toEqual({ released: true });
    expect(deps.locks.locks.has('web')).toBe(false);
  });
});
