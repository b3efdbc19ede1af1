/** In-memory ports for core tests: each behaves as the real service does, as far as the release logic can tell. */
import type { Channel, ClaimResult, NotificationLedger, SlackPort, TopicMessage, TopicPort } from '../../../core/notifications/ports.ts';
import type { ReleaseInput } from '../../../core/release/contracts.ts';
import type {
  AmiView,
  ApprovalRecord,
  ApprovalStore,
  AutoScalingPort,
  CommandInvocation,
  ExecutionStatusPort,
  GroupLaunchTemplate,
  ImageBuilderPort,
  ImagesPort,
  ImageView,
  InstancesPort,
  InstanceView,
  LaunchTemplateChange,
  LaunchTemplatesPort,
  LaunchTemplateView,
  LockAttempt,
  LockRecord,
  LockStore,
  ParameterPort,
  ParameterValue,
  PipelineRecipe,
  RefreshPreferences,
  RefreshView,
  ReleaseHistory,
  ReleaseRecord,
  ReleaseStarterPort,
  ReleaseStatus,
  RolloutRecords,
  RunCommandPort,
  StartOutcome,
  SuccessRecord,
  TaskCompletionPort,
  TaskTokenStore,
  TestInstanceSpec,
  WaitingTask,
} from '../../../core/release/ports.ts';

const copy = <T>(value: T): T => structuredClone(value);

export class MemoryLocks implements LockStore {
  locks = new Map<string, LockRecord>();
  async tryAcquire(lock: LockRecord, nowSeconds: number): Promise<LockAttempt> {
    const current = this.locks.get(lock.pipeline);
    if (!current || current.expiresAt < nowSeconds || current.holder === lock.holder) {
      this.locks.set(lock.pipeline, copy(lock));
      return { acquired: true };
    }
    return { acquired: false, current: copy(current) };
  }
  async takeOver(lock: LockRecord, previousHolder: string): Promise<boolean> {
    if (this.locks.get(lock.pipeline)?.holder !== previousHolder) return false;
    this.locks.set(lock.pipeline, copy(lock));
    return true;
  }
  async release(pipeline: string, holder: string): Promise<boolean> {
    if (this.locks.get(pipeline)?.holder !== holder) return false;
    this.locks.delete(pipeline);
    return true;
  }
}

export class FakeExecutions implements ExecutionStatusPort {
  running = new Set<string>();
  async isRunning(executionArn: string): Promise<boolean> {
    return this.running.has(executionArn);
  }
}

export class MemoryHistory implements ReleaseHistory {
  releases = new Map<string, ReleaseRecord>();
  successes: SuccessRecord[] = [];
  async putRelease(record: ReleaseRecord): Promise<void> {
    this.releases.set(`${record.pipeline}/${record.releaseId}`, copy(record));
  }
  async getRelease(pipeline: string, releaseId: string): Promise<ReleaseRecord | undefined> {
    const record = this.releases.get(`${pipeline}/${releaseId}`);
    return record && copy(record);
  }
  async finishRelease(pipeline: string, releaseId: string, outcome: { status: Exclude<ReleaseStatus, 'running'>; finishedAt: number; error?: string }) {
    const record = this.releases.get(`${pipeline}/${releaseId}`);
    if (record && record.status !== 'running') return false;
    this.releases.set(`${pipeline}/${releaseId}`, { ...(record ?? ({ pipeline, releaseId } as ReleaseRecord)), ...outcome });
    return true;
  }
  async addSuccess(record: SuccessRecord): Promise<void> {
    if (!this.successes.some((s) => s.pipeline === record.pipeline && s.releaseId === record.releaseId && s.succeededAt === record.succeededAt)) {
      this.successes.push(copy(record));
    }
  }
  async latestSuccesses(pipeline: string, limit: number): Promise<SuccessRecord[]> {
    return this.successes
      .filter((s) => s.pipeline === pipeline)
      .sort((a, b) => b.succeededAt - a.succeededAt)
      .slice(0, limit)
      .map(copy);
  }
}

export class MemoryTokens implements TaskTokenStore {
  tasks = new Map<string, WaitingTask>();
  async put(task: WaitingTask): Promise<void> {
    this.tasks.set(task.key, copy(task));
  }
  async get(key: string): Promise<WaitingTask | undefined> {
    const task = this.tasks.get(key);
    return task && copy(task);
  }
  async claim(key: string, token: string, outcome: string, at: number): Promise<boolean> {
    const task = this.tasks.get(key);
    if (!task || task.token !== token || task.completedAt !== undefined) return false;
    Object.assign(task, { completedAt: at, outcome });
    return true;
  }
  async unclaim(key: string, token: string): Promise<void> {
    const task = this.tasks.get(key);
    if (task?.token === token) {
      delete task.completedAt;
      delete task.outcome;
    }
  }
}

export type SentCompletion = { token: string; kind: 'success'; output: unknown } | { token: string; kind: 'failure'; error: string; cause: string };

/** Step Functions task tokens: each can be completed once; `closed` ones answer as a finished task does. */
export class FakeTasks implements TaskCompletionPort {
  sent: SentCompletion[] = [];
  closed = new Set<string>();
  failNext: Error | undefined;
  /** The next completion applies, but its answer is lost: the client's retry finds the task closed. */
  loseNextAnswer = false;
  /** The next completion applies, but its answer is lost and the client gives up with this error. */
  loseNextAnswerWith: Error | undefined;
  /** The execution each token belongs to, for endingWith. */
  executionOf = new Map<string, string>();
  private send(completion: SentCompletion): 'sent' | 'closed' {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    if (this.closed.has(completion.token)) return 'closed';
    this.closed.add(completion.token);
    this.sent.push(completion);
    if (this.loseNextAnswerWith) {
      const error = this.loseNextAnswerWith;
      this.loseNextAnswerWith = undefined;
      throw error;
    }
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      return 'closed';
    }
    return 'sent';
  }
  async endingWith(executionArn: string, marker: string): Promise<'succeeded' | 'failed' | undefined> {
    const ended = this.sent.find(
      (c) => this.executionOf.get(c.token) === executionArn && (c.kind === 'success' ? JSON.stringify(c.output) : c.cause).includes(marker),
    );
    return ended && (ended.kind === 'success' ? 'succeeded' : 'failed');
  }
  async succeed(token: string, output: unknown) {
    return this.send({ token, kind: 'success', output });
  }
  async fail(token: string, error: string, cause: string) {
    return this.send({ token, kind: 'failure', error, cause });
  }
}

export class FakeStarter implements ReleaseStarterPort {
  executions = new Map<string, { input: ReleaseInput; status: string }>();
  async start(name: string, input: ReleaseInput): Promise<{ outcome: StartOutcome; executionArn: string; status?: string }> {
    const executionArn = `arn:aws:states:eu-central-1:123456789012:execution:release:${name}`;
    const existing = this.executions.get(name);
    if (existing) return { outcome: existing.status === 'RUNNING' ? 'already-running' : 'already-done', executionArn, status: existing.status };
    this.executions.set(name, { input: copy(input), status: 'RUNNING' });
    return { outcome: 'started', executionArn };
  }
}

export class FakeImageBuilder implements ImageBuilderPort {
  images = new Map<string, ImageView>();
  recipes = new Map<string, PipelineRecipe>();
  findings = new Map<string, Record<string, number>>();
  starts: Array<{ imagePipelineArn: string; clientToken: string }> = [];
  async startPipeline(imagePipelineArn: string, clientToken: string): Promise<string> {
    this.starts.push({ imagePipelineArn, clientToken });
    return `${imagePipelineArn.replace(':image-pipeline/', ':image/')}/1.0.0/${new Set(this.starts.map((s) => s.clientToken)).size}`;
  }
  async getImage(arn: string): Promise<ImageView | undefined> {
    const image = this.images.get(arn);
    return image && copy(image);
  }
  async getPipelineRecipe(arn: string): Promise<PipelineRecipe | undefined> {
    const recipe = this.recipes.get(arn);
    return recipe && copy(recipe);
  }
  async scanFindingCounts(arn: string): Promise<Record<string, number>> {
    return { ...(this.findings.get(arn) ?? {}) };
  }
}

export class FakeParameters implements ParameterPort {
  values = new Map<string, ParameterValue>();
  /** Versions written but not visible yet (aws:ec2:image validation); `settle()` makes them visible. */
  pending = new Map<string, ParameterValue>();
  tags = new Map<string, Record<string, string>>();
  puts: Array<{ region: string; name: string; imageId: string }> = [];
  /** How many reads until a pending version becomes visible. */
  settleAfterReads = 0;
  private reads = 0;
  async get(region: string, name: string): Promise<ParameterValue | undefined> {
    const key = `${region}:${name}`;
    if (this.pending.has(key) && ++this.reads > this.settleAfterReads) {
      this.values.set(key, this.pending.get(key) as ParameterValue);
      this.pending.delete(key);
    }
    return this.values.get(key);
  }
  async putImageId(region: string, name: string, imageId: string): Promise<number> {
    const key = `${region}:${name}`;
    const version = (this.pending.get(key)?.version ?? this.values.get(key)?.version ?? 0) + 1;
    this.pending.set(key, { value: imageId, version });
    this.reads = 0;
    this.puts.push({ region, name, imageId });
    return version;
  }
  async tag(region: string, name: string, tags: Record<string, string>): Promise<void> {
    this.tags.set(`${region}:${name}`, { ...this.tags.get(`${region}:${name}`), ...tags });
  }
  set(region: string, name: string, value: string, version = 1): void {
    this.values.set(`${region}:${name}`, { value, version });
  }
}

export class FakeCommands implements RunCommandPort {
  online = new Set<string>();
  invocations = new Map<string, CommandInvocation>();
  sentCommands: Array<{ region: string; instanceId: string; documentName: string; commands: string[]; timeoutSeconds: number }> = [];
  async send(region: string, input: { instanceId: string; documentName: string; commands: string[]; timeoutSeconds: number }): Promise<string> {
    this.sentCommands.push({ region, ...input });
    return `cmd-${this.sentCommands.length}`;
  }
  async invocation(_region: string, commandId: string): Promise<CommandInvocation | undefined> {
    return this.invocations.get(commandId);
  }
  async agentOnline(_region: string, instanceId: string): Promise<boolean> {
    return this.online.has(instanceId);
  }
}

export class FakeInstances implements InstancesPort {
  instances = new Map<string, InstanceView & { region: string; tags: Record<string, string>; spec?: TestInstanceSpec }>();
  private launched = 0;
  async launch(region: string, spec: TestInstanceSpec): Promise<string> {
    const earlier = [...this.instances.values()].find((i) => i.spec?.clientToken === spec.clientToken);
    if (earlier) return earlier.instanceId;
    const instanceId = `i-${String(++this.launched).padStart(17, '0')}`;
    this.instances.set(instanceId, { instanceId, state: 'pending', launchTime: 0, region, tags: { ...spec.tags }, spec: copy(spec) });
    return instanceId;
  }
  async instance(_region: string, instanceId: string): Promise<InstanceView | undefined> {
    const found = this.instances.get(instanceId);
    return found && { instanceId: found.instanceId, state: found.state, launchTime: found.launchTime };
  }
  async findByTags(region: string, tags: Record<string, string>): Promise<InstanceView[]> {
    return [...this.instances.values()]
      .filter((i) => i.region === region && i.state !== 'terminated' && Object.entries(tags).every(([k, v]) => i.tags[k] === v))
      .map((i) => ({ instanceId: i.instanceId, state: i.state }));
  }
  async terminate(_region: string, instanceIds: string[]): Promise<void> {
    for (const id of instanceIds) {
      const instance = this.instances.get(id);
      if (instance) instance.state = 'terminated';
    }
  }
}

export class FakeImages implements ImagesPort {
  images = new Map<string, AmiView>();
  deprecations: Array<{ region: string; imageId: string; at: number }> = [];
  deregistered: string[] = [];
  deletedSnapshots: string[] = [];
  tagged: Array<{ region: string; imageIds: string[]; tags: Record<string, string> }> = [];
  async image(region: string, imageId: string): Promise<AmiView | undefined> {
    const image = this.images.get(imageId);
    return image?.region === region ? copy(image) : undefined;
  }
  async tag(region: string, imageIds: string[], tags: Record<string, string>): Promise<void> {
    this.tagged.push({ region, imageIds: [...imageIds], tags: { ...tags } });
  }
  async deprecate(region: string, imageId: string, at: number): Promise<void> {
    this.deprecations.push({ region, imageId, at });
    const image = this.images.get(imageId);
    if (image) image.deprecationTime = at;
  }
  async listBuiltFrom(region: string, prefix: string): Promise<AmiView[]> {
    return [...this.images.values()].filter((i) => i.region === region && i.builderArn?.startsWith(prefix)).map(copy);
  }
  async deregister(_region: string, imageId: string): Promise<void> {
    this.deregistered.push(imageId);
    this.images.delete(imageId);
  }
  async deleteSnapshot(_region: string, snapshotId: string): Promise<void> {
    this.deletedSnapshots.push(snapshotId);
  }
}

export class FakeTemplates implements LaunchTemplatesPort {
  templates = new Map<string, LaunchTemplateView & { region: string; images: Map<number, string> }>();
  created: Array<{ launchTemplateId: string; sourceVersion: number; imageId: string; clientToken: string }> = [];
  defaults: Array<{ launchTemplateId: string; version: number }> = [];
  private readonly tokens = new Map<string, number>();
  add(region: string, name: string, images: string[], defaultVersion = images.length): string {
    const launchTemplateId = `lt-${String(this.templates.size + 1).padStart(17, '0')}`;
    this.templates.set(launchTemplateId, {
      region,
      launchTemplateId,
      launchTemplateName: name,
      defaultVersion,
      latestVersion: images.length,
      images: new Map(images.map((image, index) => [index + 1, image])),
    });
    return launchTemplateId;
  }
  async template(region: string, nameOrId: string): Promise<LaunchTemplateView | undefined> {
    const t = [...this.templates.values()].find((x) => x.region === region && (x.launchTemplateId === nameOrId || x.launchTemplateName === nameOrId));
    return (
      t && { launchTemplateId: t.launchTemplateId, launchTemplateName: t.launchTemplateName, defaultVersion: t.defaultVersion, latestVersion: t.latestVersion }
    );
  }
  async createVersion(_region: string, input: { launchTemplateId: string; sourceVersion: number; imageId: string; clientToken: string }): Promise<number> {
    const known = this.tokens.get(input.clientToken);
    if (known) return known;
    const t = this.templates.get(input.launchTemplateId);
    if (!t) throw new Error('no such template');
    t.latestVersion += 1;
    t.images.set(t.latestVersion, input.imageId);
    this.tokens.set(input.clientToken, t.latestVersion);
    this.created.push({ ...input });
    return t.latestVersion;
  }
  async setDefault(_region: string, launchTemplateId: string, version: number): Promise<void> {
    const t = this.templates.get(launchTemplateId);
    if (t) t.defaultVersion = version;
    this.defaults.push({ launchTemplateId, version });
  }
  async imageIds(_region: string, launchTemplateId: string, versions: string[]): Promise<string[]> {
    const t = this.templates.get(launchTemplateId);
    if (!t) return [];
    return versions.flatMap((v) => {
      const n = v === '$Default' ? t.defaultVersion : v === '$Latest' ? t.latestVersion : Number(v);
      const image = t.images.get(n);
      return image ? [image] : [];
    });
  }
}

export class FakeAutoScaling implements AutoScalingPort {
  refreshList = new Map<string, RefreshView[]>();
  groups: GroupLaunchTemplate[] = [];
  started: Array<{ region: string; autoScalingGroupName: string; launchTemplateId: string; version: number; preferences: RefreshPreferences }> = [];
  rolledBack: string[] = [];
  cancelled: string[] = [];
  /** Groups whose refresh cannot be rolled back (e.g. it started without a desired configuration). */
  irreversible = new Set<string>();
  async startRefresh(region: string, input: { autoScalingGroupName: string; launchTemplateId: string; version: number; preferences: RefreshPreferences }) {
    const list = this.refreshList.get(input.autoScalingGroupName) ?? [];
    if (list.some((r) => ['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking'].includes(r.status))) return { inProgress: true as const };
    const instanceRefreshId = `refresh-${this.started.length + 1}`;
    this.started.push({ region, ...input });
    list.unshift({
      instanceRefreshId,
      autoScalingGroupName: input.autoScalingGroupName,
      status: 'Pending',
      startTime: 0,
      desired: { launchTemplateId: input.launchTemplateId, version: String(input.version) },
    });
    this.refreshList.set(input.autoScalingGroupName, list);
    return { instanceRefreshId };
  }
  async refreshes(_region: string, group: string, ids?: string[]): Promise<RefreshView[]> {
    return (this.refreshList.get(group) ?? []).filter((r) => !ids || ids.includes(r.instanceRefreshId)).map(copy);
  }
  setStatus(group: string, id: string, status: string, statusReason?: string): void {
    const refresh = (this.refreshList.get(group) ?? []).find((r) => r.instanceRefreshId === id);
    if (refresh) Object.assign(refresh, { status, statusReason });
  }
  async rollback(_region: string, group: string): Promise<boolean> {
    const active = (this.refreshList.get(group) ?? []).find((r) => ['Pending', 'InProgress', 'Baking'].includes(r.status));
    if (!active || this.irreversible.has(group)) return false;
    active.status = 'RollbackInProgress';
    this.rolledBack.push(group);
    return true;
  }
  async cancel(_region: string, group: string): Promise<boolean> {
    const active = (this.refreshList.get(group) ?? []).find((r) => ['Pending', 'InProgress', 'Baking'].includes(r.status));
    if (!active) return false;
    active.status = 'Cancelling';
    this.cancelled.push(group);
    return true;
  }
  async launchTemplates(_region: string, names: string[]): Promise<GroupLaunchTemplate[]> {
    return this.groups.filter((g) => names.includes(g.autoScalingGroupName)).map(copy);
  }
}

export class MemoryRollout implements RolloutRecords {
  changesByKey = new Map<string, LaunchTemplateChange>();
  private key = (c: LaunchTemplateChange) => `${c.releaseId}/${c.wave}/${c.region}/${c.launchTemplateId}`;
  async recordChange(change: LaunchTemplateChange): Promise<LaunchTemplateChange> {
    const existing = this.changesByKey.get(this.key(change));
    if (existing) return copy(existing);
    this.changesByKey.set(this.key(change), copy(change));
    return copy(change);
  }
  async updateChange(change: LaunchTemplateChange): Promise<void> {
    this.changesByKey.set(this.key(change), copy(change));
  }
  async changes(releaseId: string, wave: string): Promise<LaunchTemplateChange[]> {
    return [...this.changesByKey.values()].filter((c) => c.releaseId === releaseId && c.wave === wave).map(copy);
  }
}

export class MemoryApprovals implements ApprovalStore {
  approvals = new Map<string, ApprovalRecord>();
  async putApproval(record: ApprovalRecord): Promise<void> {
    const existing = this.approvals.get(record.releaseId);
    if (!existing || existing.status === 'pending') this.approvals.set(record.releaseId, copy(record));
  }
  async getApproval(releaseId: string): Promise<ApprovalRecord | undefined> {
    const record = this.approvals.get(releaseId);
    return record && copy(record);
  }
  async decide(releaseId: string, token: string, decision: { id: string; status: 'approved' | 'rejected'; by: string; at: number; comment?: string }) {
    const record = this.approvals.get(releaseId);
    if (record?.status !== 'pending' || record.token !== token) return false;
    Object.assign(record, { status: decision.status, decidedBy: decision.by, decidedAt: decision.at, comment: decision.comment });
    return true;
  }
  async reopen(releaseId: string, token: string): Promise<void> {
    const record = this.approvals.get(releaseId);
    if (record?.token === token) Object.assign(record, { status: 'pending', decidedBy: undefined, decidedAt: undefined });
  }
}

export class MemoryLedger implements NotificationLedger {
  entries = new Map<string, 'sending' | 'sent'>();
  async claim(releaseId: string, outcome: string, channel: Channel): Promise<ClaimResult> {
    const key = `${releaseId}/${outcome}/${channel}`;
    const existing = this.entries.get(key);
    if (existing) return existing;
    this.entries.set(key, 'sending');
    return 'claimed';
  }
  async markSent(releaseId: string, outcome: string, channel: Channel): Promise<void> {
    this.entries.set(`${releaseId}/${outcome}/${channel}`, 'sent');
  }
  async release(releaseId: string, outcome: string, channel: Channel): Promise<void> {
    const key = `${releaseId}/${outcome}/${channel}`;
    if (this.entries.get(key) === 'sending') this.entries.delete(key);
  }
}

export class FakeTopics implements TopicPort {
  published: Array<{ topicArn: string; message: TopicMessage }> = [];
  failNext: Error | undefined;
  async publish(topicArn: string, message: TopicMessage): Promise<void> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    this.published.push({ topicArn, message });
  }
}

export class FakeSlack implements SlackPort {
  posted: Array<{ secretId: string; payload: unknown }> = [];
  async post(secretId: string, payload: unknown): Promise<void> {
    this.posted.push({ secretId, payload });
  }
}

/** An AWS-style error, named by its code. */
export function awsError(code: string, message = code): Error {
  const error = new Error(message);
  error.name = code;
  return error;
}
