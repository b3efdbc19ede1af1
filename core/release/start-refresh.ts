/**
 * start-refresh: an instance refresh that names the new launch template version by number in
 * DesiredConfiguration, which is what makes AutoRollback and RollbackInstanceRefresh possible.
 *
 * A retry never starts a second refresh: the version is this wave's own, so a refresh that names it (in any
 * status, even one that already ended) is the one an earlier attempt started. And a refresh never outlives a
 * restored wave: restore-launch-templates sets the defaults back before it stops the wave's refreshes, so a
 * refresh started after that finds the default moved, and rolls itself back; one that would start after it starts
 * nothing.
 */
import { RefreshConflictError, WaveRestoredError } from './errors.ts';
import type { AutoScalingPort, LaunchTemplatesPort, RefreshView } from './ports.ts';
import { ACTIVE_REFRESH } from './refresh-outcome.ts';
import type { PlannedRefresh } from './roll-launch-templates.ts';

export interface RefreshStarted {
  region: string;
  autoScalingGroupName: string;
  instanceRefreshId: string;
}

export async function startRefresh(refresh: PlannedRefresh, deps: { autoScaling: AutoScalingPort; templates: LaunchTemplatesPort }): Promise<RefreshStarted> {
  const { region, autoScalingGroupName, launchTemplate } = refresh;
  const instanceRefreshId = await startOnce(refresh, deps);
  const template = await deps.templates.template(region, launchTemplate.launchTemplateId);
  if (template?.defaultVersion !== launchTemplate.version) {
    // The wave was restored while this refresh started: undo it, as the restore would have.
    if (!(await deps.autoScaling.rollback(region, autoScalingGroupName))) await deps.autoScaling.cancel(region, autoScalingGroupName);
    throw new WaveRestoredError(autoScalingGroupName, instanceRefreshId, launchTemplate.launchTemplateId, template?.defaultVersion);
  }
  return { region, autoScalingGroupName, instanceRefreshId };
}

/** The refresh to this wave's version: the one an earlier attempt started (in any status), or a new one. */
async function startOnce(refresh: PlannedRefresh, deps: { autoScaling: AutoScalingPort; templates: LaunchTemplatesPort }): Promise<string> {
  const { region, autoScalingGroupName, launchTemplate } = refresh;
  const { autoScaling } = deps;
  const ours = (r: RefreshView) => r.desired?.launchTemplateId === launchTemplate.launchTemplateId && r.desired.version === String(launchTemplate.version);
  const earlier = (await autoScaling.refreshes(region, autoScalingGroupName)).find(ours);
  if (earlier) return earlier.instanceRefreshId;
  // A Map's sibling failing does not stop a start already running: checked right before the start, a wave that
  // was restored meanwhile starts nothing (one restored in between is caught after the start, and undone).
  const template = await deps.templates.template(region, launchTemplate.launchTemplateId);
  if (template?.defaultVersion !== launchTemplate.version) {
    throw new WaveRestoredError(autoScalingGroupName, '(none started)', launchTemplate.launchTemplateId, template?.defaultVersion);
  }
  const started = await autoScaling.startRefresh(region, {
    autoScalingGroupName,
    launchTemplateId: launchTemplate.launchTemplateId,
    version: launchTemplate.version,
    preferences: refresh.preferences,
  });
  if ('instanceRefreshId' in started) return started.instanceRefreshId;
  // Started by a concurrent attempt between the two calls, or someone else's refresh.
  const active = (await autoScaling.refreshes(region, autoScalingGroupName)).find((r) => ACTIVE_REFRESH.has(r.status) || r.status === 'Cancelling');
  if (!active || !ours(active)) throw new RefreshConflictError(autoScalingGroupName, active?.instanceRefreshId ?? '(unknown)');
  return active.instanceRefreshId;
}
