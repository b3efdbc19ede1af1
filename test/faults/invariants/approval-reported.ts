/**
 * An operator's decision is reported as it took effect (DESIGN §1.4, §5.7's "clear"): when `goldsmith approve`
 * answers that the release had stopped waiting and nothing changed, the release must not go on to publish on that
 * decision; when `goldsmith reject` says so, the release must not fail as rejected.
 */
import { formatTime, releaseExecutions, releaseOf } from '../history-queries.ts';
import { RELEASE_STATES } from '../release-states.ts';
import type { Invariant } from './invariant.ts';

export const approvalReported: Invariant = {
  name: 'approval-reported',
  contract: 'DESIGN §1.4',
  check(history) {
    const problems: string[] = [];
    for (const approval of history.approvals) {
      if (approval.delivered !== false) continue;
      const release = releaseExecutions(history).find((e) => releaseOf(e).releaseId === approval.releaseId);
      if (!release) continue;
      const published = release.states.some((s) => s.name === RELEASE_STATES.publishCandidate && s.enteredAt >= approval.at);
      const rejected = release.error === 'ApprovalRejectedError' && (release.stoppedAt ?? history.endedAt) >= approval.at;
      if (approval.decision === 'approve' && published)
        problems.push(
          `goldsmith approve ${approval.releaseId} said nothing changed at ${formatTime(history, approval.at)}, but the release went on to publish`,
        );
      if (approval.decision === 'reject' && rejected)
        problems.push(`goldsmith reject ${approval.releaseId} said nothing changed at ${formatTime(history, approval.at)}, but the release failed as rejected`);
    }
    return problems;
  },
};
