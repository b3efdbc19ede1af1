import { randomUUID } from 'node:crypto';
import type { Target } from '@aws-sdk/client-eventbridge';
import type { ClockTimer } from '../../clock.ts';
import type { CloudEvent, CloudRuntime } from '../../cloud.ts';
import type { RegionalStore } from '../../service.ts';
import { targetInput } from './input-transformer.ts';
import { cachedPattern, matchesPattern } from './pattern.ts';
import { appendBounded, busNameOf, type EventsState, type PendingRetry, type RuleRecord, ruleKey, stateOf } from './store.ts';
import { backoffMs, errorParts, invokeServiceTarget, isRetryable, parseArn } from './target-invocation.ts';

/** AWS's RetryPolicy defaults: 185 retries within 24 hours. */
const DEFAULT_RETRY_ATTEMPTS = 185;
const DEFAULT_EVENT_AGE_SECONDS = 86_400;
/** A bus-to-bus chain longer than this is a loop; EventBridge would bill it forever, the local cloud stops it. */
const MAX_BUS_HOPS = 5;

/**
 * Routes events on buses to the targets of matching rules, retries failed deliveries on the simulated
 * clock per each target's RetryPolicy, and keeps the delivery log and the dead-letter records.
 */
export class EventRouter {
  private readonly cloud: CloudRuntime;
  private readonly store: RegionalStore<EventsState>;
  private readonly timers = new Map<string, ClockTimer>();

  constructor(cloud: CloudRuntime, store: RegionalStore<EventsState>) {
    this.cloud = cloud;
    this.store = store;
  }

  private state(accountId: string, region: string): EventsState {
    return stateOf(this.store, accountId, region, this.cloud.clock.now());
  }

  /** Sends an event to every enabled rule on the bus whose pattern it matches. */
  async toBus(accountId: string, region: string, busName: string, event: CloudEvent, hops = 0): Promise<void> {
    const state = this.state(accountId, region);
    if (!state.buses[busName]) return;
    const rules = Object.values(state.rules).filter(
      (rule) => rule.eventBusName === busName && rule.state !== 'DISABLED' && rule.eventPattern && this.matches(rule, event),
    );
    await Promise.all(
      rules.flatMap((rule) => rule.targets.map((target) => this.attempt(accountId, region, rule, target, event, 1, this.cloud.clock.now(), hops))),
    );
  }

  /** Sends a scheduled rule's event to its targets. */
  async toRuleTargets(accountId: string, region: string, rule: RuleRecord, event: CloudEvent): Promise<void> {
    await Promise.all(rule.targets.map((target) => this.attempt(accountId, region, rule, target, event, 1, this.cloud.clock.now(), 0)));
  }

  private matches(rule: RuleRecord, event: CloudEvent): boolean {
    try {
      return matchesPattern(cachedPattern(rule.eventPattern as string), event);
    } catch {
      return false;
    }
  }

  private async attempt(
    accountId: string,
    region: string,
    rule: RuleRecord,
    target: Target,
    event: CloudEvent,
    attempt: number,
    firstAttemptAt: number,
    hops: number,
  ) {
    const state = this.state(accountId, region);
    const arn = target.Arn ?? '';
    const targetArn = parseArn(arn);
    const isBus = targetArn?.service === 'events' && targetArn.resource.startsWith('event-bus/');
    const input = isBus ? JSON.stringify(event) : targetInput(target, event, { ruleArn: rule.arn, ruleName: rule.name });
    const record = {
      at: this.cloud.clock.now(),
      eventId: event.id,
      source: event.source,
      detailType: event['detail-type'],
      eventBusName: rule.eventBusName,
      ruleName: rule.name,
      ruleArn: rule.arn,
      targetId: target.Id ?? '',
      targetArn: arn,
      input,
      attempt,
    };
    try {
      if (isBus && targetArn) {
        if (hops >= MAX_BUS_HOPS) throw new Error(`event went through ${MAX_BUS_HOPS} event buses; the local cloud stops loops there`);
        // Another bus receives the event unchanged, and routes it with its own rules.
        const busName = busNameOf(arn);
        void this.toBus(targetArn.accountId, targetArn.region, busName, event, hops + 1).catch((error: unknown) =>
          this.cloud.log(`event bus delivery failed: ${String(error)}`),
        );
      } else {
        await invokeServiceTarget(this.cloud, arn, input, 'events');
      }
      appendBounded(state.deliveries, { ...record, status: 'delivered' });
    } catch (error) {
      const { code, message } = errorParts(error);
      const policy = target.RetryPolicy ?? {};
      const maxAttempts = policy.MaximumRetryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
      const maxAgeMs = (policy.MaximumEventAgeInSeconds ?? DEFAULT_EVENT_AGE_SECONDS) * 1000;
      const dueAt = this.cloud.clock.now() + backoffMs(attempt);
      if (isRetryable(error) && attempt <= maxAttempts && dueAt - firstAttemptAt <= maxAgeMs) {
        appendBounded(state.deliveries, { ...record, status: 'retrying', errorCode: code, errorMessage: message });
        const retry: PendingRetry = {
          id: randomUUID(),
          dueAt,
          attempt: attempt + 1,
          firstAttemptAt,
          eventBusName: rule.eventBusName,
          ruleName: rule.name,
          targetId: target.Id ?? '',
          event,
        };
        state.retries.push(retry);
        this.arm(accountId, region, retry);
        return;
      }
      appendBounded(state.deliveries, { ...record, status: 'failed', errorCode: code, errorMessage: message });
      appendBounded(state.deadLetters, {
        at: this.cloud.clock.now(),
        ruleArn: rule.arn,
        targetId: target.Id ?? '',
        targetArn: arn,
        deadLetterArn: target.DeadLetterConfig?.Arn,
        errorCode: code,
        errorMessage: message,
        retryAttempts: attempt - 1,
        event,
      });
    }
  }

  private arm(accountId: string, region: string, retry: PendingRetry): void {
    const key = `${accountId}/${region}/${retry.id}`;
    this.timers.get(key)?.cancel();
    this.timers.set(
      key,
      this.cloud.clock.setTimeout(
        () => {
          this.timers.delete(key);
          void this.retry(accountId, region, retry.id).catch((error: unknown) => this.cloud.log(`event retry failed: ${String(error)}`));
        },
        Math.max(0, retry.dueAt - this.cloud.clock.now()),
      ),
    );
  }

  private async retry(accountId: string, region: string, id: string): Promise<void> {
    const state = this.state(accountId, region);
    const index = state.retries.findIndex((r) => r.id === id);
    if (index < 0) return;
    const [retry] = state.retries.splice(index, 1);
    const rule = state.rules[ruleKey(retry.eventBusName, retry.ruleName)];
    const target = rule?.targets.find((t) => t.Id === retry.targetId);
    // A target removed in the meantime no longer receives the event.
    if (!rule || !target) return;
    await this.attempt(accountId, region, rule, target, retry.event, retry.attempt, retry.firstAttemptAt, 0);
  }

  /** Re-arms the retries of a restored state. */
  resume(): void {
    for (const { accountId, region, state } of this.store.entries()) for (const retry of state.retries) this.arm(accountId, region, retry);
  }

  stop(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }
}
