import type { Target } from '@aws-sdk/client-eventbridge';
import type { CloudEvent } from '../../cloud.ts';
import { RegionalStore, type RequestContext } from '../../service.ts';
import { busNotFound, ruleNotFound } from './errors.ts';

/** EventBridge state per account and region: plain JSON, epoch-ms times. */

export interface EventBusRecord {
  name: string;
  arn: string;
  description?: string;
  kmsKeyIdentifier?: string;
  deadLetterArn?: string;
  createdAt: number;
  lastModifiedAt: number;
}

export interface RuleRecord {
  name: string;
  eventBusName: string;
  arn: string;
  eventPattern?: string;
  scheduleExpression?: string;
  state: string;
  description?: string;
  roleArn?: string;
  createdBy: string;
  createdAt: number;
  /** Rates of scheduled rules count from here (the last PutRule). */
  scheduleAnchor: number;
  /** When the scheduled rule fires next, so that a restored cloud re-arms it. */
  nextFireAt?: number;
  targets: Target[];
}

export type DeliveryStatus = 'delivered' | 'retrying' | 'failed';

/** One attempt to deliver an event to a target: what went where, and how it ended. */
export interface DeliveryRecord {
  at: number;
  eventId: string;
  source: string;
  detailType: string;
  eventBusName: string;
  ruleName: string;
  ruleArn: string;
  targetId: string;
  targetArn: string;
  /** The text the target received (after Input, InputPath or InputTransformer). */
  input: string;
  attempt: number;
  status: DeliveryStatus;
  errorCode?: string;
  errorMessage?: string;
}

/**
 * An event whose delivery to a target failed for good. AWS sends it to the target's dead-letter SQS
 * queue; the local cloud has no SQS, so it keeps the record here, with the queue it would have used.
 */
export interface DeadLetterRecord {
  at: number;
  ruleArn: string;
  targetId: string;
  targetArn: string;
  deadLetterArn?: string;
  errorCode: string;
  errorMessage: string;
  retryAttempts: number;
  event: CloudEvent;
}

/** A delivery waiting on the clock for its next attempt. */
export interface PendingRetry {
  id: string;
  dueAt: number;
  attempt: number;
  firstAttemptAt: number;
  eventBusName: string;
  ruleName: string;
  targetId: string;
  event: CloudEvent;
}

export interface EventsState {
  buses: Record<string, EventBusRecord>;
  /** Keyed by `<bus>/<rule>`. */
  rules: Record<string, RuleRecord>;
  tags: Record<string, Record<string, string>>;
  deliveries: DeliveryRecord[];
  deadLetters: DeadLetterRecord[];
  retries: PendingRetry[];
}

export const MAX_LOG_RECORDS = 1_000;

export function createEventsStore(): RegionalStore<EventsState> {
  return new RegionalStore<EventsState>(() => ({ buses: {}, rules: {}, tags: {}, deliveries: [], deadLetters: [], retries: [] }));
}

export const busArn = (accountId: string, region: string, name: string) => `arn:aws:events:${region}:${accountId}:event-bus/${name}`;

export const ruleArn = (accountId: string, region: string, bus: string, name: string) =>
  `arn:aws:events:${region}:${accountId}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`;

export const ruleKey = (bus: string, name: string) => `${bus}/${name}`;

/** The state of one account and region, with its default bus, which every account has. */
export function stateOf(store: RegionalStore<EventsState>, accountId: string, region: string, now: number): EventsState {
  const state = store.get(accountId, region);
  if (!state.buses.default) state.buses.default = { name: 'default', arn: busArn(accountId, region, 'default'), createdAt: now, lastModifiedAt: now };
  return state;
}

export function eventsState(ctx: RequestContext): EventsState {
  return stateOf(ctx.cloud.services.events.store, ctx.accountId, ctx.region, ctx.cloud.clock.now());
}

/** A bus named directly or by ARN; the default bus when none is named. */
export function busNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return 'default';
  const arn = /^arn:aws[\w-]*:events:[^:]*:\d*:event-bus\/(.+)$/.exec(nameOrArn);
  return arn ? arn[1] : nameOrArn;
}

export function findBus(state: EventsState, nameOrArn: string | undefined): EventBusRecord {
  const name = busNameOf(nameOrArn);
  const bus = state.buses[name];
  if (!bus) throw busNotFound(name);
  return bus;
}

export function findRule(state: EventsState, name: string, busNameOrArn: string | undefined): RuleRecord {
  const bus = findBus(state, busNameOrArn);
  const rule = state.rules[ruleKey(bus.name, name)];
  if (!rule) throw ruleNotFound(name, bus.name);
  return rule;
}

/** Appends to a bounded log, dropping the oldest records. */
export function appendBounded<T>(log: T[], record: T): void {
  log.push(record);
  if (log.length > MAX_LOG_RECORDS) log.splice(0, log.length - MAX_LOG_RECORDS);
}
