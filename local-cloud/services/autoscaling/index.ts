import type { CloudRuntime } from '../../cloud.ts';
import type { RequestContext, ServiceDefinition } from '../../service.ts';
import { scheduleReconcile } from './capacity.ts';
import { Fleet } from './fleet.ts';
import {
  createAutoScalingGroup,
  deleteAutoScalingGroup,
  describeAutoScalingGroups,
  describeAutoScalingInstances,
  setDesiredCapacity,
  updateAutoScalingGroup,
} from './group-operations.ts';
import { addMissingModelMembers } from './model-additions.ts';
import { scheduleStep } from './refresh-engine.ts';
import { cancelInstanceRefresh, describeInstanceRefreshes, rollbackInstanceRefresh, startInstanceRefresh } from './refresh-operations.ts';
import { ACTIVE_STATUSES, AutoScalingStore } from './store.ts';
import { createOrUpdateTags, deleteTags, describeTags } from './tag-operations.ts';

/**
 * EC2 Auto Scaling: groups that keep their desired capacity of real local EC2 instances, and instance
 * refreshes that replace those instances batch by batch on the simulated clock, with checkpoints,
 * alarms, rollback and AWS's EventBridge events.
 */
export class AutoScalingService {
  readonly definition: ServiceDefinition;
  readonly store = new AutoScalingStore();
  private readonly fleet: Fleet;

  constructor(cloud: CloudRuntime) {
    addMissingModelMembers();
    this.fleet = new Fleet(cloud, this.store);
    // biome-ignore lint/suspicious/noExplicitAny: each operation narrows its input to the SDK's own type.
    const bind = (operation: (input: any, ctx: RequestContext, fleet: Fleet) => unknown) => (input: unknown, ctx: RequestContext) =>
      operation(input, ctx, this.fleet);
    this.definition = {
      signingName: 'autoscaling',
      model: 'autoscaling-2011-01-01',
      operations: {
        CreateAutoScalingGroup: bind(createAutoScalingGroup),
        DescribeAutoScalingGroups: bind(describeAutoScalingGroups),
        UpdateAutoScalingGroup: bind(updateAutoScalingGroup),
        DeleteAutoScalingGroup: bind(deleteAutoScalingGroup),
        SetDesiredCapacity: bind(setDesiredCapacity),
        DescribeAutoScalingInstances: bind(describeAutoScalingInstances),
        CreateOrUpdateTags: bind(createOrUpdateTags),
        DeleteTags: bind(deleteTags),
        DescribeTags: bind(describeTags),
        StartInstanceRefresh: bind(startInstanceRefresh),
        DescribeInstanceRefreshes: bind(describeInstanceRefreshes),
        CancelInstanceRefresh: bind(cancelInstanceRefresh),
        RollbackInstanceRefresh: bind(rollbackInstanceRefresh),
      },
    };
  }

  /** Re-arms refresh steps and capacity retries that were in flight when the state was saved. */
  resume(): void {
    const now = this.fleet.cloud.clock.now();
    for (const { accountId, region, state } of this.store.entries()) {
      const scope = this.fleet.scope(accountId, region);
      for (const refresh of state.refreshes) {
        if (ACTIVE_STATUSES.has(refresh.status) && refresh.nextStepAt !== undefined) scheduleStep(scope, refresh, Math.min(now, refresh.nextStepAt));
      }
      for (const group of Object.values(state.groups)) if (group.retryAt !== undefined) scheduleReconcile(scope, group.name, group.retryAt);
    }
  }
}
