/**
 * The one simulated clock behind every duration in the local cloud: builds, warm-ups, Wait states,
 * timeouts and schedules. Simulated time runs `timeScale` times faster than real time, and can be
 * jumped forward with `advance`, which fires every timer that falls due on the way, in order.
 * A time scale of 0 freezes the clock: only `advance` moves it.
 */
export interface ClockTimer {
  cancel(): void;
}

interface Entry {
  due: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class SimClock {
  private realBase: number;
  private simBase: number;
  private scale: number;
  private timers: Entry[] = [];
  private seq = 0;
  private realTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(options: { timeScale?: number; start?: number } = {}) {
    this.scale = options.timeScale ?? 1;
    this.realBase = Date.now();
    this.simBase = options.start ?? this.realBase;
  }

  get timeScale(): number {
    return this.scale;
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    return Math.floor(this.simBase + (Date.now() - this.realBase) * this.scale);
  }

  date(): Date {
    return new Date(this.now());
  }

  setTimeScale(scale: number): void {
    if (!(scale >= 0)) throw new RangeError(`timeScale must be a number ≥ 0 (got ${scale})`);
    this.rebase();
    this.scale = scale;
    this.arm();
  }

  /** Runs `fn` once `simMs` of simulated time have passed. */
  setTimeout(fn: () => void, simMs: number): ClockTimer {
    const entry: Entry = { due: this.now() + Math.max(0, simMs), seq: this.seq++, fn, cancelled: false };
    this.timers.push(entry);
    this.timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    this.arm();
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Resolves after `simMs` of simulated time, or rejects with the signal's reason. */
  sleep(simMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, simMs);
      const onAbort = () => {
        timer.cancel();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Jumps simulated time forward, firing due timers in order along the way. */
  advance(simMs: number): void {
    if (!(simMs >= 0)) throw new RangeError(`advance takes a duration ≥ 0 ms (got ${simMs})`);
    const target = this.now() + simMs;
    for (;;) {
      const next = this.timers.find((t) => !t.cancelled);
      if (!next || next.due > target) break;
      this.rebase();
      this.simBase = Math.max(this.simBase, next.due);
      this.fireDue();
    }
    this.rebase();
    this.simBase = Math.max(this.simBase, target);
    this.fireDue();
  }

  advanceTo(epochMs: number): void {
    this.advance(Math.max(0, epochMs - this.now()));
  }

  /** The simulated time of the next pending timer, if any. */
  nextDue(): number | undefined {
    return this.timers.find((t) => !t.cancelled)?.due;
  }

  /** Converts a simulated duration to the real milliseconds it takes at the current scale. */
  toRealMs(simMs: number): number {
    return this.scale === 0 ? Number.POSITIVE_INFINITY : simMs / this.scale;
  }

  dispose(): void {
    this.disposed = true;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.timers = [];
  }

  private rebase(): void {
    const now = Date.now();
    this.simBase += (now - this.realBase) * this.scale;
    this.realBase = now;
  }

  private fireDue(): void {
    const now = this.now();
    while (this.timers.length && (this.timers[0].cancelled || this.timers[0].due <= now)) {
      const entry = this.timers.shift() as Entry;
      if (!entry.cancelled) entry.fn();
    }
    this.arm();
  }

  private arm(): void {
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    if (this.disposed) return;
    while (this.timers.length && this.timers[0].cancelled) this.timers.shift();
    const next = this.timers[0];
    if (!next || this.scale === 0) return;
    const wait = Math.min(2 ** 31 - 1, Math.max(0, (next.due - this.now()) / this.scale));
    this.realTimer = setTimeout(() => this.fireDue(), Math.ceil(wait));
    this.realTimer.unref();
  }
}
