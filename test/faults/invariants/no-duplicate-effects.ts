/**
 * DESIGN §5.2: a duplicated, replayed or late event never causes a second build, rollout or publication, nor
 * moves anything backwards (notifications: notifications-once.ts). Side effects are attributed to releases by the windows of the
 * executions that may cause them (a wave's templates and groups, a pipeline's channels).
 */
import type { Effect, ExecutionFacts, History } from '../history.ts';
import { applied, buildOfImage, channelOf, effectsOf, formatTime, releaseAt, releaseOf, templateNamed, waveExecutions, waveOf } from '../history-queries.ts';
import type { Invariant } from './invariant.ts';

export const noDuplicateEffects: Invariant = {
  name: 'no-duplicate-effects',
  contract: 'DESIGN §5.2',
  check(history) {
    return [...builds(history), ...rollouts(history), ...publications(history), ...imagePublished(history)];
  },
};

const IMAGE_PUBLISHED = 'Goldsmith Image Published';

/** Distinct builds per client token (one), and per pipeline no more than its distinct triggers allow. */
function builds(history: History): string[] {
  const problems: string[] = [];
  const byToken = new Map<string, Set<string>>();
  const byPipeline = new Map<string, Set<string>>();
  for (const effect of effectsOf(history, 'imagebuilder', 'StartImagePipelineExecution')) {
    const arn = effect.output?.imageBuildVersionArn as string | undefined;
    if (!arn) continue;
    const token = String(effect.input.clientToken ?? '(none)');
    byToken.set(token, (byToken.get(token) ?? new Set()).add(arn));
    const pipelineArn = String(effect.input.imagePipelineArn ?? '');
    const pipeline = history.pipelines.find((p) => pipelineArn.endsWith(`/${p.imagePipelineName}`));
    if (pipeline) byPipeline.set(pipeline.name, (byPipeline.get(pipeline.name) ?? new Set()).add(arn));
  }
  for (const [token, arns] of byToken) if (arns.size > 1) problems.push(`client token ${token} started ${arns.size} builds: ${[...arns].join(', ')}`);
  for (const [name, arns] of byPipeline) {
    const pipeline = history.pipelines.find((p) => p.name === name);
    const triggers = new Set(history.triggers.filter((t) => t.pipeline === name).map((t) => t.key));
    const parentReleases = new Set(
      imagePublishedEntries(history)
        .filter((e) => e.pipeline === pipeline?.parent)
        .map((e) => e.releaseId),
    );
    const allowed = triggers.size + parentReleases.size;
    if (arns.size > allowed) problems.push(`pipeline ${name} built ${arns.size} images for ${allowed} distinct triggers: ${[...arns].join(', ')}`);
  }
  return problems;
}

/** The wave executions whose window covers `at` and that roll `resource` (a template or a group). */
function wavesCovering(history: History, at: number, resource: string, kind: 'template' | 'group'): ExecutionFacts[] {
  return waveExecutions(history).filter((w) => {
    if (w.startedAt > at || (w.stoppedAt ?? history.endedAt) < at) return false;
    const wave = waveOf(w, history);
    return kind === 'template'
      ? wave.launchTemplates.some((t) => templateNamed(history, t) === templateNamed(history, resource) || t === resource)
      : wave.groups.includes(resource);
  });
}

/** One new launch template version per template and wave, one refresh per group and wave; none outside a wave. */
function rollouts(history: History): string[] {
  const problems: string[] = [];
  const versions = new Map<string, Set<number>>();
  for (const effect of effectsOf(history, 'ec2', 'CreateLaunchTemplateVersion')) {
    const output = effect.output?.LaunchTemplateVersion as { VersionNumber?: number; LaunchTemplateId?: string; LaunchTemplateName?: string } | undefined;
    const template = String(effect.input.LaunchTemplateName ?? effect.input.LaunchTemplateId ?? output?.LaunchTemplateName ?? '');
    const waves = wavesCovering(history, effect.at, template, 'template');
    if (!waves.length) problems.push(`launch template ${template} got a new version at ${formatTime(history, effect.at)} outside any wave that rolls it`);
    for (const wave of waves) {
      const key = `${template} in ${wave.name}`;
      if (output?.VersionNumber !== undefined) versions.set(key, (versions.get(key) ?? new Set()).add(output.VersionNumber));
    }
  }
  for (const [key, set] of versions) if (set.size > 1) problems.push(`launch template ${key} got ${set.size} new versions (${[...set].join(', ')})`);

  const refreshes = new Map<string, Set<string>>();
  for (const effect of effectsOf(history, 'autoscaling', 'StartInstanceRefresh')) {
    const group = String(effect.input.AutoScalingGroupName ?? '');
    const id = effect.output?.InstanceRefreshId as string | undefined;
    const waves = wavesCovering(history, effect.at, group, 'group');
    if (!waves.length) problems.push(`group ${group} got an instance refresh at ${formatTime(history, effect.at)} outside any wave that rolls it`);
    for (const wave of waves) {
      const key = `${group} in ${wave.name}`;
      if (id) refreshes.set(key, (refreshes.get(key) ?? new Set()).add(id));
    }
  }
  for (const [key, set] of refreshes) if (set.size > 1) problems.push(`group ${key} got ${set.size} instance refreshes (${[...set].join(', ')})`);

  // A default version only goes down when a failed wave restores it, inside that wave's window.
  for (const effect of effectsOf(history, 'ec2', 'ModifyLaunchTemplate')) {
    const template = templateOfEffect(history, effect);
    const next = Number(effect.input.DefaultVersion);
    if (!template || !Number.isInteger(next)) continue;
    const before = defaultBefore(history, effect, template.initialDefault);
    if (next >= before) continue;
    const restoring = wavesCovering(history, effect.at, template.name, 'template').filter((w) => w.status !== 'SUCCEEDED');
    if (!restoring.length)
      problems.push(`launch template ${template.name} went back from version ${before} to ${next} at ${formatTime(history, effect.at)} outside a failed wave`);
  }
  return problems;
}

function defaultBefore(history: History, effect: Effect, initial: number): number {
  const id = templateOfEffect(history, effect)?.launchTemplateId;
  let version = initial;
  for (const e of history.effects) {
    if (e.seq >= effect.seq) break;
    if (e.service !== 'ec2' || e.operation !== 'ModifyLaunchTemplate' || !applied(e) || templateOfEffect(history, e)?.launchTemplateId !== id) continue;
    const v = Number(e.input.DefaultVersion);
    if (Number.isInteger(v)) version = v;
  }
  return version;
}

function templateOfEffect(history: History, effect: Effect) {
  return templateNamed(history, String(effect.input.LaunchTemplateId ?? effect.input.LaunchTemplateName ?? ''));
}

/** A channel changes at most once per release, only during a release of its pipeline, and never to an older image. */
function publications(history: History): string[] {
  const problems: string[] = [];
  const current = new Map<string, string>();
  const changes = new Map<string, number>();
  for (const write of [...history.parameterWrites].sort((a, b) => a.at - b.at || a.version - b.version)) {
    const channel = channelOf(history, write.name);
    if (!channel) continue;
    const key = `${write.name}@${write.region}`;
    const previous = current.get(key);
    current.set(key, write.value);
    if (previous === write.value) continue;
    const releases = releaseAt(history, channel.pipeline.name, write.at);
    const when = formatTime(history, write.at);
    if (!releases.length) {
      problems.push(`${write.name} in ${write.region} changed to ${write.value} at ${when} while no release of ${channel.pipeline.name} ran`);
      continue;
    }
    for (const release of releases) {
      const count = (changes.get(`${key} ${release.name}`) ?? 0) + 1;
      changes.set(`${key} ${release.name}`, count);
      if (count === 2) problems.push(`${write.name} in ${write.region} changed more than once during release ${release.name}`);
    }
    const rollback = releases.some((r) => releaseOf(r).trigger === 'rollback');
    const older = previous !== undefined && (buildOfImage(history, write.value)?.startedAt ?? 0) < (buildOfImage(history, previous)?.startedAt ?? 0);
    if (older && !rollback) problems.push(`${write.name} in ${write.region} moved back from ${previous} to the older ${write.value} at ${when}`);
  }
  return problems;
}

function imagePublishedEntries(history: History): Array<{ pipeline?: string; releaseId?: string; at: number }> {
  const entries: Array<{ pipeline?: string; releaseId?: string; at: number }> = [];
  for (const effect of effectsOf(history, 'events', 'PutEvents')) {
    for (const entry of (effect.input.Entries ?? []) as Array<{ DetailType?: string; Detail?: string }>) {
      if (entry.DetailType !== IMAGE_PUBLISHED) continue;
      let detail: { pipeline?: string; releaseId?: string } = {};
      try {
        detail = JSON.parse(entry.Detail ?? '{}');
      } catch {}
      entries.push({ ...detail, at: effect.at });
    }
  }
  return entries;
}

/** One Image Published event per release. */
function imagePublished(history: History): string[] {
  const counts = new Map<string, number>();
  for (const entry of imagePublishedEntries(history)) counts.set(entry.releaseId ?? '?', (counts.get(entry.releaseId ?? '?') ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1).map(([release, count]) => `release ${release} put ${count} '${IMAGE_PUBLISHED}' events`);
}
