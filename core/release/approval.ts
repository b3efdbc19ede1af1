/**
 * The approval gate. request-approval stores the task token under the release; `goldsmith approve|reject
 * <release>` (or Slack, or an API) looks it up with `findApproval` and decides with `decideApproval`, which
 * completes the waiting task once: approve continues the release, reject fails it with ApprovalRejectedError
 * (the image is then rejected and never published). Both work from any client that has the two ports.
 */
import { createHash, randomUUID } from 'node:crypto';
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
export interface DecideDeps {
  approvals: ApprovalStore;
  tasks: TaskCompletionPort;
  sleep: (ms: number) => Promise<void>;
  historyDelays?: readonly number[];
}

export async function decideApproval(input: ApprovalDecision, now: number, deps: DecideDeps): Promise<DecisionResult> {
  const approval = await deps.approvals.getApproval(input.releaseId);
  if (!approval) throw new ApprovalNotFoundError(input.releaseId);
  if (approval.status !== 'pending') throw new ApprovalAlreadyDecidedError(input.releaseId, approval.status);
  const status: DecisionResult['status'] = input.decision === 'approve' ? 'approved' : 'rejected';
  let decided: boolean;
  try {
    decided = await deps.approvals.decide(input.releaseId, approval.token, {
      id: randomUUID(),
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
  // Every completion of this approval carries its marker, so one whose answer was lost is found in the history.
  const marker = approvalMarker(approval.token);
  const result = (delivered: boolean, decision = status): DecisionResult => ({
    releaseId: input.releaseId,
    pipeline: approval.pipeline,
    status: decision,
    delivered,
  });
  let sent: 'sent' | 'closed';
  try {
    sent =
      status === 'approved'
        ? await deps.tasks.succeed(approval.token, {
            approved: true,
            by: input.by,
            at: new Date(now).toISOString(),
            approval: marker,
            ...(input.comment && { comment: input.comment }),
          })
        : await deps.tasks.fail(
            approval.token,
            APPROVAL_REJECTED,
            `Rejected by ${input.by}${input.comment ? `: ${input.comment}` : ''}`.slice(0, 32_000) + ` (approval ${marker}).`,
          );
  } catch (error) {
    // The completion may have applied with its answer lost: the execution's history says.
    const ending = await landed(approval.executionArn, marker, deps).catch(() => undefined);
    if (ending) return result(true, ending);
    // Not delivered: the decision is open again, so it can be given again.
    await deps.approvals.reopen(input.releaseId, approval.token);
    throw error;
  }
  if (sent === 'sent') return result(true);
  // `closed` is also what a retry finds when an earlier completion of this approval applied and only its answer
  // was lost (this call's, or an earlier `goldsmith approve|reject` that failed): the one that landed counts.
  const ending = await landed(approval.executionArn, marker, deps);
  return ending ? result(true, ending) : result(false);
}

/**
 * Waits between reads of the execution's history for a completion of this approval. A completion that arrives while
 * Request Approval's own function still runs is recorded only once that function returns, so it can show up late.
 */
export const HISTORY_READ_DELAYS = [0, 250, 500, 1000, 2000, 4000];

/** Which decision of this approval completed its task, if one did. */
async function landed(executionArn: string | undefined, marker: string, deps: DecideDeps): Promise<'approved' | 'rejected' | undefined> {
  if (!executionArn) return undefined;
  for (const delay of deps.historyDelays ?? HISTORY_READ_DELAYS) {
    if (delay > 0) await deps.sleep(delay);
    const ending = await deps.tasks.endingWith(executionArn, marker);
    if (ending) return ending === 'succeeded' ? 'approved' : 'rejected';
  }
  return undefined;
}

/** A short, stable mark of one approval request (its task token is too long to repeat, and only its own). */
export function approvalMarker(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}
