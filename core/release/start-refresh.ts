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
  // A Map's sibling failing does not stop a start already running: when the wave was restored before it, nothing
  // starts (an earlier attempt's refresh, if any, is still found and undone below).
  const before = await deps.templates.template(region, launchTemplate.launchTemplateId);
  const ours = (r: RefreshView) => r.desired?.launchTemplateId === launchTemplate.launchTemplateId && r.desired.version === String(launchTemplate.version);
  if (before?.defaultVersion !== launchTemplate.version && !(await deps.autoScaling.refreshes(region, autoScalingGroupName)).some(ours)) {
    throw new WaveRestoredError(autoScalingGroupName, '(none started)', launchTemplate.launchTemplateId, before?.defaultVersion);
  }
  const instanceRefreshId = await startOnce(refresh, deps.autoScaling);
  const template = await deps.templates.template(region, launchTemplate.launchTemplateId);
  if (template?.defaultVersion !== launchTemplate.version) {
    // The wave was restored while this refresh started: undo it, as the restore would have.
    if (!(await deps.autoScaling.rollback(region, autoScalingGroupName))) await deps.autoScaling.cancel(region, autoScalingGroupName);
    throw new WaveRestoredError(autoScalingGroupName, instanceRefreshId, launchTemplate.launchTemplateId, template?.defaultVersion);
  }
  return { region, autoScalingGroupName, instanceRefreshId };
}

/** The refresh to this wave's version: the one an earlier attempt started (in any status), or a new one. */
async function startOnce(refresh: PlannedRefresh, autoScaling: AutoScalingPort): Promise<string> {
  const { region, autoScalingGroupName, launchTemplate } = refresh;
  const ours = (r: RefreshView) => r.desired?.launchTemplateId === launchTemplate.launchTemplateId && r.desired.version === String(launchTemplate.version);
  const earlier = (await autoScaling.refreshes(region, autoScalingGroupName)).find(ours);
  if (earlier) return earlier.instanceRefreshId;
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
