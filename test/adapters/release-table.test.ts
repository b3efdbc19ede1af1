import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReleaseTable } from '../../adapters/aws/release-table.ts';
import type { LaunchTemplateChange } from '../../core/release/ports.ts';
import type { RawRequest, RawResponse, RequestContext } from '../../local-cloud/service.ts';
import { type FunctionCloud, REGION, startFunctionCloud, TABLE } from '../functions/function-harness.ts';

const lock = (holder: string, expiresAt = 2_000) => ({ pipeline: 'web', holder, releaseId: holder, acquiredAt: 1_000_000, expiresAt });
const change = (overrides: Partial<LaunchTemplateChange> = {}): LaunchTemplateChange => ({
  releaseId: 'r1',
  wave: 'staging',
  region: REGION,
  launchTemplateId: 'lt-0123456789abcdef0',
  launchTemplateName: 'web',
  previousDefaultVersion: 4,
  autoScalingGroups: ['web-a'],
  status: 'recorded',
  recordedAt: 1_000,
  ...overrides,
});

describe('Adapter: release table (DynamoDB)', () => {
  let fc: FunctionCloud;
  let table: ReleaseTable;
  /**
   * DynamoDB applies the next write whose request holds `contains`, then answers 500 as if its response were lost:
   * the SDK retries it, and the retry meets the first write's effect.
   */
  const loseResponse = (contains: string) => {
    const dynamodb = fc.cloud.runtime.services.dynamodb.definition;
    const raw = dynamodb.raw as (request: RawRequest, ctx: RequestContext) => Promise<RawResponse>;
    dynamodb.raw = async (request, ctx) => {
      const response = await raw(request, ctx);
      if (!request.body.toString().includes(contains) || response.status >= 400) return response;
      dynamodb.raw = raw;
      return {
        status: 500,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'InternalServerError' },
        body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' }),
      };
    };
  };

  beforeAll(async () => {
    fc = await startFunctionCloud('{}');
    table = new ReleaseTable(TABLE, { region: REGION });
  });
  afterAll(() => fc.stop());

  it('holds the lock for one execution until it expires or is released by its holder', async () => {
    // Act
    const first = await table.locks.tryAcquire(lock('exec-a'), 1_000);
    const second = await table.locks.tryAcquire(lock('exec-b'), 1_500);
    const same = await table.locks.tryAcquire(lock('exec-a'), 1_500);
    const releasedByOther = await table.locks.release('web', 'exec-b');
    const afterExpiry = await table.locks.tryAcquire(lock('exec-b', 9_000), 2_001);
    const takeOverByStale = await table.locks.takeOver(lock('exec-c'), 'exec-a');
    const releasedByHolder = await table.locks.release('web', 'exec-b');
    // Assess
    expect(first).toEqual({ acquired: true });
    expect(second).toEqual({ acquired: false, current: lock('exec-a') });
    expect(same).toEqual({ acquired: true });
    expect(releasedByOther).toBe(false);
    expect(afterExpiry).toEqual({ acquired: true });
    expect(takeOverByStale).toBe(false);
    expect(releasedByHolder).toBe(true);
  });

  it('finishes a release once, keeps successes once each, newest first', async () => {
    // Prepare
    const base = {
      pipeline: 'web',
      executionArn: 'arn:x',
      trigger: { kind: 'manual' as const },
      action: 'build' as const,
      reason: 'r',
      status: 'running' as const,
    };
    await table.history.putRelease({ ...base, releaseId: 'r1', startedAt: 10 });
    // Act
    const finished = await table.history.finishRelease('web', 'r1', { status: 'succeeded', finishedAt: 20 });
    const again = await table.history.finishRelease('web', 'r1', { status: 'failed', finishedAt: 30, error: 'late' });
    await table.history.addSuccess({ pipeline: 'web', releaseId: 'r1', succeededAt: 10, amis: [] });
    await table.history.addSuccess({ pipeline: 'web', releaseId: 'r1', succeededAt: 10, amis: [{ region: REGION, imageId: 'ami-0aaaaaaaaaaaaaaaa' }] });
    await table.history.addSuccess({ pipeline: 'web', releaseId: 'r2', succeededAt: 1_000_000_000_000, amis: [] });
    // Assess
    expect(finished).toBe(true);
    expect(again).toBe(false);
    expect((await table.history.getRelease('web', 'r1'))?.status).toBe('succeeded');
    const successes = await table.history.latestSuccesses('web', 5);
    expect(successes.map((s) => s.releaseId)).toEqual(['r2', 'r1']);
    expect(successes[1].amis).toEqual([]);
  });

  it('lets a task token be claimed once, and claimed again only after an unclaim', async () => {
    // Prepare
    await table.tokens.put({ key: 'IMAGE#arn', token: 't1', storedAt: 1, expiresAt: 2 });
    // Act
    const wrongToken = await table.tokens.claim('IMAGE#arn', 't0', 'success', 3);
    const first = await table.tokens.claim('IMAGE#arn', 't1', 'success', 3);
    const second = await table.tokens.claim('IMAGE#arn', 't1', 'success', 4);
    await table.tokens.unclaim('IMAGE#arn', 't1');
    const afterUnclaim = await table.tokens.claim('IMAGE#arn', 't1', 'success', 5);
    const missing = await table.tokens.claim('IMAGE#none', 't1', 'success', 5);
    // Assess
    expect([wrongToken, first, second, afterUnclaim, missing]).toEqual([false, true, false, true, false]);
    expect(await table.tokens.get('IMAGE#arn')).toMatchObject({ token: 't1', completedAt: 5, outcome: 'success' });
  });

  it("keeps a launch template's first recorded default, whatever a retry records", async () => {
    // Act
    await table.rollout.recordChange(change());
    const retried = await table.rollout.recordChange(change({ previousDefaultVersion: 5 }));
    await table.rollout.updateChange({ ...retried, newVersion: 5, status: 'rolled' });
    await table.rollout.recordChange(change({ wave: 'production', launchTemplateId: 'lt-0fedcba9876543210' }));
    // Assess
    expect(retried.previousDefaultVersion).toBe(4);
    expect(await table.rollout.changes('r1', 'staging')).toEqual([change({ newVersion: 5, status: 'rolled' })]);
  });

  it('decides an approval once, and reopens it when the decision was not delivered', async () => {
    // Prepare
    const approval = { releaseId: 'r1', pipeline: 'web', token: 'tok', amis: [], requestedAt: 1, status: 'pending' as const };
    await table.approvals.putApproval(approval);
    // Act
    const wrongToken = await table.approvals.decide('r1', 'other', { id: 'd1', status: 'approved', by: 'eve', at: 2 });
    const decided = await table.approvals.decide('r1', 'tok', { id: 'd2', status: 'rejected', by: 'bob', at: 2, comment: 'no' });
    const twice = await table.approvals.decide('r1', 'tok', { id: 'd3', status: 'approved', by: 'alice', at: 3 });
    await table.approvals.putApproval(approval);
    const kept = await table.approvals.getApproval('r1');
    await table.approvals.reopen('r1', 'tok');
    // Assess
    expect([wrongToken, decided, twice]).toEqual([false, true, false]);
    expect(kept).toMatchObject({ status: 'rejected', decidedBy: 'bob', comment: 'no' });
    expect(await table.approvals.getApproval('r1')).toEqual(approval);
  });

  it('claims a notification once per release, outcome and channel; a kept claim answers sending, a released one is taken again', async () => {
    // Act
    const first = await table.ledger.claim('r1', 'succeeded', 'sns', 1_000_000);
    const duplicate = await table.ledger.claim('r1', 'succeeded', 'sns', 1_000_001);
    const otherChannel = await table.ledger.claim('r1', 'succeeded', 'slack', 1_000_001);
    const muchLater = await table.ledger.claim('r1', 'succeeded', 'slack', 1_000_001 + 11 * 60_000);
    await table.ledger.markSent('r1', 'succeeded', 'sns', 1_000_002);
    const afterSent = await table.ledger.claim('r1', 'succeeded', 'sns', 9_000_000_000);
    await table.ledger.release('r1', 'succeeded', 'slack');
    const afterRelease = await table.ledger.claim('r1', 'succeeded', 'slack', 1_000_003);
    // Assess
    expect([first, duplicate, otherChannel, muchLater, afterSent, afterRelease]).toEqual(['claimed', 'sending', 'claimed', 'sending', 'sent', 'claimed']);
  });

  it('recognises its own conditional write when the first answer was lost and the SDK retried it', async () => {
    // Prepare: the SDK retries, as in Lambda (the test harness turns retries off).
    process.env.AWS_MAX_ATTEMPTS = '3';
    const lossy = new ReleaseTable(TABLE, { region: REGION });
    await lossy.tokens.put({ key: 'IMAGE#lost', token: 't1', storedAt: 1, expiresAt: 2 });
    await lossy.approvals.putApproval({ releaseId: 'r-lost', pipeline: 'web', token: 'tok', amis: [], requestedAt: 1, status: 'pending' });
    await lossy.locks.tryAcquire(lock('exec-dead', 10), 1);
    // Act
    loseResponse('NOTIFY#failed#sns');
    const notification = await lossy.ledger.claim('r-lost', 'failed', 'sns', 1_000);
    const again = await lossy.ledger.claim('r-lost', 'failed', 'sns', 1_001);
    loseResponse('IMAGE#lost');
    const token = await lossy.tokens.claim('IMAGE#lost', 't1', 'success', 3);
    loseResponse('r-lost');
    const decision = await lossy.approvals.decide('r-lost', 'tok', { id: 'd4', status: 'approved', by: 'alice', at: 4 });
    loseResponse('exec-new');
    const takenOver = await lossy.locks.takeOver(lock('exec-new'), 'exec-dead');
    await lossy.history.putRelease({
      pipeline: 'web',
      releaseId: 'r-lost',
      executionArn: 'arn:x',
      trigger: { kind: 'manual' },
      action: 'build',
      reason: 'r',
      startedAt: 1,
      status: 'running',
    });
    loseResponse(':finish');
    const finished = await lossy.history.finishRelease('web', 'r-lost', { status: 'succeeded', finishedAt: 5 });
    // Assess
    expect({ notification, again, token, decision, takenOver, finished }).toEqual({
      notification: 'claimed',
      again: 'sending',
      token: true,
      decision: true,
      takenOver: true,
      finished: true,
    });
    expect(await lossy.approvals.getApproval('r-lost')).toMatchObject({ status: 'approved', decidedBy: 'alice' });
    expect(await lossy.tokens.get('IMAGE#lost')).toEqual({ key: 'IMAGE#lost', token: 't1', storedAt: 1, expiresAt: 2, completedAt: 3, outcome: 'success' });
    await lossy.locks.release('web', 'exec-new');
    process.env.AWS_MAX_ATTEMPTS = '1';
  });
});
