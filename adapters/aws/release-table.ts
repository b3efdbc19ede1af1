/**
 * The release table on DynamoDB (Env.table): the per-pipeline lock, release records and history, task
 * tokens, rollout records, approvals and the notification ledger, under one key schema — partition key `pk`
 * (S), sort key `sk` (S) — with `expiresAt` (epoch seconds) as the TTL attribute. Every "exactly once" is a
 * conditional write. Items:
 *
 *   PIPELINE#<pipeline>                  LOCK                                  the lock
 *   PIPELINE#<pipeline>                  RELEASE#<releaseId>                   a release record
 *   PIPELINE#<pipeline>                  SUCCESS#<start ms, 13 digits>#<id>    a release that reached stable
 *   IMAGE#<arn> | REFRESH#<region>#<id>  TOKEN                                 a waiting task's token
 *   RELEASE#<releaseId>                  APPROVAL                              the approval request
 *   RELEASE#<releaseId>                  LT#<wave>#<region>#<template id>      a launch template change
 *   RELEASE#<releaseId>                  NOTIFY#<outcome>#<channel>            a notification sent
 */
import { randomUUID } from 'node:crypto';
import type { Channel, ClaimResult, NotificationLedger } from '../../core/notifications/ports.ts';
import type {
  ApprovalRecord,
  ApprovalStore,
  LaunchTemplateChange,
  LockAttempt,
  LockRecord,
  LockStore,
  ReleaseHistory,
  ReleaseRecord,
  ReleaseStatus,
  RolloutRecords,
  SuccessRecord,
  TaskTokenStore,
  WaitingTask,
} from '../../core/release/ports.ts';
import { DynamoTable } from './dynamo-table.ts';
import type { AdapterOptions } from './regional-clients.ts';

/** Rollout records, approvals and the ledger outlive any release that needs them. */
const RECORD_TTL_SECONDS = 90 * 24 * 3600;

const ttl = (at: number) => Math.floor(at / 1000) + RECORD_TTL_SECONDS;
const STATUS = { '#status': 'status' };

export const tableKeys = {
  lock: (pipeline: string) => ({ pk: `PIPELINE#${pipeline}`, sk: 'LOCK' }),
  release: (pipeline: string, releaseId: string) => ({ pk: `PIPELINE#${pipeline}`, sk: `RELEASE#${releaseId}` }),
  success: (pipeline: string, at: number, releaseId: string) => ({ pk: `PIPELINE#${pipeline}`, sk: `SUCCESS#${String(at).padStart(13, '0')}#${releaseId}` }),
  token: (key: string) => ({ pk: key, sk: 'TOKEN' }),
  approval: (releaseId: string) => ({ pk: `RELEASE#${releaseId}`, sk: 'APPROVAL' }),
  change: (c: Pick<LaunchTemplateChange, 'releaseId' | 'wave' | 'region' | 'launchTemplateId'>) => ({
    pk: `RELEASE#${c.releaseId}`,
    sk: `LT#${c.wave}#${c.region}#${c.launchTemplateId}`,
  }),
  notification: (releaseId: string, outcome: string, channel: Channel) => ({ pk: `RELEASE#${releaseId}`, sk: `NOTIFY#${outcome}#${channel}` }),
};

class LockTable implements LockStore {
  private readonly table: DynamoTable;
  constructor(table: DynamoTable) {
    this.table = table;
  }

  async tryAcquire(lock: LockRecord, nowSeconds: number): Promise<LockAttempt> {
    const item = { ...tableKeys.lock(lock.pipeline), kind: 'lock', ...lock };
    const condition = {
      expression: 'attribute_not_exists(pk) OR expiresAt < :now OR holder = :holder',
      values: { ':now': nowSeconds, ':holder': lock.holder },
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.table.write(item, condition)) return { acquired: true };
      const current = await this.table.read<LockRecord>(tableKeys.lock(lock.pipeline));
      // Released between the two calls: try again.
      if (current) return { acquired: false, current };
    }
    throw new Error(`The lock of pipeline ${lock.pipeline} keeps changing hands; run the release again.`);
  }

  takeOver(lock: LockRecord, previousHolder: string): Promise<boolean> {
    // `OR holder = :holder`: the SDK's retry of a write whose answer was lost finds the lock already its own.
    return this.table.write(
      { ...tableKeys.lock(lock.pipeline), kind: 'lock', ...lock },
      { expression: 'holder = :previous OR holder = :holder', values: { ':previous': previousHolder, ':holder': lock.holder } },
    );
  }

  release(pipeline: string, holder: string): Promise<boolean> {
    return this.table.remove(tableKeys.lock(pipeline), { expression: 'holder = :holder', values: { ':holder': holder } });
  }
}

class HistoryTable implements ReleaseHistory {
  private readonly table: DynamoTable;
  constructor(table: DynamoTable) {
    this.table = table;
  }

  async putRelease(record: ReleaseRecord): Promise<void> {
    await this.table.write({ ...tableKeys.release(record.pipeline, record.releaseId), kind: 'release', ...record });
  }

  async getRelease(pipeline: string, releaseId: string): Promise<ReleaseRecord | undefined> {
    const record = await this.table.read<ReleaseRecord & { finishId?: string }>(tableKeys.release(pipeline, releaseId));
    if (!record) return undefined;
    const { finishId: _finishId, ...release } = record;
    return release;
  }

  async finishRelease(
    pipeline: string,
    releaseId: string,
    outcome: { status: Exclude<ReleaseStatus, 'running'>; finishedAt: number; error?: string },
  ): Promise<boolean> {
    const error = outcome.error !== undefined;
    const finishId = randomUUID();
    const finished = await this.table.update(
      tableKeys.release(pipeline, releaseId),
      `SET #status = :status, finishedAt = :at, pipeline = :pipeline, releaseId = :releaseId, finishId = :finish${error ? ', #error = :error' : ''}`,
      {
        expression: 'attribute_not_exists(pk) OR #status = :running',
        values: {
          ':status': outcome.status,
          ':at': outcome.finishedAt,
          ':running': 'running',
          ':pipeline': pipeline,
          ':releaseId': releaseId,
          ':finish': finishId,
          ...(error && { ':error': outcome.error }),
        },
        names: { ...STATUS, ...(error && { '#error': 'error' }) },
      },
    );
    // An SDK retry of this very write (its first answer lost) finds its own outcome: still the first time.
    return finished || (await this.table.read<{ finishId?: string }>(tableKeys.release(pipeline, releaseId)))?.finishId === finishId;
  }

  async addSuccess(record: SuccessRecord): Promise<void> {
    await this.table.write(
      { ...tableKeys.success(record.pipeline, record.succeededAt, record.releaseId), kind: 'success', ...record },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  latestSuccesses(pipeline: string, limit: number): Promise<SuccessRecord[]> {
    return this.table.query<SuccessRecord>(`PIPELINE#${pipeline}`, 'SUCCESS#', { reverse: true, limit });
  }
}

class TokenTable implements TaskTokenStore {
  private readonly table: DynamoTable;
  constructor(table: DynamoTable) {
    this.table = table;
  }

  async put(task: WaitingTask): Promise<void> {
    await this.table.write({ ...tableKeys.token(task.key), kind: 'token', ...task });
  }

  async get(key: string): Promise<WaitingTask | undefined> {
    const record = await this.table.read<WaitingTask & { claimId?: string }>(tableKeys.token(key));
    if (!record) return undefined;
    const { claimId: _claimId, ...task } = record;
    return task;
  }

  async claim(key: string, token: string, outcome: string, at: number): Promise<boolean> {
    const claimId = randomUUID();
    const claimed = await this.table.update(tableKeys.token(key), 'SET completedAt = :at, outcome = :outcome, claimId = :claim', {
      expression: 'attribute_exists(pk) AND #token = :token AND attribute_not_exists(completedAt)',
      values: { ':at': at, ':outcome': outcome, ':token': token, ':claim': claimId },
      names: { '#token': 'token' },
    });
    return claimed || (await this.table.read<{ claimId?: string }>(tableKeys.token(key)))?.claimId === claimId;
  }

  async unclaim(key: string, token: string): Promise<void> {
    await this.table.update(tableKeys.token(key), 'REMOVE completedAt, outcome, claimId', {
      expression: '#token = :token',
      values: { ':token': token },
      names: { '#token': 'token' },
    });
  }
}

class RolloutTable implements RolloutRecords {
  private readonly table: DynamoTable;
  constructor(table: DynamoTable) {
    this.table = table;
  }

  private item(change: LaunchTemplateChange) {
    return { ...tableKeys.change(change), kind: 'launch-template-change', ...change, expiresAt: ttl(change.recordedAt) };
  }

  async recordChange(change: LaunchTemplateChange): Promise<LaunchTemplateChange> {
    if (await this.table.write(this.item(change), { expression: 'attribute_not_exists(pk)' })) return change;
    const { expiresAt: _expiresAt, ...first } = (await this.table.read<LaunchTemplateChange & { expiresAt: number }>(tableKeys.change(change))) ?? {
      ...change,
      expiresAt: 0,
    };
    return first;
  }

  async updateChange(change: LaunchTemplateChange): Promise<void> {
    await this.table.write(this.item(change));
  }

  async changes(releaseId: string, wave: string): Promise<LaunchTemplateChange[]> {
    const records = await this.table.query<LaunchTemplateChange & { expiresAt?: number }>(`RELEASE#${releaseId}`, `LT#${wave}#`);
    return records.map(({ expiresAt: _expiresAt, ...change }) => change);
  }
}

class ApprovalTable implements ApprovalStore {
  private readonly table: DynamoTable;
  constructor(table: DynamoTable) {
    this.table = table;
  }

  async putApproval(record: ApprovalRecord): Promise<void> {
    await this.table.write(
      { ...tableKeys.approval(record.releaseId), kind: 'approval', ...record, expiresAt: ttl(record.requestedAt) },
      { expression: 'attribute_not_exists(pk) OR #status = :pending', values: { ':pending': 'pending' }, names: STATUS },
    );
  }

  async getApproval(releaseId: string): Promise<ApprovalRecord | undefined> {
    const record = await this.table.read<ApprovalRecord & { expiresAt?: number; decisionId?: string }>(tableKeys.approval(releaseId));
    if (!record) return undefined;
    const { expiresAt: _expiresAt, decisionId: _decisionId, ...approval } = record;
    return approval;
  }

  async decide(
    releaseId: string,
    token: string,
    decision: { id: string; status: 'approved' | 'rejected'; by: string; at: number; comment?: string },
  ): Promise<boolean> {
    const comment = decision.comment !== undefined;
    const decisionId = decision.id;
    const decided = await this.table.update(
      tableKeys.approval(releaseId),
      `SET #status = :status, decidedBy = :by, decidedAt = :at, decisionId = :decision${comment ? ', #comment = :comment' : ''}`,
      {
        expression: '#status = :pending AND #token = :token',
        values: {
          ':status': decision.status,
          ':by': decision.by,
          ':at': decision.at,
          ':pending': 'pending',
          ':token': token,
          ':decision': decisionId,
          ...(comment && { ':comment': decision.comment }),
        },
        names: { ...STATUS, '#token': 'token', ...(comment && { '#comment': 'comment' }) },
      },
    );
    // A retried write whose first answer was lost finds its own decision.
    return decided || (await this.table.read<{ decisionId?: string }>(tableKeys.approval(releaseId)))?.decisionId === decisionId;
  }

  async reopen(releaseId: string, token: string): Promise<void> {
    await this.table.update(tableKeys.approval(releaseId), 'SET #status = :pending REMOVE decidedBy, decidedAt, decisionId, #comment', {
      expression: '#token = :token',
      values: { ':pending': 'pending', ':token': token },
      names: { ...STATUS, '#token': 'token', '#comment': 'comment' },
    });
  }
}

class NotificationTable implements NotificationLedger {
  private readonly table: DynamoTable;
  constructor(table: DynamoTable) {
    this.table = table;
  }

  async claim(releaseId: string, outcome: string, channel: Channel, at: number): Promise<ClaimResult> {
    const key = tableKeys.notification(releaseId, outcome, channel);
    const claimId = randomUUID();
    const claimed = await this.table.write(
      { ...key, kind: 'notification', status: 'sending', claimedAt: at, claimId, expiresAt: ttl(at) },
      { expression: 'attribute_not_exists(pk)' },
    );
    if (claimed) return 'claimed';
    const existing = await this.table.read<{ claimId?: string; status?: string }>(key);
    // The SDK retries a write whose answer was lost: that retry finds this very claim, which is still ours.
    if (existing?.claimId === claimId) return 'claimed';
    return existing?.status === 'sent' ? 'sent' : 'sending';
  }

  async markSent(releaseId: string, outcome: string, channel: Channel, at: number): Promise<void> {
    await this.table.update(tableKeys.notification(releaseId, outcome, channel), 'SET #status = :sent, sentAt = :at', {
      expression: 'attribute_exists(pk)',
      values: { ':sent': 'sent', ':at': at },
      names: STATUS,
    });
  }

  async release(releaseId: string, outcome: string, channel: Channel): Promise<void> {
    await this.table.remove(tableKeys.notification(releaseId, outcome, channel), {
      expression: '#status = :sending',
      values: { ':sending': 'sending' },
      names: STATUS,
    });
  }
}

/** Every view of the release table, sharing one client. */
export class ReleaseTable {
  readonly locks: LockStore;
  readonly history: ReleaseHistory;
  readonly tokens: TaskTokenStore;
  readonly rollout: RolloutRecords;
  readonly approvals: ApprovalStore;
  readonly ledger: NotificationLedger;

  constructor(tableName: string, options: AdapterOptions) {
    const table = new DynamoTable(tableName, options);
    this.locks = new LockTable(table);
    this.history = new HistoryTable(table);
    this.tokens = new TokenTable(table);
    this.rollout = new RolloutTable(table);
    this.approvals = new ApprovalTable(table);
    this.ledger = new NotificationTable(table);
  }
}
