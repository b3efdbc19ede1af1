import { randomBytes, randomUUID } from 'node:crypto';
import type {
  ConfirmSubscriptionCommandInput,
  ConfirmSubscriptionCommandOutput,
  GetSubscriptionAttributesCommandInput,
  GetSubscriptionAttributesCommandOutput,
  ListSubscriptionsByTopicCommandInput,
  ListSubscriptionsByTopicCommandOutput,
  ListSubscriptionsCommandInput,
  ListSubscriptionsCommandOutput,
  SetSubscriptionAttributesCommandInput,
  SubscribeCommandInput,
  SubscribeCommandOutput,
  Subscription,
  UnsubscribeCommandInput,
} from '@aws-sdk/client-sns';
import type { RequestContext } from '../../service.ts';
import { paginate } from '../events/pagination.ts';
import { checkSubscriptionAttribute, httpDeliverySettings } from './attributes.ts';
import { authorize } from './authorization.ts';
import { invalidParameter, invalidParameterRaw, missingValue, subscriptionNotFound, topicNotFound } from './errors.ts';
import { findTopic, parseTopicArn, type SnsState, type SubscriptionRecord, snsState } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const PROTOCOLS = new Set(['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose']);
/** Protocols whose owner must confirm the subscription (SNS sends them a SubscriptionConfirmation). */
const CONFIRMED_BY_OWNER = new Set(['http', 'https', 'email', 'email-json']);

function checkEndpoint(protocol: string, endpoint: string | undefined): string {
  if (!endpoint) throw invalidParameter('Endpoint');
  switch (protocol) {
    case 'http':
    case 'https':
      if (!endpoint.startsWith(`${protocol}://`)) throw invalidParameter('Endpoint must match the specified protocol');
      break;
    case 'email':
    case 'email-json':
      if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw invalidParameter('Email address');
      break;
    case 'sms':
      if (!/^\+?[1-9]\d{1,14}$/.test(endpoint)) throw invalidParameterRaw(`Invalid SMS endpoint: ${endpoint}`);
      break;
    case 'sqs':
      if (!/^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:.+$/.test(endpoint)) throw invalidParameter('SQS endpoint ARN');
      break;
    case 'lambda':
      if (!/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:.+$/.test(endpoint)) throw invalidParameter('Lambda endpoint ARN');
      break;
  }
  return endpoint;
}

export function subscribe(input: SubscribeCommandInput, ctx: RequestContext): Output<SubscribeCommandOutput> {
  if (input.TopicArn === undefined) throw missingValue('topicArn');
  if (input.Protocol === undefined) throw missingValue('protocol');
  const topic = findTopic(ctx, input.TopicArn);
  authorize(ctx, topic, 'Subscribe');
  const protocol = input.Protocol;
  if (!PROTOCOLS.has(protocol)) throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
  // AWS limits FIFO topics to SQS subscribers; the local cloud accepts any protocol on them.
  const endpoint = checkEndpoint(protocol, input.Endpoint);
  const attributes = { ...(input.Attributes ?? {}) };
  const scope = attributes.FilterPolicyScope ?? 'MessageAttributes';
  for (const [name, value] of Object.entries(attributes)) checkSubscriptionAttribute(name, value, { protocol, scope, subscribing: true });
  if (attributes.RawMessageDelivery) attributes.RawMessageDelivery = attributes.RawMessageDelivery.toLowerCase();
  const state = snsState(ctx, topic.owner, ctx.region);
  const existing = Object.values(state.subscriptions).find((s) => s.topicArn === topic.arn && s.protocol === protocol && s.endpoint === endpoint);
  if (existing) {
    // Subscribe is idempotent, unless the attributes differ.
    if (Object.entries(attributes).some(([k, v]) => existing.attributes[k] !== v))
      throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
    return { SubscriptionArn: existing.pendingConfirmation && !input.ReturnSubscriptionArn ? 'pending confirmation' : existing.arn };
  }
  const subscription: SubscriptionRecord = {
    arn: `${topic.arn}:${randomUUID()}`,
    topicArn: topic.arn,
    protocol,
    endpoint,
    owner: ctx.accountId,
    pendingConfirmation: CONFIRMED_BY_OWNER.has(protocol),
    confirmationWasAuthenticated: !CONFIRMED_BY_OWNER.has(protocol),
    token: randomBytes(128).toString('hex'),
    attributes,
    createdAt: ctx.cloud.clock.now(),
  };
  state.subscriptions[subscription.arn] = subscription;
  state.tokens[subscription.token] = subscription.arn;
  if (subscription.pendingConfirmation) ctx.cloud.services.sns.dispatcher.confirm(topic.owner, ctx.region, topic, subscription);
  return { SubscriptionArn: subscription.pendingConfirmation && !input.ReturnSubscriptionArn ? 'pending confirmation' : subscription.arn };
}

/**
 * ConfirmSubscription also arrives as the unsigned GET of a SubscribeURL, so the topic ARN, not the
 * request, says which account and region to look in.
 */
export function confirmSubscription(input: ConfirmSubscriptionCommandInput, ctx: RequestContext): Output<ConfirmSubscriptionCommandOutput> {
  if (input.TopicArn === undefined) throw missingValue('topicArn');
  if (input.Token === undefined) throw missingValue('token');
  const parts = parseTopicArn(input.TopicArn);
  const state = snsState(ctx, parts.accountId, parts.region);
  if (!state.topics[input.TopicArn]) throw topicNotFound();
  const arn = state.tokens[input.Token];
  const subscription = arn ? state.subscriptions[arn] : undefined;
  if (!subscription || subscription.topicArn !== input.TopicArn) throw invalidParameter('Token');
  if (subscription.pendingConfirmation) {
    subscription.pendingConfirmation = false;
    subscription.confirmationWasAuthenticated = input.AuthenticateOnUnsubscribe === 'true';
  }
  return { SubscriptionArn: subscription.arn };
}

/** Where a subscription ARN's state lives, with SNS's complaints about malformed ARNs. */
function subscriptionState(ctx: RequestContext, arn: string): SnsState {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') throw invalidParameter(`SubscriptionArn Reason: An ARN must have at least 6 elements, not ${parts.length}`);
  if (parts.length === 6) throw invalidParameter('SubscriptionId');
  return snsState(ctx, parts[4], parts[3]);
}

export function unsubscribe(input: UnsubscribeCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  if (input.SubscriptionArn === undefined) throw invalidParameter('SubscriptionArn Reason: no value for required parameter');
  const state = subscriptionState(ctx, input.SubscriptionArn);
  const subscription = state.subscriptions[input.SubscriptionArn];
  // Unsubscribing twice is not an error.
  if (!subscription) return {};
  // AWS may also post an UnsubscribeConfirmation to an HTTP/S endpoint; the local cloud does not.
  delete state.tokens[subscription.token];
  delete state.subscriptions[subscription.arn];
  const topic = state.topics[subscription.topicArn];
  if (topic) topic.subscriptionsDeleted++;
  return {};
}

function summary(subscription: SubscriptionRecord): Subscription {
  return {
    SubscriptionArn: subscription.pendingConfirmation ? 'PendingConfirmation' : subscription.arn,
    Owner: subscription.owner,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    TopicArn: subscription.topicArn,
  };
}

export function listSubscriptions(input: ListSubscriptionsCommandInput, ctx: RequestContext): Output<ListSubscriptionsCommandOutput> {
  const subscriptions = Object.values(snsState(ctx).subscriptions).sort((a, b) => a.createdAt - b.createdAt || a.arn.localeCompare(b.arn));
  const { page, nextToken } = paginate(subscriptions, input.NextToken, 100, () => invalidParameter('NextToken'));
  return { Subscriptions: page.map(summary), NextToken: nextToken };
}

export function listSubscriptionsByTopic(input: ListSubscriptionsByTopicCommandInput, ctx: RequestContext): Output<ListSubscriptionsByTopicCommandOutput> {
  if (input.TopicArn === undefined) throw missingValue('topicArn');
  const topic = findTopic(ctx, input.TopicArn);
  authorize(ctx, topic, 'ListSubscriptionsByTopic');
  const subscriptions = Object.values(snsState(ctx, topic.owner, ctx.region).subscriptions)
    .filter((s) => s.topicArn === topic.arn)
    .sort((a, b) => a.createdAt - b.createdAt || a.arn.localeCompare(b.arn));
  const { page, nextToken } = paginate(subscriptions, input.NextToken, 100, () => invalidParameter('NextToken'));
  return { Subscriptions: page.map(summary), NextToken: nextToken };
}

function findSubscription(ctx: RequestContext, arn: string | undefined): { state: SnsState; subscription: SubscriptionRecord } {
  if (arn === undefined) throw missingValue('subscriptionArn');
  const state = subscriptionState(ctx, arn);
  const subscription = state.subscriptions[arn];
  if (!subscription) throw subscriptionNotFound();
  return { state, subscription };
}

export function getSubscriptionAttributes(input: GetSubscriptionAttributesCommandInput, ctx: RequestContext): Output<GetSubscriptionAttributesCommandOutput> {
  const { state, subscription } = findSubscription(ctx, input.SubscriptionArn);
  const topic = state.topics[subscription.topicArn];
  const attributes: Record<string, string> = {
    SubscriptionArn: subscription.arn,
    TopicArn: subscription.topicArn,
    Owner: subscription.owner,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    PendingConfirmation: String(subscription.pendingConfirmation),
    ConfirmationWasAuthenticated: String(subscription.confirmationWasAuthenticated),
    RawMessageDelivery: 'false',
    SubscriptionPrincipal: `arn:aws:iam::${subscription.owner}:user/local`,
    ...subscription.attributes,
  };
  if (attributes.FilterPolicy && !attributes.FilterPolicyScope) attributes.FilterPolicyScope = 'MessageAttributes';
  if (!attributes.FilterPolicy) delete attributes.FilterPolicyScope;
  if (topic && (subscription.protocol === 'http' || subscription.protocol === 'https')) {
    const settings = httpDeliverySettings(topic, subscription);
    attributes.EffectiveDeliveryPolicy = JSON.stringify({ healthyRetryPolicy: settings.retry, requestPolicy: { headerContentType: settings.contentType } });
  }
  return { Attributes: attributes };
}

export function setSubscriptionAttributes(input: SetSubscriptionAttributesCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  if (input.AttributeName === undefined) throw missingValue('attributeName');
  const { subscription } = findSubscription(ctx, input.SubscriptionArn);
  const name = input.AttributeName;
  let value = input.AttributeValue ?? '';
  const scope = name === 'FilterPolicyScope' ? value : (subscription.attributes.FilterPolicyScope ?? 'MessageAttributes');
  checkSubscriptionAttribute(name, value, { protocol: subscription.protocol, scope, subscribing: false });
  // A new scope must suit the policy already in place.
  if (name === 'FilterPolicyScope' && subscription.attributes.FilterPolicy)
    checkSubscriptionAttribute('FilterPolicy', subscription.attributes.FilterPolicy, { protocol: subscription.protocol, scope: value, subscribing: false });
  if (name === 'RawMessageDelivery') value = value.toLowerCase();
  if (value === '' && name !== 'RawMessageDelivery') delete subscription.attributes[name];
  else subscription.attributes[name] = value;
  return {};
}
