/**
 * request-approval: stores the approval's task token, then asks for a decision on SNS and Slack (once). The
 * token is what matters: a notification that cannot be sent is reported, not failed on, so the release still
 * waits for `goldsmith approve|reject` (which works without any message).
 */

import { requestApproval } from '../release/approval.ts';
import type { RegionalAmi } from '../release/contracts.ts';
import type { ApprovalStore } from '../release/ports.ts';
import { type ChannelResult, type NotifyDeps, sendNotification } from './notify.ts';
import type { Channel } from './ports.ts';

export interface ApprovalRequested {
  releaseId: string;
  channels: Record<Channel, ChannelResult>;
  /** Each channel that could not be told, and why. */
  problems: string[];
}

export async function askForApproval(
  input: { taskToken: string; releaseId: string; pipeline: string; amis: RegionalAmi[]; executionArn?: string | undefined },
  now: number,
  deps: NotifyDeps & { approvals: ApprovalStore },
): Promise<ApprovalRequested> {
  await requestApproval(input, now, deps);
  const { channels, errors } = await sendNotification(
    { releaseId: input.releaseId, pipeline: input.pipeline, outcome: 'awaiting-approval', amis: input.amis },
    now,
    deps,
  );
  return { releaseId: input.releaseId, channels, problems: errors.map((error) => `${error.name}: ${error.message}`) };
}
