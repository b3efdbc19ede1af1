import type { RefreshPreferences } from '@aws-sdk/client-auto-scaling';
import type { Constraints } from './constraints.ts';
import { checkpointDelayWithoutPercentages, checkpointsNotAscending, healthyRangeTooWide, maxHealthyWithoutMin, tooManyAlarms } from './errors.ts';
import type { GroupRecord } from './store.ts';

/** The model's ranges and enums for RefreshPreferences. */
export function checkPreferenceConstraints(p: RefreshPreferences | undefined, c: Constraints): void {
  if (!p) return;
  c.integer(p.MinHealthyPercentage, 'preferences.minHealthyPercentage', 0, 100)
    .integer(p.MaxHealthyPercentage, 'preferences.maxHealthyPercentage', 100, 200)
    .integer(p.InstanceWarmup, 'preferences.instanceWarmup', 0)
    .integer(p.CheckpointDelay, 'preferences.checkpointDelay', 0, 172800)
    .integer(p.BakeTime, 'preferences.bakeTime', 0, 172800)
    .oneOf(p.ScaleInProtectedInstances, 'preferences.scaleInProtectedInstances', ['Refresh', 'Ignore', 'Wait'])
    .oneOf(p.StandbyInstances, 'preferences.standbyInstances', ['Terminate', 'Ignore', 'Wait']);
  p.CheckpointPercentages?.forEach((v, i) => {
    c.integer(v, `preferences.checkpointPercentages.${i + 1}.member`, 1, 100);
  });
  p.AlarmSpecification?.Alarms?.forEach((name, i) => {
    c.length(name, `preferences.alarmSpecification.alarms.${i + 1}.member`, 1, 255);
  });
}

/** The documented rules between preferences. */
export function checkPreferenceRules(p: RefreshPreferences | undefined): void {
  if (!p) return;
  const checkpoints = p.CheckpointPercentages ?? [];
  if (checkpoints.some((v, i) => i > 0 && v <= checkpoints[i - 1])) throw checkpointsNotAscending();
  if (p.CheckpointDelay !== undefined && !checkpoints.length) throw checkpointDelayWithoutPercentages();
  if (p.MaxHealthyPercentage !== undefined) {
    if (p.MinHealthyPercentage === undefined) throw maxHealthyWithoutMin();
    if (p.MaxHealthyPercentage - p.MinHealthyPercentage > 100) throw healthyRangeTooWide();
  }
  if ((p.AlarmSpecification?.Alarms?.length ?? 0) > 10) throw tooManyAlarms();
}

/**
 * The preferences as DescribeInstanceRefreshes reports them, with AWS's defaults (CLI and SDK column
 * of "Understand the default values for an instance refresh"): MinHealthyPercentage 90, the group's
 * DefaultInstanceWarmup or else HealthCheckGracePeriod, CheckpointDelay 3600 with checkpoints, Wait
 * for protected and standby instances.
 */
export function resolvedPreferences(p: RefreshPreferences | undefined, group: GroupRecord): Record<string, unknown> {
  const checkpoints = p?.CheckpointPercentages?.length ? [...p.CheckpointPercentages] : undefined;
  const resolved: Record<string, unknown> = {
    MinHealthyPercentage: p?.MinHealthyPercentage ?? 90,
    InstanceWarmup: p?.InstanceWarmup ?? group.defaultInstanceWarmup ?? group.healthCheckGracePeriod,
    CheckpointPercentages: checkpoints,
    CheckpointDelay: checkpoints ? (p?.CheckpointDelay ?? 3600) : undefined,
    SkipMatching: p?.SkipMatching ?? false,
    AutoRollback: p?.AutoRollback ?? false,
    ScaleInProtectedInstances: p?.ScaleInProtectedInstances ?? 'Wait',
    StandbyInstances: p?.StandbyInstances ?? 'Wait',
    AlarmSpecification: p?.AlarmSpecification?.Alarms ? { Alarms: [...p.AlarmSpecification.Alarms] } : undefined,
    MaxHealthyPercentage: p?.MaxHealthyPercentage,
    BakeTime: p?.BakeTime,
  };
  for (const key of Object.keys(resolved)) if (resolved[key] === undefined) delete resolved[key];
  return resolved;
}
