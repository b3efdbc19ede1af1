import { randomUUID } from 'node:crypto';
import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { ClockTimer } from '../../clock.ts';
import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore } from '../../service.ts';
import { errorParts, isRetryable, parseArn } from '../events/target-invocation.ts';
import { type HealthyRetryPolicy, httpDeliverySettings, MANAGED_ENDPOINT_RETRY, retryDelaySeconds } from './attributes.ts';
import { passesFilterPolicy } from './filter-policy.ts';
import { confirmationBody, contentFor, lambdaEvent, notificationBody, type PublishedMessage } from './message-format.ts';
import {
  appendBounded,
  type MessageType,
  type PendingDelivery,
  type SnsDeliveryRecord,
  type SnsState,
  type SubscriptionRecord,
  type TopicRecord,
} from './store.ts';

/** SNS waits this long (real time) for an HTTP/S endpoint to answer. */
const HTTP_TIMEOUT_MS = 15_000;
const USER_AGENT = 'Amazon Simple Notification Service Agent';

/** The local cloud posts only to this machine: a subscriber elsewhere gets its messages recorded instead. */
export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

const NOT_LOOPBACK = 'not sent: the local cloud only delivers to HTTP/S endpoints on this machine (127.0.0.1, localhost)';

type AttemptResult = { ok: true; statusCode?: number } | { ok: false; retryable: boolean; statusCode?: number; message: string };

/**
 * Delivers messages to subscriptions: real HTTP/S POSTs (with AWS's headers, and retries per the delivery
 * policy on the simulated clock), asynchronous Lambda invocations, and a record for the protocols the
 * local cloud cannot reach (email, email-json, sqs, application, sms, firehose).
 */
export class SnsDispatcher {
  private readonly cloud: CloudRuntime;
  private readonly store: RegionalStore<SnsState>;
  private readonly timers = new Map<string, ClockTimer>();

  constructor(cloud: CloudRuntime, store: RegionalStore<SnsState>) {
    this.cloud = cloud;
    this.store = store;
  }

  /** Fans a published message out to the topic's confirmed subscriptions whose filter policy it passes. */
  publish(accountId: string, region: string, topic: TopicRecord, message: PublishedMessage): void {
    const state = this.store.get(accountId, region);
    for (const subscription of Object.values(state.subscriptions)) {
      if (subscription.topicArn !== topic.arn || subscription.pendingConfirmation) continue;
      this.toSubscription(accountId, region, state, topic, subscription, message);
    }
  }

  private toSubscription(accountId: string, region: string, state: SnsState, topic: TopicRecord, subscription: SubscriptionRecord, message: PublishedMessage) {
    const endpoint = this.cloud.endpoint;
    const content = contentFor(message, subscription.protocol);
    const raw = subscription.attributes.RawMessageDelivery === 'true';
    const record = (status: SnsDeliveryRecord['status'], body: string, errorMessage?: string) =>
      appendBounded(state.deliveries, {
        at: this.cloud.clock.now(),
        messageId: message.messageId,
        type: 'Notification',
        topicArn: topic.arn,
        subscriptionArn: subscription.arn,
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
        status,
        attempt: 1,
        body,
        errorMessage,
      });
    const attributes = decodeAttributes(message);
    if (!passesFilterPolicy(subscription.attributes.FilterPolicy, subscription.attributes.FilterPolicyScope, { body: content, attributes })) {
      record('filtered', content);
      return;
    }
    switch (subscription.protocol) {
      case 'http':
      case 'https': {
        const { contentType } = httpDeliverySettings(topic, subscription);
        const headers: Record<string, string> = {
          'content-type': contentType,
          'user-agent': USER_AGENT,
          'x-amz-sns-message-type': 'Notification',
          'x-amz-sns-message-id': message.messageId,
          'x-amz-sns-topic-arn': topic.arn,
          'x-amz-sns-subscription-arn': subscription.arn,
        };
        if (raw) headers['x-amz-sns-rawdelivery'] = 'true';
        const body = raw ? content : notificationBody(message, topic, subscription, endpoint);
        if (!isLoopback(subscription.endpoint)) {
          record('recorded', body, NOT_LOOPBACK);
          return;
        }
        this.start(accountId, region, subscription, 'Notification', message.messageId, body, headers);
        return;
      }
      case 'lambda':
        this.start(accountId, region, subscription, 'Notification', message.messageId, lambdaEvent(message, topic, subscription, endpoint), {});
        return;
      case 'email':
      case 'sms':
      case 'application':
        record('recorded', content);
        return;
      default:
        // email-json, sqs, firehose: the JSON notification (or the raw message), kept but not sent.
        record('recorded', raw ? content : notificationBody(message, topic, subscription, endpoint));
    }
  }

  /** Sends an HTTP/S subscription its SubscriptionConfirmation; for email the message is only recorded. */
  confirm(accountId: string, region: string, topic: TopicRecord, subscription: SubscriptionRecord): void {
    const messageId = randomUUID();
    const body = confirmationBody(
      'SubscriptionConfirmation',
      messageId,
      topic,
      subscription,
      this.cloud.endpoint,
      new Date(this.cloud.clock.now()).toISOString(),
    );
    const http = subscription.protocol === 'http' || subscription.protocol === 'https';
    if (http && isLoopback(subscription.endpoint)) {
      const headers = {
        'content-type': 'text/plain; charset=UTF-8',
        'user-agent': USER_AGENT,
        'x-amz-sns-message-type': 'SubscriptionConfirmation',
        'x-amz-sns-message-id': messageId,
        'x-amz-sns-topic-arn': topic.arn,
      };
      this.start(accountId, region, subscription, 'SubscriptionConfirmation', messageId, body, headers);
      return;
    }
    appendBounded(this.store.get(accountId, region).deliveries, {
      at: this.cloud.clock.now(),
      messageId,
      type: 'SubscriptionConfirmation',
      topicArn: topic.arn,
      subscriptionArn: subscription.arn,
      protocol: subscription.protocol,
      endpoint: subscription.endpoint,
      status: 'recorded',
      attempt: 1,
      body,
      errorMessage: http ? NOT_LOOPBACK : undefined,
    });
  }

  private start(
    accountId: string,
    region: string,
    subscription: SubscriptionRecord,
    type: MessageType,
    messageId: string,
    body: string,
    headers: Record<string, string>,
  ) {
    const pending: PendingDelivery = {
      id: randomUUID(),
      dueAt: this.cloud.clock.now(),
      attempt: 1,
      subscriptionArn: subscription.arn,
      type,
      messageId,
      body,
      headers,
    };
    // SNS answers Publish first and delivers afterwards.
    setImmediate(() => void this.attempt(accountId, region, pending).catch((error: unknown) => this.cloud.log(`sns delivery failed: ${String(error)}`)));
  }

  private async attempt(accountId: string, region: string, pending: PendingDelivery): Promise<void> {
    const state = this.store.get(accountId, region);
    const subscription = state.subscriptions[pending.subscriptionArn];
    const topic = subscription && state.topics[subscription.topicArn];
    // Unsubscribed or deleted in the meantime: nothing more to send.
    if (!subscription || !topic) return;
    const result = subscription.protocol === 'lambda' ? await this.invokeLambda(subscription, pending.body) : await post(subscription.endpoint, pending);
    const record: SnsDeliveryRecord = {
      at: this.cloud.clock.now(),
      messageId: pending.messageId,
      type: pending.type,
      topicArn: topic.arn,
      subscriptionArn: subscription.arn,
      protocol: subscription.protocol,
      endpoint: subscription.endpoint,
      status: 'delivered',
      attempt: pending.attempt,
      statusCode: result.statusCode,
      body: pending.body,
    };
    if (result.ok) {
      appendBounded(state.deliveries, record);
      return;
    }
    const policy: HealthyRetryPolicy = subscription.protocol === 'lambda' ? MANAGED_ENDPOINT_RETRY : httpDeliverySettings(topic, subscription).retry;
    const delay = result.retryable ? retryDelaySeconds(policy, pending.attempt) : undefined;
    if (delay !== undefined) {
      appendBounded(state.deliveries, { ...record, status: 'retrying', errorMessage: result.message });
      const next: PendingDelivery = { ...pending, id: randomUUID(), attempt: pending.attempt + 1, dueAt: this.cloud.clock.now() + delay * 1000 };
      state.retries.push(next);
      this.arm(accountId, region, next);
      return;
    }
    appendBounded(state.deliveries, { ...record, status: 'failed', errorMessage: result.message });
    if (pending.type !== 'Notification') return;
    const redrive = parseRedrive(subscription.attributes.RedrivePolicy);
    // AWS would put the message in the subscription's SQS dead-letter queue; the local cloud has no SQS and keeps it here.
    appendBounded(state.deadLetters, {
      at: this.cloud.clock.now(),
      messageId: pending.messageId,
      subscriptionArn: subscription.arn,
      deadLetterArn: redrive,
      errorMessage: result.message,
      body: pending.body,
    });
  }

  private async invokeLambda(subscription: SubscriptionRecord, payload: string): Promise<AttemptResult> {
    const arn = parseArn(subscription.endpoint);
    try {
      await this.cloud.invoke(
        'lambda',
        'Invoke',
        { FunctionName: subscription.endpoint, InvocationType: 'Event', Payload: Buffer.from(payload) },
        { accountId: arn?.accountId ?? '', region: arn?.region ?? '' },
        'sns',
      );
      return { ok: true };
    } catch (error) {
      const { code, message } = errorParts(error);
      return { ok: false, retryable: isRetryable(error), message: `${code}: ${message}` };
    }
  }

  private arm(accountId: string, region: string, pending: PendingDelivery): void {
    const key = `${accountId}/${region}/${pending.id}`;
    const run = () => {
      this.timers.delete(key);
      const state = this.store.get(accountId, region);
      const index = state.retries.findIndex((r) => r.id === pending.id);
      if (index < 0) return;
      state.retries.splice(index, 1);
      void this.attempt(accountId, region, pending).catch((error: unknown) => this.cloud.log(`sns retry failed: ${String(error)}`));
    };
    const delay = pending.dueAt - this.cloud.clock.now();
    // An immediate retry should not wait for a frozen clock to move.
    if (delay <= 0) {
      setImmediate(run);
      return;
    }
    this.timers.set(key, this.cloud.clock.setTimeout(run, delay));
  }

  resume(): void {
    for (const { accountId, region, state } of this.store.entries()) for (const pending of state.retries) this.arm(accountId, region, pending);
  }

  stop(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }
}

/** SNS retries network failures, throttling and server errors; other answers are final. */
async function post(url: string, pending: PendingDelivery): Promise<AttemptResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: pending.headers,
      body: pending.body,
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      redirect: 'manual',
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
    return { ok: false, retryable: response.status >= 500 || response.status === 429, statusCode: response.status, message: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, retryable: true, message: cause ?? (error instanceof Error ? error.message : String(error)) };
  }
}

function parseRedrive(policy: string | undefined): string | undefined {
  if (!policy) return undefined;
  try {
    return (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn;
  } catch {
    return undefined;
  }
}

function decodeAttributes(message: PublishedMessage): Record<string, MessageAttributeValue> | undefined {
  if (!message.attributes) return undefined;
  return Object.fromEntries(Object.entries(message.attributes).map(([name, a]) => [name, { DataType: a.DataType, StringValue: a.StringValue }]));
}
