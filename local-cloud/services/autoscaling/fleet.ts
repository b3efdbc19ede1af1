import type { ClockTimer } from '../../clock.ts';
import type { CloudRuntime } from '../../cloud.ts';
import type { AutoScalingState, AutoScalingStore } from './store.ts';

/** Where Auto Scaling work happens: one account and region of one local cloud. */
export interface Scope {
  readonly fleet: Fleet;
  readonly cloud: CloudRuntime;
  readonly accountId: string;
  readonly region: string;
  readonly state: AutoScalingState;
}

/**
 * The running side of the service: the store, the timers that move groups and refreshes along the
 * simulated clock, and a lock per group so that API calls and timed steps, which both wait on EC2,
 * never interleave their changes to one group.
 */
export class Fleet {
  readonly cloud: CloudRuntime;
  readonly store: AutoScalingStore;
  private readonly timers = new Map<string, ClockTimer>();
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(cloud: CloudRuntime, store: AutoScalingStore) {
    this.cloud = cloud;
    this.store = store;
  }

  scope(accountId: string, region: string): Scope {
    return { fleet: this, cloud: this.cloud, accountId, region, state: this.store.get(accountId, region) };
  }

  /** Runs `fn` once every earlier holder of the group's lock is done. */
  withGroupLock<T>(scope: Scope, groupName: string, fn: () => Promise<T>): Promise<T> {
    const key = `${scope.accountId}/${scope.region}/${groupName}`;
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.locks.set(key, tail);
    void tail.then(() => {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    });
    return run;
  }

  /**
   * Runs `fn` at simulated time `at`. A step that is already due (the clock jumped past it while
   * earlier steps waited on EC2) runs at once, so chains of steps catch up with `clock.advance`.
   */
  schedule(key: string, at: number, fn: () => void): void {
    this.cancel(key);
    const delay = at - this.cloud.clock.now();
    if (delay <= 0) {
      let cancelled = false;
      this.timers.set(key, { cancel: () => (cancelled = true) });
      queueMicrotask(() => {
        if (cancelled) return;
        this.timers.delete(key);
        fn();
      });
      return;
    }
    const timer = this.cloud.clock.setTimeout(() => {
      this.timers.delete(key);
      fn();
    }, delay);
    this.timers.set(key, timer);
  }

  cancel(key: string): void {
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
  }

  /** Calls EC2 in-process, as Auto Scaling's service-linked role would. */
  ec2<T = Record<string, unknown>>(scope: Scope, operation: string, input: Record<string, unknown>): Promise<T> {
    return this.cloud.invoke<T>('ec2', operation, input, { accountId: scope.accountId, region: scope.region }, 'autoscaling');
  }

  log(line: string): void {
    this.cloud.log(`autoscaling: ${line}`);
  }
}
