/**
 * Differs from AWS: Lambda gives each function up to the account's concurrency (1,000 by default) and throttles
 * beyond it; the local cloud runs at most this many execution environments at once over every function, since
 * each is a thread of this process with its own copy of the SDK and the bundle. Invocations beyond it wait for
 * an environment, which callers see only as latency.
 */
export const MAX_ENVIRONMENTS_IN_ALL = 48;

/** An idle environment the budget may end to make room: `end` terminates it and makes its pool forget it. */
interface IdleEnvironment {
  end: () => void;
}

/**
 * The execution environments of every function, counted against one limit. When it is reached, a new environment
 * first ends the longest-idle one of any function (as Lambda reclaims idle environments), and otherwise waits
 * for a running one to finish.
 */
export class EnvironmentBudget {
  readonly limit: number;
  private live = 0;
  /** Idle environments, longest idle first. */
  private readonly idle = new Map<object, IdleEnvironment>();
  private readonly waiting: Array<() => void> = [];
  private evicting = false;

  constructor(limit = MAX_ENVIRONMENTS_IN_ALL) {
    this.limit = limit;
  }

  /** Takes a place for a new environment, ending an idle one if it must; false when every place is busy. */
  tryReserve(): boolean {
    if (this.live >= this.limit) {
      const [key, oldest] = this.idle.entries().next().value ?? [];
      if (!key || !oldest) return false;
      this.idle.delete(key);
      // Ending it frees its place (through `released`) for this reservation, not for a waiting one.
      this.evicting = true;
      try {
        oldest.end();
      } finally {
        this.evicting = false;
      }
    }
    this.live++;
    return true;
  }

  /** Calls `start` once a place is free; the place is already reserved when it runs. */
  whenFree(start: () => void): void {
    if (this.tryReserve()) start();
    else this.waiting.push(start);
  }

  /** An environment ended: its place goes to the longest waiting start, if any. */
  released(environment: object): void {
    this.idle.delete(environment);
    this.live--;
    if (this.evicting) return;
    const next = this.waiting.shift();
    if (next && this.tryReserve()) next();
    else if (next) this.waiting.unshift(next);
  }

  /** True when a new environment would have to end another or wait. */
  get full(): boolean {
    return this.live >= this.limit;
  }

  /** True when another function waits for a place: an environment going idle should end and give it up. */
  get contended(): boolean {
    return this.waiting.length > 0;
  }

  idleNow(environment: object, end: () => void): void {
    this.idle.set(environment, { end });
  }

  busyAgain(environment: object): void {
    this.idle.delete(environment);
  }
}
