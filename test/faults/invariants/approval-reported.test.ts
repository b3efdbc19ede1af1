import { describe, expect, it } from 'vitest';
import { at, healthyRelease } from '../history-fixture.ts';
import { approvalReported } from './approval-reported.ts';

describe('Invariant: approval-reported', () => {
  it('passes an approval reported as delivered, and one reported as too late for a release that timed out', () => {
    // Prepare
    const history = healthyRelease();
    history.approvals.push({ at: at(250), releaseId: 'web-req-1', decision: 'approve', delivered: true });
    history.approvals.push({ at: at(950), releaseId: 'web-req-1', decision: 'approve', delivered: false });

    // Act
    const problems = approvalReported.check(history);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports an approval said to change nothing before the release went on to publish', () => {
    // Prepare
    const history = healthyRelease();
    history.approvals.push({ at: at(250), releaseId: 'web-req-1', decision: 'approve', delivered: false });

    // Act
    const problems = approvalReported.check(history);

    // Assess
    expect(problems).toEqual(['goldsmith approve web-req-1 said nothing changed at t+250s, but the release went on to publish']);
  });

  it('reports a rejection said to change nothing before the release failed as rejected', () => {
    // Prepare
    const history = healthyRelease();
    Object.assign(history.executions[0], { status: 'FAILED', error: 'ApprovalRejectedError' });
    history.approvals.push({ at: at(250), releaseId: 'web-req-1', decision: 'reject', delivered: false });

    // Act
    const problems = approvalReported.check(history);

    // Assess
    expect(problems).toEqual(['goldsmith reject web-req-1 said nothing changed at t+250s, but the release failed as rejected']);
  });
});
