import { describe, expect, it } from 'vitest';
import { decideApproval, findApproval, requestApproval } from '../../../core/release/approval.ts';
import { ApprovalAlreadyDecidedError, ApprovalNotFoundError } from '../../../core/release/errors.ts';
import { awsError, FakeTasks, MemoryApprovals } from './fakes.ts';

const amis = [{ region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa' }];

const executionArn = 'arn:aws:states:eu-central-1:123456789012:execution:release:r1';

async function pending() {
  const deps = { approvals: new MemoryApprovals(), tasks: new FakeTasks(), sleep: async () => undefined };
  await requestApproval({ taskToken: 'token-1', releaseId: 'r1', pipeline: 'web-server', amis, executionArn }, 10, deps);
  deps.tasks.executionOf.set('token-1', executionArn);
  return deps;
}

describe('Core: approval', () => {
  it('finds a pending approval by release id', async () => {
    // Prepare
    const deps = await pending();
    // Act
    const approval = await findApproval('r1', deps);
    // Assess
    expect(approval).toMatchObject({ releaseId: 'r1', pipeline: 'web-server', status: 'pending', amis });
  });

  it('approves once: the waiting task succeeds and a second decision is refused', async () => {
    // Prepare
    const deps = await pending();
    // Act
    const result = await decideApproval({ releaseId: 'r1', decision: 'approve', by: 'alice' }, 20, deps);
    const second = decideApproval({ releaseId: 'r1', decision: 'reject', by: 'bob' }, 30, deps);
    // Assess
    expect(result).toEqual({ releaseId: 'r1', pipeline: 'web-server', status: 'approved', delivered: true });
    expect(deps.tasks.sent).toEqual([{ token: 'token-1', kind: 'success', output: expect.objectContaining({ approved: true, by: 'alice' }) }]);
    await expect(second).rejects.toThrow(ApprovalAlreadyDecidedError);
  });

  it('rejects with ApprovalRejectedError and the reason', async () => {
    // Prepare
    const deps = await pending();
    // Act
    await decideApproval({ releaseId: 'r1', decision: 'reject', by: 'bob', comment: 'nginx 1.27 breaks our config' }, 20, deps);
    // Assess
    expect(deps.tasks.sent).toEqual([
      {
        token: 'token-1',
        kind: 'failure',
        error: 'ApprovalRejectedError',
        cause: expect.stringMatching(/^Rejected by bob: nginx 1\.27 breaks our config \(approval [0-9a-f]{16}\)\.$/),
      },
    ]);
  });

  it('reports an approval whose wait already timed out as not delivered', async () => {
    // Prepare
    const deps = await pending();
    deps.tasks.closed.add('token-1');
    // Act
    const result = await decideApproval({ releaseId: 'r1', decision: 'approve', by: 'alice' }, 20, deps);
    // Assess
    expect(result.delivered).toBe(false);
  });

  it('reports an approval delivered with its answer lost as delivered, from the execution history', async () => {
    // Prepare
    const deps = await pending();
    deps.tasks.loseNextAnswer = true;
    // Act
    const result = await decideApproval({ releaseId: 'r1', decision: 'approve', by: 'alice' }, 20, deps);
    // Assess
    expect(result).toEqual({ releaseId: 'r1', pipeline: 'web-server', status: 'approved', delivered: true });
    expect(deps.tasks.sent).toHaveLength(1);
  });

  it('keeps reading the history for a completion recorded late, before it says nothing changed', async () => {
    // Prepare: the history shows the completion only on the third read
    const deps = await pending();
    deps.tasks.loseNextAnswer = true;
    const endingWith = deps.tasks.endingWith.bind(deps.tasks);
    let reads = 0;
    deps.tasks.endingWith = async (...args) => (++reads < 3 ? undefined : endingWith(...args));
    // Act
    const result = await decideApproval({ releaseId: 'r1', decision: 'approve', by: 'alice' }, 20, deps);
    // Assess
    expect(result.delivered).toBe(true);
    expect(reads).toBe(3);
  });

  it('reports a rejection delivered with its answer lost as delivered', async () => {
    // Prepare
    const deps = await pending();
    deps.tasks.loseNextAnswer = true;
    // Act
    const result = await decideApproval({ releaseId: 'r1', decision: 'reject', by: 'bob' }, 20, deps);
    // Assess
    expect(result).toMatchObject({ status: 'rejected', delivered: true });
  });

  it('reports a late decision as not delivered when something else ended the task', async () => {
    // Prepare: another tool completed the task first, without this approval's marker
    const deps = await pending();
    await deps.tasks.succeed('token-1', { approved: true });
    // Act
    const result = await decideApproval({ releaseId: 'r1', decision: 'approve', by: 'alice' }, 20, deps);
    // Assess
    expect(result.delivered).toBe(false);
  });

  it('reports an approval that applied while the client gave up as delivered, and keeps it decided', async () => {
    // Prepare
    const deps = await pending();
    deps.tasks.loseNextAnswerWith = awsError('InternalFailure', 'the completion applied, its answers were lost');
    // Act
    const result = await decideApproval({ releaseId: 'r1', decision: 'approve', by: 'alice' }, 20, deps);
    // Assess
    expect(result).toEqual({ releaseId: 'r1', pipeline: 'web-server', status: 'approved', delivered: true });
    expect((await findApproval('r1', deps))?.status).toBe('approved');
  });

  it('reports the earlier decision that landed when an operator decides again after an error', async () => {
    // Prepare: an approval applied with every answer lost, then reopened as if it had failed
    const deps = await pending();
    deps.tasks.loseNextAnswerWith = awsError('InternalFailure');
    deps.tasks.endingWith = async () => undefined;
    await expect(decideApproval({ releaseId: 'r1', decision: 'approve', by: 'alice' }, 20, deps)).rejects.toMatchObject({ name: 'InternalFailure' });
    deps.tasks.endingWith = FakeTasks.prototype.endingWith.bind(deps.tasks);
    // Act
    const again = await decideApproval({ releaseId: 'r1', decision: 'reject', by: 'bob' }, 30, deps);
    // Assess
    expect(again).toEqual({ releaseId: 'r1', pipeline: 'web-server', status: 'approved', delivered: true });
    expect(deps.tasks.sent).toHaveLength(1);
  });

  it('reopens the decision when it could not be delivered', async () => {
    // Prepare
    const deps = await pending();
    deps.tasks.failNext = awsError('ThrottlingException');
    // Act
    await expect(decideApproval({ releaseId: 'r1', decision: 'approve', by: 'alice' }, 20, deps)).rejects.toThrow('ThrottlingException');
    // Assess
    expect((await findApproval('r1', deps))?.status).toBe('pending');
  });

  it('reopens a decision whose write answered an error, so giving it again continues the release', async () => {
    // Prepare
    const deps = await pending();
    const decide = deps.approvals.decide.bind(deps.approvals);
    deps.approvals.decide = async (...args) => {
      await decide(...args);
      deps.approvals.decide = decide;
      throw awsError('InternalServerError', 'the decision was written, its answer lost');
    };
    // Act
    await expect(decideApproval({ releaseId: 'r1', decision: 'approve', by: 'alice' }, 20, deps)).rejects.toMatchObject({ name: 'InternalServerError' });
    const again = await decideApproval({ releaseId: 'r1', decision: 'approve', by: 'alice' }, 21, deps);
    // Assess
    expect(again).toMatchObject({ status: 'approved', delivered: true });
    expect(deps.tasks.sent).toHaveLength(1);
  });

  it('throws ApprovalNotFoundError for a release that never asked', async () => {
    // Prepare
    const deps = await pending();
    // Act
    const attempt = decideApproval({ releaseId: 'r9', decision: 'approve', by: 'alice' }, 20, deps);
    // Assess
    await expect(attempt).rejects.toThrow(ApprovalNotFoundError);
  });
});
