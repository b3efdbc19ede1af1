/**
 * Questions the checkers ask of a history: which release an execution is, what a parameter or a launch template
 * held at a moment, which build an AMI came from, and when an image counted as validated.
 */
import type { BuildFacts, Effect, ExecutionFacts, History, LaunchTemplateFacts, PipelineFacts } from './history.ts';
import { RELEASE_STATES } from './release-states.ts';

export const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** An operation changed state: it succeeded, or a crash fault let it apply before failing its caller. */
export function applied(effect: Effect): boolean {
  return effect.error === undefined || effect.crashed !== undefined;
}

export function effectsOf(history: History, service: string, operation: string): Effect[] {
  return history.effects.filter((e) => e.service === service && e.operation === operation && applied(e));
}

export function releaseExecutions(history: History): ExecutionFacts[] {
  return history.executions.filter((e) => e.workflow === 'release');
}

export function waveExecutions(history: History): ExecutionFacts[] {
  return history.executions.filter((e) => e.workflow === 'rollout-wave');
}

interface ReleaseInputShape {
  pipeline?: string;
  releaseId?: string;
  trigger?: { kind?: string };
  release?: { pipeline?: string; releaseId?: string; trigger?: { kind?: string } };
}

/** The release an execution runs: its pipeline, id and trigger kind (from its input). */
export function releaseOf(execution: ExecutionFacts): { pipeline?: string; releaseId?: string; trigger?: string } {
  const input = (execution.input ?? {}) as ReleaseInputShape;
  const release = input.release ?? input;
  return {
    pipeline: release.pipeline,
    releaseId: release.releaseId ?? (execution.workflow === 'release' ? execution.name : undefined),
    trigger: release.trigger?.kind,
  };
}

/**
 * The wave a rollout-wave execution rolls: its release id, wave name and launch templates. The input names the
 * pipeline and the wave; the wave's targets come from the pipeline's config in the history.
 */
export function waveOf(execution: ExecutionFacts, history?: History): { releaseId?: string; wave?: string; launchTemplates: string[]; groups: string[] } {
  const input = (execution.input ?? {}) as { releaseId?: string; pipeline?: string; wave?: string };
  const targets = (history && pipelineNamed(history, input.pipeline)?.waves.find((w) => w.name === input.wave)?.targets) ?? [];
  return {
    releaseId: input.releaseId,
    wave: input.wave,
    launchTemplates: targets.map((t) => t.launchTemplate),
    groups: targets.flatMap((t) => t.groups),
  };
}

export function pipelineNamed(history: History, name: string | undefined): PipelineFacts | undefined {
  return history.pipelines.find((p) => p.name === name);
}

/** When an execution held its pipeline: from the end of a successful Plan Release to its end. */
export function activeWindow(execution: ExecutionFacts, endOfHistory: number): { from: number; to: number } | undefined {
  const plan = execution.states.find((s) => s.name === RELEASE_STATES.plan && s.exitedAt !== undefined && s.output !== undefined);
  if (!plan || plan.exitedAt === undefined) return undefined;
  if (execution.states.some((s) => s.name === RELEASE_STATES.alreadyRunning)) return undefined;
  return { from: plan.exitedAt, to: execution.stoppedAt ?? endOfHistory };
}

/** The build an AMI came from, in any of its regions. */
export function buildOfImage(history: History, imageId: string): BuildFacts | undefined {
  return history.builds.find((b) => b.amis.some((a) => a.imageId === imageId));
}

/** When a build's image became AVAILABLE, if it did. */
export function availableAt(build: BuildFacts): number | undefined {
  return build.timeline.find((t) => t.status === 'AVAILABLE')?.at;
}

/** Severities over the pipeline's thresholds, e.g. `high 3 > 2`. */
export function findingsOver(build: BuildFacts, pipeline: PipelineFacts): string[] {
  return Object.entries(pipeline.thresholds)
    .filter(([severity, max]) => (build.findings[severity] ?? 0) > max)
    .map(([severity, max]) => `${severity} ${build.findings[severity]} > ${max}`);
}

/** When a smoke test command succeeded on an instance launched from one of the build's AMIs. */
export function smokePassedAt(history: History, build: BuildFacts): number | undefined {
  const images = new Set(build.amis.map((a) => a.imageId));
  const instances = new Set(history.instances.filter((i) => i.launchedByClient && images.has(i.imageId)).map((i) => i.instanceId));
  const times = history.commands.flatMap((c) =>
    c.invocations
      .filter((inv) => instances.has(inv.instanceId) && inv.status === 'Success' && inv.finishedAt !== undefined)
      .map((inv) => inv.finishedAt as number),
  );
  return times.length ? Math.min(...times) : undefined;
}

/** Why an AMI had not passed validation by `at` (empty when it had). */
export function notValidatedReasons(history: History, imageId: string, at: number): string[] {
  const build = buildOfImage(history, imageId);
  if (!build) return [`${imageId} comes from no recorded build`];
  const pipeline = history.pipelines.find((p) => p.imagePipelineName === build.pipelineName);
  const reasons: string[] = [];
  const available = availableAt(build);
  if (available === undefined || available > at) reasons.push(`its build ${build.arn} was not AVAILABLE`);
  if (!pipeline) return [...reasons, `its build belongs to no configured pipeline (${build.pipelineName})`];
  const over = findingsOver(build, pipeline);
  if (over.length) reasons.push(`findings over thresholds (${over.join(', ')})`);
  if (pipeline.smokeTests) {
    const passed = smokePassedAt(history, build);
    if (passed === undefined || passed > at) reasons.push('no smoke test passed on it');
  }
  if (pipeline.approval) {
    // Given, even if the CLI was not sure it got through (approval-reported.ts checks what it said).
    const approved = history.approvals.some((a) => a.decision === 'approve' && a.at <= at && releaseBuiltImage(history, a.releaseId, build));
    if (!approved) reasons.push('no approval was given for it');
  }
  return reasons;
}

/** True when the release's execution built (or rolled back to) this build. */
function releaseBuiltImage(history: History, releaseId: string, build: BuildFacts): boolean {
  const execution = releaseExecutions(history).find((e) => releaseOf(e).releaseId === releaseId);
  if (!execution) return false;
  return (
    JSON.stringify(execution.states.map((s) => s.output)).includes(build.arn) || build.amis.some((a) => JSON.stringify(execution.states).includes(a.imageId))
  );
}

/** The value of a parameter just after `at` (writes at `at` included), from the writes recorded. */
export function parameterValueAt(history: History, region: string, name: string, at: number): string | undefined {
  let value: string | undefined;
  for (const write of history.parameterWrites) if (write.region === region && write.name === name && write.at <= at) value = write.value;
  return value;
}

/** A launch template's default version just after `at`, from its initial default and the ModifyLaunchTemplate calls. */
export function defaultVersionAt(history: History, template: LaunchTemplateFacts, at: number): number {
  let version = template.initialDefault;
  for (const effect of effectsOf(history, 'ec2', 'ModifyLaunchTemplate')) {
    if (effect.at > at || effect.region !== template.region) continue;
    const input = effect.input as { LaunchTemplateId?: string; LaunchTemplateName?: string; DefaultVersion?: string };
    if (input.LaunchTemplateId !== template.launchTemplateId && input.LaunchTemplateName !== template.name) continue;
    const next = Number(input.DefaultVersion);
    if (Number.isInteger(next)) version = next;
  }
  return version;
}

export function imageOfVersion(template: LaunchTemplateFacts, version: number): string | undefined {
  return template.versions.find((v) => v.version === version)?.imageId;
}

export function templateNamed(history: History, nameOrId: string): LaunchTemplateFacts | undefined {
  return history.launchTemplates.find((t) => t.name === nameOrId || t.launchTemplateId === nameOrId);
}

/** The release window (start to stop) an effect at `at` falls in, for a pipeline. */
export function releaseAt(history: History, pipeline: string, at: number): ExecutionFacts[] {
  return releaseExecutions(history).filter((e) => releaseOf(e).pipeline === pipeline && e.startedAt <= at && (e.stoppedAt ?? history.endedAt) >= at);
}

/** A parameter name → the pipeline and channel it is. */
export function channelOf(history: History, name: string): { pipeline: PipelineFacts; channel: 'candidate' | 'stable' } | undefined {
  for (const pipeline of history.pipelines) {
    if (pipeline.channels.candidate === name) return { pipeline, channel: 'candidate' };
    if (pipeline.channels.stable === name) return { pipeline, channel: 'stable' };
  }
  return undefined;
}

export function formatTime(history: History, at: number | undefined): string {
  if (at === undefined) return 'never';
  return `t+${Math.round((at - history.startedAt) / 1000)}s`;
}
