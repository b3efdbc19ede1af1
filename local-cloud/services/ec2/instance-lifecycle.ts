import type { InstanceStateName } from '@aws-sdk/client-ec2';
import type { ClockTimer } from '../../clock.ts';
import type { CloudRuntime } from '../../cloud.ts';
import type { Ec2Store, InstanceRecord } from './store.ts';

/** AWS's numeric code for each instance state. */
export const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** Simulated durations of the transitional states: boot, stop and shutdown. */
export const TRANSITION_MS: Partial<Record<InstanceStateName, number>> = {
  pending: 30_000,
  stopping: 30_000,
  'shutting-down': 30_000,
};

/** Where each transitional state leads once its time is up. */
const NEXT_STATE: Partial<Record<InstanceStateName, InstanceStateName>> = {
  pending: 'running',
  stopping: 'stopped',
  'shutting-down': 'terminated',
};

/** How long a terminated instance stays visible to DescribeInstances, as on AWS (about an hour). */
export const TERMINATED_VISIBLE_MS = 3_600_000;

export const isTransitional = (state: InstanceStateName) => NEXT_STATE[state] !== undefined;

/**
 * Moves instances through their states on the simulated clock, and emits the
 * "EC2 Instance State-change Notification" event for every state an instance enters.
 */
export class InstanceLifecycle {
  private readonly cloud: CloudRuntime;
  private readonly store: Ec2Store;
  private readonly timers = new Map<string, ClockTimer>();

  constructor(cloud: CloudRuntime, store: Ec2Store) {
    this.cloud = cloud;
    this.store = store;
  }

  /** Puts an instance in `state` now, emits its event, and schedules the next state if this one is transitional. */
  enter(accountId: string, region: string, instance: InstanceRecord, state: InstanceStateName): void {
    const now = this.cloud.clock.now();
    instance.state = state;
    instance.stateChangedAt = now;
    const duration = TRANSITION_MS[state];
    instance.transitionDueAt = duration === undefined ? undefined : now + duration;
    if (state === 'terminated') instance.terminatedAt = now;
    this.emit(accountId, region, instance);
    this.arm(accountId, region, instance);
  }

  /** Re-arms the timers of instances still in a transitional state, e.g. after a restore from disk. */
  resume(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
    for (const { accountId, region, state } of this.store.entries()) {
      for (const instance of Object.values(state.instances)) if (isTransitional(instance.state)) this.arm(accountId, region, instance);
    }
  }

  private arm(accountId: string, region: string, instance: InstanceRecord): void {
    const key = `${accountId}/${region}/${instance.instanceId}`;
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
    const next = NEXT_STATE[instance.state];
    if (!next || instance.transitionDueAt === undefined) return;
    const from = instance.state;
    const due = instance.transitionDueAt;
    const timer = this.cloud.clock.setTimeout(
      () => {
        this.timers.delete(key);
        // The store may have been reset or the instance moved on since this timer was set.
        const current = this.store.get(accountId, region).instances[instance.instanceId];
        if (!current || current.state !== from || current.transitionDueAt !== due) return;
        this.enter(accountId, region, current, next);
      },
      Math.max(0, due - this.cloud.clock.now()),
    );
    this.timers.set(key, timer);
  }

  private emit(accountId: string, region: string, instance: InstanceRecord): void {
    this.cloud.emitEvent({
      source: 'aws.ec2',
      'detail-type': 'EC2 Instance State-change Notification',
      detail: { 'instance-id': instance.instanceId, state: instance.state },
      resources: [`arn:aws:ec2:${region}:${accountId}:instance/${instance.instanceId}`],
      account: accountId,
      region,
    });
  }
}
