/**
 * start-refresh: an instance refresh that names the new launch template version by number in
 * DesiredConfiguration, which is what makes AutoRollback and RollbackInstanceRefresh possible. A retry that
 * finds this release's own refresh already running carries on with it.
 */
import { RefreshConflictError } from './errors.ts';
import type { AutoScalingPort } from './ports.ts';
import { ACTIVE_REFRESH } from './refresh-outcome.ts';
import type { PlannedRefresh } from './roll-launch-templates.ts';

export interface RefreshStarted {
  region: string;
  autoScalingGroupName: string;
  instanceRefreshId: string;
}

export async function startRefresh(refresh: PlannedRefresh, deps: { autoScaling: AutoScalingPort }): Promise<RefreshStarted> {
  const { region, autoScalingGroupName, launchTemplate } = refresh;
  const started = await deps.autoScaling.startRefresh(region, {
    autoScalingGroupName,
    launchTemplateId: launchTemplate.launchTemplateId,
    version: launchTemplate.version,
    preferences: refresh.preferences,
  });
  if ('instanceRefreshId' in started) return { region, autoScalingGroupName, instanceRefreshId: started.instanceRefreshId };
  const active = (await deps.autoScaling.refreshes(region, autoScalingGroupName)).find((r) => ACTIVE_REFRESH.has(r.status) || r.status === 'Cancelling');
  const ours = active && active.desired?.launchTemplateId === launchTemplate.launchTemplateId && active.desired.version === String(launchTemplate.version);
  if (!active || !ours) throw new RefreshConflictError(autoScalingGroupName, active?.instanceRefreshId ?? '(unknown)');
  return { region, autoScalingGroupName, instanceRefreshId: active.instanceRefreshId };
}
