/**
 * The approval gate. request-approval stores the task token under the release; `goldsmith approve|reject
 * <release>` (or Slack, or an API) looks it up with `findApproval` and decides with `decideApproval`, which
 * completes the waiting task once: approve continues the release, reject fails it with ApprovalRejectedError
 * (the image is then rejected and never published). Both work from any client that has the two ports.
 */
import { randomUUID } from 'node:crypto';
import type { RegionalAmi } from './contracts.ts';
import { ApprovalAlreadyDecidedError, ApprovalNotFoundError } from './errors.ts';
import type { ApprovalRecord, ApprovalStore, TaskCompletionPort } from './ports.ts';

/** The error a rejected release fails with (Step Functions sees it as the Request Approval task's error). */
export const APPROVAL_REJECTED = 'ApprovalRejectedError';

export async function requestApproval(
  input: { taskToken: string; releaseId: string; pipeline: string; amis: RegionalAmi[]; executionArn?: string | undefined },
  now: number,
  deps: { approvals: ApprovalStore },
): Promise<ApprovalRecord> {
  const record: ApprovalRecord = {
    releaseId: input.releaseId,
    pipeline: input.pipeline,
    token: input.taskToken,
    amis: input.amis,
    requestedAt: now,
    ...(input.executionArn && { executionArn: input.executionArn }),
    status: 'pending',
  };
  await deps.approvals.putApproval(record);
  return record;
}

/** The approval of a release, pending or decided; undefined when the release never asked for one. */
export async function findApproval(releaseId: string, deps: { approvals: ApprovalStore }): Promise<ApprovalRecord | undefined> {
  return deps.approvals.getApproval(releaseId);
}

export interface ApprovalDecision {
  releaseId: string;
  decision: 'approve' | 'reject';
  /** Who decided: a user name, a Slack user, an API caller. */
  by: string;
  comment?: string;
}

export interface DecisionResult {
  releaseId: string;
  pipeline: string;
  status: 'approved' | 'rejected';
  /** False when the release had stopped waiting (its approval timed out, or it was stopped): nothing changed. */
  delivered: boolean;
}

/**
 * @throws {ApprovalNotFoundError} when the release is not waiting for approval.
 * @throws {ApprovalAlreadyDecidedError} when someone decided first.
 */
export async function decideApproval(
  input: ApprovalDecision,
  now: number,
  deps: { approvals: ApprovalStore; tasks: TaskCompletionPort },
): Promise<DecisionResult> {
  const approval = await deps.approvals.getApproval(input.releaseId);
  if (!approval) throw new ApprovalNotFoundError(input.releaseId);
  if (approval.status !== 'pending') throw new ApprovalAlreadyDecidedError(input.releaseId, approval.status);
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  // Marks this decision's completion, so that one whose answer was lost can be found in the execution's history.
  const id = randomUUID();
  let decided: boolean;
  try {
    decided = await deps.approvals.decide(input.releaseId, approval.token, {
      id,
      status,
      by: input.by,
      at: now,
      ...(input.comment && { comment: input.comment }),
    });
  } catch (error) {
    // The decision may be written with its answer lost: open it again, so that giving it again works.
    await deps.approvals.reopen(input.releaseId, approval.token).catch(() => undefined);
    throw error;
  }
  if (!decided) throw new ApprovalAlreadyDecidedError(input.releaseId, 'decided by someone else');
  let sent: 'sent' | 'closed';
  try {
    sent =
      status === 'approved'
        ? await deps.tasks.succeed(approval.token, {
            approved: true,
            by: input.by,
            at: new Date(now).toISOString(),
            decision: id,
            ...(input.comment && { comment: input.comment }),
          })
        : await deps.tasks.fail(
            approval.token,
            APPROVAL_REJECTED,
            `Rejected by ${input.by}${input.comment ? `: ${input.comment}` : ''}`.slice(0, 32_000) + ` (decision ${id}).`,
          );
  } catch (error) {
    // Not delivered: the decision is open again, so it can be given again.
    await deps.approvals.reopen(input.releaseId, approval.token);
    throw error;
  }
  // `closed` is also what a retry finds when the first attempt applied and only its answer was lost.
  const delivered = sent === 'sent' || (approval.executionArn !== undefined && (await deps.tasks.endedWith(approval.executionArn, id)));
  return { releaseId: input.releaseId, pipeline: approval.pipeline, status, delivered };
}
