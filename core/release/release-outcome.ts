/**
 * The end of a release, recorded once: its status, and for a success the image that reached `stable` with
 * the fingerprint the next release compares against (skip-when-unchanged, upstream watch, rollback).
 */
import type { RegionalAmi } from './contracts.ts';
import type { ReleaseHistory, ReleaseStatus } from './ports.ts';
import { lastSuccess } from './release-history.ts';

export type Outcome = 'started' | 'awaiting-approval' | 'succeeded' | 'failed' | 'skipped' | 'rejected';

const FINAL: Partial<Record<Outcome, Exclude<ReleaseStatus, 'running'>>> = {
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  rejected: 'rejected',
};

export interface OutcomeRecord {
  /** True for the one call that recorded this final outcome (false for repeats and for non-final outcomes). */
  firstTime: boolean;
  /** From the release's start to `stable`, for a first-time success. */
  timeToStableSeconds?: number;
}

export async function recordOutcome(
  input: { pipeline: string; releaseId: string; outcome: Outcome; amis?: RegionalAmi[]; error?: { Error: string; Cause?: string } },
  now: number,
  deps: { history: ReleaseHistory },
): Promise<OutcomeRecord> {
  const status = FINAL[input.outcome];
  if (!status) return { firstTime: false };
  const release = await deps.history.getRelease(input.pipeline, input.releaseId);
  if (status === 'succeeded' && input.amis?.length) {
    const previous = await lastSuccess(input.pipeline, deps.history);
    const isRollback = release?.action === 'rollback';
    await deps.history.addSuccess({
      pipeline: input.pipeline,
      releaseId: input.releaseId,
      // The release's start orders successes and stays the same when this step is retried.
      succeededAt: release?.startedAt ?? now,
      amis: input.amis,
      ...(release?.fingerprint && { fingerprint: release.fingerprint }),
      ...(release?.parentImageId && { parentImageId: release.parentImageId }),
      ...(release?.components && { components: release.components }),
      ...(isRollback && previous && previous.releaseId !== input.releaseId && { replacedImageIds: previous.amis.map((a) => a.imageId) }),
    });
  }
  const firstTime = await deps.history.finishRelease(input.pipeline, input.releaseId, {
    status,
    finishedAt: now,
    ...(input.error && { error: `${input.error.Error}: ${input.error.Cause ?? ''}`.slice(0, 1024) }),
  });
  const timeToStableSeconds = firstTime && status === 'succeeded' && release ? Math.max(0, Math.round((now - release.startedAt) / 1000)) : undefined;
  return { firstTime, ...(timeToStableSeconds !== undefined && { timeToStableSeconds }) };
}
