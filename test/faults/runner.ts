/**
 * Drives one fault scenario on the local cloud: deploys its fleet with the e2e harness (the local deployer, as
 * `npm start` does), records every state change, turns its faults on, fires its triggers on the simulated clock,
 * answers approvals, and skips idle time until everything has come to rest, within a hard real-time bound. Then
 * it returns the history the invariants are checked on.
 */
import { randomBytes } from 'node:crypto';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { decide } from '../../cli/commands/approve.ts';
import { executionNames } from '../../core/release/execution-names.ts';
import { type Fleet, projectOf, startFleet } from '../e2e/harness.ts';
import { releaseBoundSeconds, waveBoundSeconds } from './bounds.ts';
import { cloudScenarioOf } from './cloud-scenario.ts';
import type { FaultScenario, TriggerStep } from './fault-scenario.ts';
import { configOf, HOME_REGION, SLACK_SECRET } from './fleet-config.ts';
import type { ApprovalFacts, ExecutionFacts, History, PipelineFacts, TriggerFacts } from './history.ts';
import { baselineOf, collectHistory, executionsOf } from './history-collector.ts';
import { startRecording } from './recorder.ts';
import { RELEASE_STATES } from './release-states.ts';

export interface RunOptions {
  /** Simulated seconds per real second while functions run; idle time is skipped anyway. Default 10. */
  timeScale?: number;
  /** Real milliseconds a scenario may take once deployed. Default 180 s. */
  limitMs?: number;
  log?: (line: string) => void;
}

/** Nothing counts as at rest while a timer is due within this much simulated time (a delayed event, a retry). */
const REST_HORIZON_MS = 6 * 3600_000;
/** Real milliseconds between checks, and how many quiet checks in a row mean at rest. */
const CHECK_MS = 25;
const QUIET_CHECKS = 12;
const TRIGGER_ATTEMPTS = 6;

export async function runScenario(scenario: FaultScenario, options: RunOptions = {}): Promise<History> {
  const log = options.log ?? (() => {});
  const realStart = Date.now();
  const project = projectOf(configOf(scenario));
  const fleet = await startFleet({ project, groupSize: scenario.groupSize });
  log(`deployed in ${Date.now() - realStart} ms`);
  const cloud = fleet.session.cloud;
  const logs: string[] = [];
  let logBytes = 0;
  cloud.runtime.log = (line: string) => {
    // Bounded: the secrets check reads them, nothing else does.
    if (logBytes > 8_000_000) return;
    logBytes += line.length;
    logs.push(line);
  };
  try {
    // The inbox's URL with a token only this run knows, so a leak of the secret is told from the inbox's address.
    const secret = `${fleet.connection.inbox?.slackUrl ?? 'http://127.0.0.1/goldsmith-inbox/slack'}?token=${randomBytes(16).toString('hex')}`;
    const slack = scenario.pipelines.some((p) => p.slack);
    if (slack) await fleet.clients.secrets.send(new PutSecretValueCommand({ SecretId: SLACK_SECRET, SecretString: secret }));

    const imagePipelines = new Map(scenario.pipelines.map((p) => [p.name, imagePipelineNameOf(fleet, p.name)]));
    const pipelines: PipelineFacts[] = scenario.pipelines.map((p) => ({
      name: p.name,
      imagePipelineName: imagePipelines.get(p.name) as string,
      ...(p.chainedTo && { parent: p.chainedTo }),
      homeRegion: HOME_REGION,
      regions: [HOME_REGION, ...p.extraRegions],
      channels: { candidate: `/goldsmith/${p.name}/candidate`, stable: `/goldsmith/${p.name}/stable` },
      thresholds: { critical: 0, high: 2 },
      smokeTests: p.smokeTests,
      approval: p.approval,
      waves: p.waves.map((w) => ({ name: w.name, targets: w.targets.map((t) => ({ launchTemplate: t.launchTemplate, groups: t.groups })) })),
      releaseBoundSeconds: releaseBoundSeconds(p),
      waveBoundSeconds: waveBoundSeconds(),
    }));

    const baseline = baselineOf(cloud);
    const recorder = startRecording(cloud, scenario.crashes);
    cloud.setScenario(cloudScenarioOf(scenario, (name) => imagePipelines.get(name) ?? name));
    cloud.clock.setTimeScale(options.timeScale ?? 10);

    const triggers: TriggerFacts[] = [];
    const approvals: ApprovalFacts[] = [];
    let pending = scenario.triggers.length;
    for (const step of scenario.triggers) {
      cloud.clock.setTimeout(() => {
        void fire(fleet, scenario, step, log)
          .then((fact) => triggers.push(fact))
          .finally(() => pending--);
      }, step.afterSeconds * 1000);
    }

    let timedOut = false;
    let error: string | undefined;
    try {
      await fleet.session.fastForward.until(
        atRest(fleet, scenario, () => pending, approvals, log),
        { limitMs: options.limitMs ?? 180_000 },
      );
    } catch (e) {
      timedOut = /Still waiting/.test(String(e));
      if (!timedOut) error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      log(`did not come to rest: ${String(e)}`);
    }
    // The history is read without faults, and with nothing moving.
    recorder.stop();
    cloud.setScenario({});
    cloud.clock.setTimeScale(0);
    return await collectHistory({
      fleet,
      recorder,
      baseline,
      logs,
      history: {
        seed: scenario.seed,
        pipelines,
        triggers,
        approvals,
        secrets: slack ? [secret] : [],
        runner: { timedOut, realMs: Date.now() - realStart, ...(error && { error }) },
      },
    });
  } finally {
    await fleet.close();
  }
}

function imagePipelineNameOf(fleet: Fleet, pipeline: string): string {
  const resources = fleet.deployment.deployment.model.imagePipelines;
  return (resources.find((r) => r.key === pipeline) ?? resources.find((r) => r.name.endsWith(`-${pipeline}`)))?.name ?? pipeline;
}

/** Fires one trigger the way its source would, retrying as a client would when the API answers an error. */
async function fire(fleet: Fleet, scenario: FaultScenario, step: TriggerStep, log: (line: string) => void): Promise<TriggerFacts> {
  const cloud = fleet.session.cloud;
  const at = cloud.clock.now();
  const month = new Date(at).toISOString().slice(0, 7);
  const key = step.kind === 'schedule' ? `schedule:${step.pipeline}:${month}` : `${step.kind}:${step.key}`;
  const send = async () => {
    if (step.kind === 'cli') {
      const releaseId = executionNames.manual(step.pipeline, `${scenario.seed}-${step.key}`);
      await fleet.start(step.pipeline, { releaseId });
    } else if (step.kind === 'event') {
      await fleet.requestRelease(step.pipeline, `${scenario.seed}-${step.key}`);
    } else {
      const fn = fleet.deployment.deployment.model.functions.find((f) => f.key === 'trigger-release');
      // What the release schedule's target delivers (core/release/events.ts ScheduledRelease).
      const payload = {
        kind: 'scheduled',
        pipeline: step.pipeline,
        scheduledTime: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        id: randomBytes(8).toString('hex'),
      };
      await fleet.clients.lambda.send(new InvokeCommand({ FunctionName: fn?.name, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(payload)) }));
    }
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      break;
    } catch (error) {
      // `goldsmith run` of a release id that exists already is a repeat, not a failure.
      if ((error as Error).name === 'ExecutionAlreadyExists' || attempt >= TRIGGER_ATTEMPTS) {
        log(`trigger ${key}: ${(error as Error).name}: ${(error as Error).message}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
  return { at, pipeline: step.pipeline, kind: step.kind, key };
}

/** A release waiting at its approval gate for a decision this scenario never gives. */
function awaitsTimeout(execution: ExecutionFacts, scenario: FaultScenario): boolean {
  if (execution.status !== 'RUNNING' || execution.workflow !== 'release') return false;
  const waiting = execution.states.findLast((s) => s.name === RELEASE_STATES.requestApproval);
  const pipeline = (execution.input as { pipeline?: string }).pipeline ?? '';
  return waiting !== undefined && waiting.exitedAt === undefined && scenario.outcomes.approvals[pipeline] === 'timeout';
}

/** Resolves once every trigger fired, every execution ended, nothing is due soon, and nothing moved for a while. */
async function atRest(
  fleet: Fleet,
  scenario: FaultScenario,
  pendingTriggers: () => number,
  approvals: ApprovalFacts[],
  log: (line: string) => void,
): Promise<void> {
  const cloud = fleet.session.cloud;
  const decided = new Set<string>();
  let quiet = 0;
  let stillChecks = 0;
  let last = '';
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, CHECK_MS));
    const executions = executionsOf(cloud);
    for (const execution of executions) {
      if (execution.status !== 'RUNNING' || execution.workflow !== 'release' || decided.has(execution.name)) continue;
      const waiting = execution.states.findLast((s) => s.name === RELEASE_STATES.requestApproval);
      if (!waiting || waiting.exitedAt !== undefined) continue;
      const pipeline = (execution.input as { pipeline?: string }).pipeline ?? '';
      const decision = scenario.outcomes.approvals[pipeline] ?? 'approve';
      if (decision === 'timeout') {
        decided.add(execution.name);
        approvals.push({ at: cloud.clock.now(), releaseId: execution.name, decision });
        continue;
      }
      try {
        const askedAt = cloud.clock.now();
        const result = await decide(fleet.connection, execution.name, decision, 'fault scenario');
        log(`approval of ${execution.name}: ${JSON.stringify(result)}`);
        decided.add(execution.name);
        approvals.push({ at: askedAt, releaseId: execution.name, decision, delivered: result.delivered });
      } catch (error) {
        // Not stored yet, or the API answered an injected fault: ask again on the next check.
        if ((error as Error).name === 'ApprovalAlreadyDecidedError') decided.add(execution.name);
        else log(`approval of ${execution.name}: ${(error as Error).name}`);
      }
    }
    const running = executions.some((e) => e.status === 'RUNNING');
    const due = cloud.clock.nextDue();
    const soon = due !== undefined && due - cloud.clock.now() < REST_HORIZON_MS;
    const fingerprint = `${cloud.runtime.calls.length} ${cloud.runtime.events.length} ${executions.map((e) => e.states.length).join(',')}`;
    const still = fingerprint === last && fleet.session.fastForward.busy === 0;
    last = fingerprint;
    stillChecks = still ? stillChecks + 1 : 0;
    // Fast-forward never skips time while a release waits for a person; nobody comes in this scenario, so the
    // runner lets the approval's own timeout come, once everything else is quiet.
    if (stillChecks >= QUIET_CHECKS && due !== undefined && executions.some((e) => awaitsTimeout(e, scenario))) {
      cloud.clock.advanceTo(due);
      stillChecks = 0;
    }
    quiet = pendingTriggers() === 0 && !running && !soon && still ? quiet + 1 : 0;
    if (quiet >= QUIET_CHECKS) return;
  }
}
