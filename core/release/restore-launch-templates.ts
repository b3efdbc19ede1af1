/**
 * restore-launch-templates: after a failed wave, the wave's refreshes that still replace instances are rolled
 * back (or cancelled when they cannot be), and every launch template the wave changed gets its previous
 * default version back, from the records roll-launch-templates wrote before changing it (DESIGN §5.4).
 */
import type { AutoScalingPort, LaunchTemplateChange, LaunchTemplatesPort, RefreshView, RolloutRecords } from './ports.ts';
import { ACTIVE_REFRESH } from './refresh-outcome.ts';

export interface RestorePlan {
  /** Templates to set back to their previous default. */
  templates: Array<{ region: string; launchTemplateId: string; version: number }>;
  /** This release's refreshes still running, to roll back. */
  refreshes: Array<{ region: string; autoScalingGroupName: string; instanceRefreshId: string }>;
}

/** Pure: what a restore does, given the wave's records and each group's refreshes (keyed `region/group`). */
export function planRestore(changes: readonly LaunchTemplateChange[], refreshesByGroup: ReadonlyMap<string, readonly RefreshView[]>): RestorePlan {
  const refreshes: RestorePlan['refreshes'] = [];
  for (const change of changes) {
    for (const group of change.autoScalingGroups) {
      const active = (refreshesByGroup.get(`${change.region}/${group}`) ?? []).find(
        (r) =>
          ACTIVE_REFRESH.has(r.status) &&
          change.newVersion !== undefined &&
          r.desired?.version === String(change.newVersion) &&
          (r.desired.launchTemplateId === change.launchTemplateId || r.desired.launchTemplateName === change.launchTemplateName),
      );
      if (active) refreshes.push({ region: change.region, autoScalingGroupName: group, instanceRefreshId: active.instanceRefreshId });
    }
  }
  const templates = changes.map((c) => ({ region: c.region, launchTemplateId: c.launchTemplateId, version: c.previousDefaultVersion }));
  return { templates, refreshes };
}

export interface RestoreResult {
  restored: RestorePlan['templates'];
  refreshes: Array<RestorePlan['refreshes'][number] & { action: 'rolled-back' | 'cancelled' | 'none' }>;
}

export async function restoreLaunchTemplates(
  input: { releaseId: string; waveName: string },
  deps: { records: RolloutRecords; templates: LaunchTemplatesPort; autoScaling: AutoScalingPort },
): Promise<RestoreResult> {
  const changes = await deps.records.changes(input.releaseId, input.waveName);
  // Defaults first, refreshes second: a refresh that starts in between finds the default moved and undoes
  // itself (start-refresh), and one that started before is listed below. Refreshes name their version, so
  // the default does not change what they launch.
  const { templates } = planRestore(changes, new Map());
  for (const [index, target] of templates.entries()) {
    await deps.templates.setDefault(target.region, target.launchTemplateId, target.version);
    await deps.records.updateChange({ ...changes[index], status: 'restored' });
  }
  const byGroup = new Map<string, RefreshView[]>();
  for (const change of changes) {
    for (const group of change.autoScalingGroups) byGroup.set(`${change.region}/${group}`, await deps.autoScaling.refreshes(change.region, group));
  }
  const refreshes: RestoreResult['refreshes'] = [];
  for (const refresh of planRestore(changes, byGroup).refreshes) {
    const action = (await deps.autoScaling.rollback(refresh.region, refresh.autoScalingGroupName))
      ? 'rolled-back'
      : (await deps.autoScaling.cancel(refresh.region, refresh.autoScalingGroupName))
        ? 'cancelled'
        : 'none';
    refreshes.push({ ...refresh, action });
  }
  return { restored: templates, refreshes };
}
