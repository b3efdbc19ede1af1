import { AwsServiceError } from './errors.ts';
import type { ApiFault, EventFault, Scenario } from './scenario.ts';

/** A small seeded PRNG (mulberry32), so that `rate` faults replay exactly from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface EventDelivery<E> {
  event: E;
  /** Simulated milliseconds to hold the event before delivery. */
  delayMs: number;
}

export interface InjectedFault {
  kind: 'api' | 'event';
  action: string;
  target: string;
  at: number;
}

/** Decides, for each API call and each event, whether a fault from the scenario applies. */
export class FaultInjector {
  private scenario: Scenario = {};
  private random: () => number = seededRandom(1);
  private readonly used = new Map<object, number>();
  private held: Array<() => void> = [];
  readonly injected: InjectedFault[] = [];
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  configure(scenario: Scenario): void {
    this.scenario = scenario;
    this.random = seededRandom(scenario.seed ?? 1);
    this.used.clear();
    this.held = [];
  }

  private applies(rule: ApiFault | EventFault): boolean {
    const count = this.used.get(rule) ?? 0;
    if (rule.times !== undefined && count >= rule.times) return false;
    if (rule.rate !== undefined && this.random() >= rule.rate) return false;
    this.used.set(rule, count + 1);
    return true;
  }

  /** Throws the scenario's error for this call, if one applies. */
  beforeOperation(service: string, operation: string): void {
    for (const rule of this.scenario.api ?? []) {
      if (rule.service !== '*' && rule.service !== service) continue;
      if (rule.operation !== '*' && rule.operation !== operation) continue;
      if (!this.applies(rule)) continue;
      const code = rule.error ?? 'ThrottlingException';
      const status = rule.status ?? (/InternalFailure|ServiceUnavailable|InternalServerError|InternalError/.test(code) ? 500 : 400);
      this.injected.push({ kind: 'api', action: code, target: `${service}:${operation}`, at: this.now() });
      throw new AwsServiceError(code, rule.message ?? (code === 'ThrottlingException' ? 'Rate exceeded' : `Injected fault on ${service} ${operation}`), status);
    }
  }

  /**
   * Applies event faults: returns the deliveries to make now (none when dropped, two when duplicated).
   * A reordered event is held back and delivered right after the next event that passes.
   */
  onEvent<E extends { source?: string; 'detail-type'?: string }>(event: E, deliver: (event: E) => void): EventDelivery<E>[] {
    const text = JSON.stringify(event);
    for (const rule of this.scenario.events ?? []) {
      if (rule.source && rule.source !== event.source) continue;
      if (rule.detailType && rule.detailType !== event['detail-type']) continue;
      if (rule.contains && !text.includes(rule.contains)) continue;
      if (!this.applies(rule)) continue;
      this.injected.push({ kind: 'event', action: rule.action, target: `${event.source}/${event['detail-type']}`, at: this.now() });
      switch (rule.action) {
        case 'drop':
          return [];
        case 'duplicate':
          return this.withHeld([
            { event, delayMs: 0 },
            { event, delayMs: 1000 },
          ]);
        case 'delay':
          return this.withHeld([{ event, delayMs: (rule.delaySeconds ?? 60) * 1000 }]);
        case 'reorder':
          this.held.push(() => deliver(event));
          return [];
      }
    }
    return this.withHeld([{ event, delayMs: 0 }]);
  }

  private withHeld<E>(deliveries: EventDelivery<E>[]): EventDelivery<E>[] {
    const held = this.held;
    this.held = [];
    // Held events go out just after the one that overtook them.
    // setImmediate runs after the microtask that delivers the overtaking event.
    if (held.length)
      setImmediate(() => {
        for (const release of held) release();
      });
    return deliveries;
  }

  /** Releases events still held for reordering (on reset or shutdown, nothing stays held). */
  flush(): void {
    const held = this.held;
    this.held = [];
    for (const release of held) release();
  }
}
