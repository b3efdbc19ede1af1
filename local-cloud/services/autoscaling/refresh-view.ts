import type { InstanceRefresh, RefreshPreferences } from '@aws-sdk/client-auto-scaling';
import { percentOf } from './refresh-engine.ts';
import type { RefreshRecord } from './store.ts';

/** Renders a refresh as DescribeInstanceRefreshes returns it. During and after a rollback, progress is the rollback's. */
export function refreshView(refresh: RefreshRecord): InstanceRefresh {
  const pass = refresh.rollback ?? refresh.forward;
  const percent = refresh.status === 'Pending' ? 0 : percentOf(pass);
  const toUpdate = Math.max(0, pass.total - pass.replaced);
  const rollback = refresh.rollback;
  return {
    InstanceRefreshId: refresh.id,
    AutoScalingGroupName: refresh.groupName,
    Status: refresh.status,
    StatusReason: refresh.statusReason,
    StartTime: new Date(refresh.startTime),
    EndTime: refresh.endTime === undefined ? undefined : new Date(refresh.endTime),
    PercentageComplete: percent,
    InstancesToUpdate: toUpdate,
    ProgressDetails: { LivePoolProgress: { PercentageComplete: percent, InstancesToUpdate: toUpdate } },
    Preferences: structuredClone(refresh.preferences) as RefreshPreferences,
    DesiredConfiguration: refresh.desiredConfiguration ? structuredClone(refresh.desiredConfiguration) : undefined,
    RollbackDetails: rollback
      ? {
          RollbackReason: rollback.reason,
          RollbackStartTime: new Date(rollback.startTime),
          PercentageCompleteOnRollback: rollback.percentageCompleteOnRollback,
          InstancesToUpdateOnRollback: rollback.instancesToUpdateOnRollback,
          ProgressDetailsOnRollback: {
            LivePoolProgress: { PercentageComplete: rollback.percentageCompleteOnRollback, InstancesToUpdate: rollback.instancesToUpdateOnRollback },
          },
        }
      : undefined,
    Strategy: refresh.strategy as InstanceRefresh['Strategy'],
  };
}
