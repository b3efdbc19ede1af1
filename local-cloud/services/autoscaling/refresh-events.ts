import type { Scope } from './fleet.ts';
import type { GroupRecord, RefreshRecord } from './store.ts';

export type RefreshEvent =
  | 'Started'
  | 'Checkpoint Reached'
  | 'Succeeded'
  | 'Failed'
  | 'Cancelled'
  | 'Rollback Started'
  | 'Rollback Succeeded'
  | 'Rollback Failed';

/**
 * Puts an "EC2 Auto Scaling Instance Refresh …" event on the bus, in the shape of AWS's event reference:
 * the refresh id and group name, and for a checkpoint its percentage and delay as strings.
 */
export function emitRefreshEvent(
  scope: Scope,
  group: GroupRecord,
  refresh: RefreshRecord,
  event: RefreshEvent,
  checkpoint?: { percentage: number; delaySeconds: number },
): void {
  const detail: Record<string, unknown> = { InstanceRefreshId: refresh.id, AutoScalingGroupName: group.name };
  if (checkpoint) {
    detail.CheckpointPercentage = String(checkpoint.percentage);
    detail.CheckpointDelay = String(checkpoint.delaySeconds);
  }
  scope.cloud.emitEvent({
    source: 'aws.autoscaling',
    'detail-type': `EC2 Auto Scaling Instance Refresh ${event}`,
    detail,
    resources: [group.arn],
    account: scope.accountId,
    region: scope.region,
  });
}
