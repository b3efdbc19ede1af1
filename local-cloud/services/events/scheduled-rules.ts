import { randomUUID } from 'node:crypto';
import type { ClockTimer } from '../../clock.ts';
import type { CloudEvent, CloudRuntime } from '../../cloud.ts';
import type { RegionalStore } from '../../service.ts';
import { nextFireTime, parseScheduleExpression } from '../scheduler/schedule-expression.ts';
import type { EventRouter } from './delivery.ts';
import { type EventsState, type RuleRecord, ruleKey } from './store.ts';

/**
 * Fires rules that have a ScheduleExpression on the simulated clock, in UTC as EventBridge rules do,
 * sending their targets the "Scheduled Event". Rates count from the rule's last PutRule.
 */
export class RuleScheduler {
  private readonly cloud: CloudRuntime;
  private readonly store: RegionalStore<EventsState>;
  private readonly router: EventRouter;
  private readonly timers = new Map<string, ClockTimer>();

  constructor(cloud: CloudRuntime, store: RegionalStore<EventsState>, router: EventRouter) {
    this.cloud = cloud;
    this.store = store;
    this.router = router;
  }

  /** (Re)arms a rule's timer, or disarms it when the rule is disabled or not scheduled. */
  arm(accountId: string, region: string, rule: RuleRecord, after = this.cloud.clock.now()): void {
    const key = `${accountId}/${region}/${rule.arn}`;
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
    rule.nextFireAt = undefined;
    if (!rule.scheduleExpression || rule.state === 'DISABLED') return;
    const expression = parseScheduleExpression(rule.scheduleExpression, { allowAt: false });
    // A rate rule first fires one period after it is put, not at once.
    const next = nextFireTime(expression, Math.max(after, rule.scheduleAnchor), { timeZone: 'UTC', anchorMs: rule.scheduleAnchor });
    if (next === undefined) return;
    rule.nextFireAt = next;
    const expected = { expression: rule.scheduleExpression, anchor: rule.scheduleAnchor };
    this.timers.set(
      key,
      this.cloud.clock.setTimeout(() => this.fire(accountId, region, rule.eventBusName, rule.name, expected), next - this.cloud.clock.now()),
    );
  }

  disarm(accountId: string, region: string, rule: RuleRecord): void {
    const key = `${accountId}/${region}/${rule.arn}`;
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
  }

  private fire(accountId: string, region: string, busName: string, name: string, expected: { expression: string; anchor: number }): void {
    const rule = this.store.get(accountId, region).rules[ruleKey(busName, name)];
    // The rule may have been deleted, disabled or put again since the timer was armed.
    if (!rule || rule.state === 'DISABLED' || rule.scheduleExpression !== expected.expression || rule.scheduleAnchor !== expected.anchor) return;
    const now = this.cloud.clock.now();
    const event: CloudEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: accountId,
      time: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region,
      resources: [rule.arn],
      detail: {},
    };
    void this.router
      .toRuleTargets(accountId, region, rule, event)
      .catch((error: unknown) => this.cloud.log(`scheduled rule delivery failed: ${String(error)}`));
    this.arm(accountId, region, rule, now);
  }

  /** Re-arms every scheduled rule of a restored state. */
  resume(): void {
    for (const { accountId, region, state } of this.store.entries()) for (const rule of Object.values(state.rules)) this.arm(accountId, region, rule);
  }

  stop(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }
}
