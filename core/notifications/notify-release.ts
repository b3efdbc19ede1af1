/**
 * notify-release: records a final outcome on the release (once), then tells SNS and Slack (once per channel).
 * The message takes what changed from the release's record, so every notification says why the release ran.
 */
import type { RegionalAmi } from '../release/contracts.ts';
import type { ReleaseHistory } from '../release/ports.ts';
import { type Outcome, type OutcomeRecord, recordOutcome } from '../release/release-outcome.ts';
import { type ChannelResult, type NotifyDeps, notify } from './notify.ts';
import type { Channel } from './ports.ts';

export interface NotifyReleaseInput {
  releaseId: string;
  pipeline: string;
  outcome: Outcome;
  amis?: RegionalAmi[];
  error?: { Error: string; Cause?: string };
  summary?: string;
}

export interface NotifyReleaseResult {
  outcome: Outcome;
  recorded: OutcomeRecord;
  channels: Record<Channel, ChannelResult>;
}

export async function notifyRelease(input: NotifyReleaseInput, now: number, deps: NotifyDeps & { history: ReleaseHistory }): Promise<NotifyReleaseResult> {
  const release = await deps.history.getRelease(input.pipeline, input.releaseId);
  const recorded = await recordOutcome(input, now, deps);
  const amis = input.amis ?? release?.amis;
  const channels = await notify(
    {
      ...input,
      ...(amis && { amis }),
      ...(release && release.action !== 'skip' && { changes: release.reason }),
      ...(release?.parentImageId && { parentImageId: release.parentImageId }),
      ...(release?.components && { components: release.components }),
    },
    now,
    deps,
  );
  return { outcome: input.outcome, recorded, channels };
}
