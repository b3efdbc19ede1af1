/**
 * Skip-when-unchanged: a release builds only when the parent image or a component changed since the last
 * release that reached `stable`. What goes into a build is fingerprinted; the last success keeps its print.
 */
import { createHash } from 'node:crypto';
import type { ComponentVersion, SuccessRecord } from './ports.ts';

export interface BuildInputs {
  parentImageId: string;
  /** The exact recipe version the pipeline builds (its version is derived from the recipe's content). */
  recipeArn: string;
  components: ComponentVersion[];
}

const byName = (a: ComponentVersion, b: ComponentVersion) => a.name.localeCompare(b.name);

export function fingerprintOf(inputs: BuildInputs): string {
  const components = [...inputs.components].sort(byName).map((c) => `${c.name}@${c.version}`);
  return createHash('sha256')
    .update(JSON.stringify([inputs.parentImageId, inputs.recipeArn, components]))
    .digest('hex');
}

/** What changed between the last success and now, in words; empty when nothing did. */
export function describeChanges(inputs: BuildInputs, last: Pick<SuccessRecord, 'parentImageId' | 'components'>): string[] {
  const changes: string[] = [];
  if (last.parentImageId !== inputs.parentImageId) changes.push(`parent image ${last.parentImageId ?? '(unknown)'} → ${inputs.parentImageId}`);
  const before = new Map((last.components ?? []).map((c) => [c.name, c.version]));
  const after = new Map(inputs.components.map((c) => [c.name, c.version]));
  for (const [name, version] of after) {
    const old = before.get(name);
    if (old === undefined) changes.push(`component ${name} ${version} added`);
    else if (old !== version) changes.push(`component ${name} ${old} → ${version}`);
  }
  for (const name of before.keys()) if (!after.has(name)) changes.push(`component ${name} removed`);
  return changes;
}

export interface BuildDecision {
  action: 'build' | 'skip';
  reason: string;
  fingerprint: string;
}

export function decideBuild(
  pipeline: string,
  inputs: BuildInputs,
  last: SuccessRecord | undefined,
  options: { skipWhenUnchanged: boolean; force: boolean },
): BuildDecision {
  const fingerprint = fingerprintOf(inputs);
  if (!last) return { action: 'build', reason: `First release of ${pipeline}: no earlier release reached stable.`, fingerprint };
  if (last.fingerprint !== fingerprint) {
    const changes = describeChanges(inputs, last);
    const what = changes.length > 0 ? changes.join('; ') : 'the recipe changed';
    return { action: 'build', reason: `Changed since release ${last.releaseId}: ${what}.`, fingerprint };
  }
  const same = `parent image ${inputs.parentImageId} and ${inputs.components.length} component(s) are the same as in release ${last.releaseId}`;
  if (options.force) return { action: 'build', reason: `Forced: ${same}, but the release asked to build anyway.`, fingerprint };
  if (!options.skipWhenUnchanged) return { action: 'build', reason: `Nothing changed (${same}); skipWhenUnchanged is off, so it builds.`, fingerprint };
  return { action: 'skip', reason: `Nothing changed: ${same}. Nothing to do; release with force to build anyway.`, fingerprint };
}
