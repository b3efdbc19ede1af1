import { RegionalStore, type RequestContext } from '../../service.ts';
import { appendBounded } from '../events/store.ts';
import { invalidParameter, topicNotFound } from './errors.ts';

/** SNS state per account and region: plain JSON, epoch-ms times. */

export interface TopicRecord {
  arn: string;
  name: string;
  owner: string;
  /** Attributes as the user set them; GetTopicAttributes adds the computed ones. */
  attributes: Record<string, string>;
  fifo: boolean;
  createdAt: number;
  subscriptionsDeleted: number;
  /** FIFO topics: the last sequence number, and deduplication ids seen in the last 5 minutes. */
  sequence: number;
  deduplication: Record<string, { messageId: string; sequenceNumber: string; at: number }>;
}

export interface SubscriptionRecord {
  arn: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  owner: string;
  pendingConfirmation: boolean;
  confirmationWasAuthenticated: boolean;
  /** The token of the SubscriptionConfirmation message, which ConfirmSubscription takes back. */
  token: string;
  attributes: Record<string, string>;
  createdAt: number;
}

export type MessageType = 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';

/** One attempt to deliver a message to a subscription, or why it was not sent. */
export interface SnsDeliveryRecord {
  at: number;
  messageId: string;
  type: MessageType;
  topicArn: string;
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  /** `recorded`: a protocol the local cloud does not deliver to (email, sqs, …); `filtered`: the filter policy did not match. */
  status: 'delivered' | 'retrying' | 'failed' | 'recorded' | 'filtered';
  attempt: number;
  statusCode?: number;
  errorMessage?: string;
  /** What the endpoint received (or would have). */
  body: string;
}

/** A message whose delivery failed for good; AWS sends it to the subscription's SQS dead-letter queue. */
export interface SnsDeadLetterRecord {
  at: number;
  messageId: string;
  subscriptionArn: string;
  deadLetterArn?: string;
  errorMessage: string;
  body: string;
}

/** A delivery waiting on the clock for its next attempt. */
export interface PendingDelivery {
  id: string;
  dueAt: number;
  attempt: number;
  subscriptionArn: string;
  type: MessageType;
  messageId: string;
  body: string;
  headers: Record<string, string>;
}

export interface SnsState {
  topics: Record<string, TopicRecord>;
  subscriptions: Record<string, SubscriptionRecord>;
  /** Confirmation tokens to subscription ARNs. */
  tokens: Record<string, string>;
  tags: Record<string, Record<string, string>>;
  deliveries: SnsDeliveryRecord[];
  deadLetters: SnsDeadLetterRecord[];
  retries: PendingDelivery[];
}

export function createSnsStore(): RegionalStore<SnsState> {
  return new RegionalStore<SnsState>(() => ({ topics: {}, subscriptions: {}, tokens: {}, tags: {}, deliveries: [], deadLetters: [], retries: [] }));
}

export { appendBounded };

export interface TopicArnParts {
  region: string;
  accountId: string;
  name: string;
}

/** Parses a topic ARN, with SNS's own complaint when it is not one. */
export function parseTopicArn(arn: string | undefined, parameter = 'TopicArn'): TopicArnParts {
  const parts = (arn ?? '').split(':');
  if (parts.length < 6 || parts[0] !== 'arn') throw invalidParameter(`${parameter} Reason: An ARN must have at least 6 elements, not ${parts.length}`);
  const m = /^arn:aws[\w-]*:sns:([\w-]+):(\d{12}):([\w-]+(?:\.fifo)?)$/.exec(arn ?? '');
  if (!m) throw invalidParameter(parameter);
  return { region: m[1], accountId: m[2], name: m[3] };
}

export const topicArnOf = (ctx: { accountId: string; region: string }, name: string) => `arn:aws:sns:${ctx.region}:${ctx.accountId}:${name}`;

export function snsState(ctx: RequestContext, accountId = ctx.accountId, region = ctx.region): SnsState {
  return ctx.cloud.services.sns.store.get(accountId, region);
}

/**
 * The topic an ARN names. Topics can be reached across accounts (subject to their policy), but only
 * in the region the request was sent to.
 */
export function findTopic(
  ctx: RequestContext,
  arn: string | undefined,
  options: { parameter?: string; otherRegion?: 'not-found' | 'invalid' } = {},
): TopicRecord {
  const parameter = options.parameter ?? 'TopicArn';
  const parts = parseTopicArn(arn, parameter);
  // Publish names the wrong region as a bad parameter; the other operations just do not find the topic.
  if (parts.region !== ctx.region) throw options.otherRegion === 'invalid' ? invalidParameter(parameter) : topicNotFound();
  const topic = snsState(ctx, parts.accountId, parts.region).topics[arn as string];
  if (!topic) throw topicNotFound();
  return topic;
}
