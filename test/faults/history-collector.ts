/**
 * Reads what a scenario left behind into a History: executions with the states they visited, builds, instances,
 * launch templates, refreshes, commands, channel parameter writes, notifications, table items, and the text a
 * secret must never appear in. It reads the local cloud's stores directly (no API calls, so no fault applies).
 */
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalCloud } from '../../local-cloud/index.ts';
import type { Fleet } from '../e2e/harness.ts';
import type { ExecutionFacts, History, InstanceFacts, LaunchTemplateFacts, Notification, ParameterWrite, StateVisit } from './history.ts';
import type { Recorder } from './recorder.ts';

/** What the runner noted before the scenario started. */
export interface Baseline {
  startedAt: number;
  /** Launch template id → default version. */
  defaults: Map<string, number>;
  /** `region name version` of channel parameter versions that existed already. */
  parameterVersions: Set<string>;
}

export function baselineOf(cloud: LocalCloud): Baseline {
  const { ec2, ssm } = cloud.runtime.services;
  const defaults = new Map<string, number>();
  for (const { state } of ec2.store.entries()) for (const t of Object.values(state.launchTemplates)) defaults.set(t.launchTemplateId, t.defaultVersion);
  const parameterVersions = new Set<string>();
  for (const { region, state } of ssm.store.entries())
    for (const p of Object.values(state.parameters)) for (const v of p.versions) parameterVersions.add(`${region} ${p.name} ${v.version}`);
  return { startedAt: cloud.clock.now(), defaults, parameterVersions };
}

function parsed(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function executionsOf(cloud: LocalCloud): ExecutionFacts[] {
  const executions: ExecutionFacts[] = [];
  for (const { state } of cloud.runtime.services.stepfunctions.store.entries()) {
    for (const record of Object.values(state.executions)) {
      const states: StateVisit[] = [];
      for (const event of record.history) {
        const entered = event.stateEnteredEventDetails as { name?: string; input?: string } | undefined;
        const exited = event.stateExitedEventDetails as { name?: string; output?: string } | undefined;
        if (entered?.name) states.push({ name: entered.name, enteredAt: event.timestamp, input: parsed(entered.input) });
        if (exited?.name) {
          const visit = states.findLast((s) => s.name === exited.name && s.exitedAt === undefined);
          if (visit) Object.assign(visit, { exitedAt: event.timestamp, output: parsed(exited.output) });
        }
      }
      executions.push({
        arn: record.executionArn,
        workflow: record.stateMachineName.endsWith('rollout-wave')
          ? 'rollout-wave'
          : record.stateMachineName.endsWith('release')
            ? 'release'
            : record.stateMachineName,
        name: record.name,
        input: parsed(record.input),
        status: record.status,
        startedAt: record.startDate,
        ...(record.stopDate !== undefined && { stoppedAt: record.stopDate }),
        ...(record.output !== undefined && { output: parsed(record.output) }),
        ...(record.error !== undefined && { error: record.error }),
        ...(record.cause !== undefined && { cause: record.cause }),
        states,
      });
    }
  }
  return executions.sort((a, b) => a.startedAt - b.startedAt);
}

export interface CollectInput {
  fleet: Fleet;
  recorder: Recorder;
  baseline: Baseline;
  history: Pick<History, 'seed' | 'pipelines' | 'triggers' | 'approvals' | 'runner' | 'secrets'>;
  logs: string[];
}

export async function collectHistory({ fleet, recorder, baseline, history, logs }: CollectInput): Promise<History> {
  const cloud = fleet.session.cloud;
  const { services } = cloud.runtime;
  const channelNames = new Set(history.pipelines.flatMap((p) => [p.channels.candidate, p.channels.stable]));

  const builds = services.imagebuilder.store.entries().flatMap(({ state }) =>
    Object.values(state.images).map((image) => ({
      arn: image.arn,
      pipelineName: image.pipelineName,
      status: image.status,
      timeline: image.plan.slice(0, image.step + 1).map((s) => ({ status: s.status, at: s.at })),
      amis: image.amis.map((a) => ({ region: a.region, imageId: a.image })),
      findings: image.findings.reduce<Record<string, number>>((counts, f) => {
        const severity = f.severity.toLowerCase();
        counts[severity] = (counts[severity] ?? 0) + 1;
        return counts;
      }, {}),
      startedAt: image.dateCreated,
    })),
  );

  const instances: InstanceFacts[] = [];
  for (const { region, state } of services.ec2.store.entries()) {
    for (const i of Object.values(state.instances))
      instances.push({
        instanceId: i.instanceId,
        region,
        imageId: i.imageId,
        state: i.state,
        tags: i.tags,
        launchedAt: i.launchTime,
        launchedByClient: recorder.clientInstances.has(i.instanceId),
      });
  }
  // A terminated instance leaves EC2's view after an hour: it was terminated.
  for (const [instanceId, launched] of recorder.clientInstances)
    if (!instances.some((i) => i.instanceId === instanceId)) instances.push({ instanceId, ...launched, state: 'terminated', tags: {}, launchedByClient: true });

  const launchTemplates: LaunchTemplateFacts[] = services.ec2.store.entries().flatMap(({ region, state }) =>
    Object.values(state.launchTemplates).map((t) => ({
      region,
      launchTemplateId: t.launchTemplateId,
      name: t.name,
      initialDefault: baseline.defaults.get(t.launchTemplateId) ?? 1,
      finalDefault: t.defaultVersion,
      versions: t.versions.map((v) => ({
        version: v.versionNumber,
        imageId: v.data.ImageId,
        createdAt: v.createTime,
        ...(v.clientToken && { clientToken: v.clientToken }),
      })),
    })),
  );

  const refreshes = services.autoscaling.store.entries().flatMap(({ region, state }) =>
    state.refreshes.map((r) => {
      const lt = (r.desiredConfiguration as { LaunchTemplate?: { LaunchTemplateId?: string; LaunchTemplateName?: string; Version?: string } } | undefined)
        ?.LaunchTemplate;
      return {
        region,
        id: r.id,
        group: r.groupName,
        status: r.status,
        startedAt: r.startTime,
        ...(r.endTime !== undefined && { endedAt: r.endTime }),
        ...(lt && { desired: { launchTemplateId: lt.LaunchTemplateId, launchTemplateName: lt.LaunchTemplateName, version: lt.Version } }),
      };
    }),
  );

  const commands = services.ssm.store.entries().flatMap(({ region, state }) =>
    state.commands.map((c) => ({
      region,
      commandId: c.commandId,
      instanceIds: c.instanceIds,
      requestedAt: c.requestedAt,
      invocations: c.invocations.map((i) => ({ instanceId: i.instanceId, status: i.status, ...(i.finishedAt !== undefined && { finishedAt: i.finishedAt }) })),
    })),
  );

  const parameterWrites: ParameterWrite[] = services.ssm.store.entries().flatMap(({ region, state }) =>
    Object.values(state.parameters)
      .filter((p) => channelNames.has(p.name))
      .flatMap((p) =>
        p.versions
          .filter((v) => !baseline.parameterVersions.has(`${region} ${p.name} ${v.version}`))
          .map((v) => ({ region, name: p.name, version: v.version, value: v.value, at: v.lastModifiedDate })),
      ),
  );

  const notifications: Notification[] = [];
  for (const effect of recorder.effects) {
    // Image Builder's own build notifications are in-process calls: only functions' publishes are Goldsmith's.
    if (effect.service !== 'sns' || effect.operation !== 'Publish' || effect.caller !== 'client' || (effect.error && !effect.crashed)) continue;
    const attributes = (effect.input.MessageAttributes ?? {}) as Record<string, { StringValue?: string }>;
    const text = String(effect.input.Message ?? '');
    notifications.push({
      at: effect.at,
      channel: 'sns',
      // A message without attributes is told apart by its text: the same text twice is the same notification.
      release: attributes.release?.StringValue ?? text,
      outcome: attributes.outcome?.StringValue ?? String(effect.input.TopicArn ?? ''),
      pipeline: attributes.pipeline?.StringValue,
      text,
    });
  }
  // Slack posts carry no attributes: identical posts are the same notification sent twice.
  for (const message of fleet.messages.filter((m) => m.channel === 'slack')) {
    const body = JSON.stringify({ text: message.text, blocks: message.blocks });
    notifications.push({ at: message.receivedAt, channel: 'slack', release: body, outcome: 'same message', text: body });
  }

  const tables = { release: [] as Array<Record<string, unknown>>, idempotency: [] as Array<Record<string, unknown>> };
  const documents = DynamoDBDocumentClient.from(fleet.clients.dynamodb);
  for (const table of fleet.deployment.deployment.model.tables) {
    const key = table.key === 'idempotency' ? 'idempotency' : 'release';
    const scanned = await documents.send(new ScanCommand({ TableName: table.name }));
    tables[key].push(...((scanned.Items ?? []) as Array<Record<string, unknown>>));
  }

  const executions = executionsOf(cloud);
  const tokens = (services.stepfunctions.tokens as unknown as { pending: Map<string, { executionArn: string }> }).pending;
  const surfaces = [
    ...services.lambda.store
      .entries()
      .flatMap(({ state }) =>
        Object.values(state.functions).map((fn) => ({ where: `the environment of ${fn.name}`, text: JSON.stringify(fn.latest.variables ?? {}) })),
      ),
    ...executions.map((e) => ({ where: `the payloads of execution ${e.name}`, text: JSON.stringify([e.input, e.output, e.cause, e.states]) })),
    ...notifications.map((n) => ({ where: `a ${n.channel} notification`, text: n.text })),
    { where: 'the events on the bus', text: JSON.stringify(cloud.runtime.events) },
    { where: 'the function logs', text: logs.join('\n') },
  ];

  return {
    ...history,
    account: cloud.runtime.defaultAccountId,
    startedAt: baseline.startedAt,
    endedAt: cloud.clock.now(),
    executions,
    effects: recorder.effects,
    events: cloud.runtime.events.map((e) => ({
      at: Date.parse(e.time),
      source: e.source,
      detailType: e['detail-type'],
      detail: e.detail,
      resources: e.resources,
    })),
    builds,
    instances,
    launchTemplates,
    refreshes,
    commands,
    parameterWrites,
    notifications,
    faults: [...cloud.runtime.faults.injected.map((f) => ({ ...f })), ...recorder.crashes],
    openTaskTokens: [...tokens.values()].map((t) => t.executionArn),
    tables,
    probes: [],
    surfaces,
  };
}
