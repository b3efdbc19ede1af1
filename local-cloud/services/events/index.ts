import type { CloudEvent, CloudRuntime } from '../../cloud.ts';
import type { RegionalStore, ServiceDefinition } from '../../service.ts';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './bus-operations.ts';
import { EventRouter } from './delivery.ts';
import { putEvents } from './put-events.ts';
import { deleteRule, describeRule, disableRule, enableRule, listRuleNamesByTarget, listRules, putRule, testEventPattern } from './rule-operations.ts';
import { RuleScheduler } from './scheduled-rules.ts';
import { createEventsStore, type DeadLetterRecord, type DeliveryRecord, type EventsState, stateOf } from './store.ts';
import { listTagsForResource, tagResource, untagResource } from './tag-operations.ts';
import { listTargetsByRule, putTargets, removeTargets } from './target-operations.ts';

/**
 * EventBridge: buses, rules with real event-pattern matching and schedules, targets with input
 * transformation, retries and dead-letter records. Every AWS service event the local cloud emits
 * arrives through `deliver` on the account's default bus.
 */
export class EventsService {
  readonly definition: ServiceDefinition;
  readonly store: RegionalStore<EventsState>;
  readonly router: EventRouter;
  readonly ruleScheduler: RuleScheduler;
  private readonly cloud: CloudRuntime;

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.store = createEventsStore();
    this.router = new EventRouter(cloud, this.store);
    this.ruleScheduler = new RuleScheduler(cloud, this.store, this.router);
    this.definition = {
      signingName: 'events',
      model: 'events-2015-10-07',
      operations: {
        PutRule: putRule,
        DescribeRule: describeRule,
        ListRules: listRules,
        DeleteRule: deleteRule,
        EnableRule: enableRule,
        DisableRule: disableRule,
        ListRuleNamesByTarget: listRuleNamesByTarget,
        TestEventPattern: testEventPattern,
        PutTargets: putTargets,
        RemoveTargets: removeTargets,
        ListTargetsByRule: listTargetsByRule,
        PutEvents: putEvents,
        CreateEventBus: createEventBus,
        DescribeEventBus: describeEventBus,
        ListEventBuses: listEventBuses,
        DeleteEventBus: deleteEventBus,
        TagResource: tagResource,
        UntagResource: untagResource,
        ListTagsForResource: listTagsForResource,
      },
    };
  }

  /** Puts an AWS service event on its account's default bus (the runtime has applied event faults). */
  deliver(event: CloudEvent): Promise<void> {
    return this.router.toBus(event.account, event.region, 'default', event);
  }

  /** What was delivered where in an account and region, oldest first. */
  deliveries(accountId: string, region: string): DeliveryRecord[] {
    return stateOf(this.store, accountId, region, this.cloud.clock.now()).deliveries;
  }

  /** Events whose delivery failed for good (AWS would send them to the target's dead-letter queue). */
  deadLetters(accountId: string, region: string): DeadLetterRecord[] {
    return stateOf(this.store, accountId, region, this.cloud.clock.now()).deadLetters;
  }

  resume(): void {
    this.router.stop();
    this.ruleScheduler.stop();
    this.router.resume();
    this.ruleScheduler.resume();
  }

  async stop(): Promise<void> {
    this.router.stop();
    this.ruleScheduler.stop();
  }
}
