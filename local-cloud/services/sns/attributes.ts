import { invalidParameter, invalidParameterRaw } from './errors.ts';
import { validateFilterPolicy } from './filter-policy.ts';
import type { SubscriptionRecord, TopicRecord } from './store.ts';

/** Topic and subscription attributes: which exist, what values they take, and the ones SNS computes. */

const FEEDBACK_ATTRIBUTES = ['HTTP', 'Firehose', 'Lambda', 'SQS', 'Application'].flatMap((p) => [
  `${p}SuccessFeedbackRoleArn`,
  `${p}FailureFeedbackRoleArn`,
  `${p}SuccessFeedbackSampleRate`,
]);

const TOPIC_ATTRIBUTES = new Set([
  'DeliveryPolicy',
  'DisplayName',
  'Policy',
  'TracingConfig',
  'KmsMasterKeyId',
  'SignatureVersion',
  'ContentBasedDeduplication',
  'ArchivePolicy',
  'FifoThroughputScope',
  ...FEEDBACK_ATTRIBUTES,
]);

function isJsonObject(text: string): boolean {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Checks one attribute of CreateTopic (with FifoTopic) or SetTopicAttributes (without). */
export function checkTopicAttribute(name: string, value: string, options: { creating: boolean; fifo: boolean }): void {
  if (name === 'FifoTopic' && options.creating) {
    if (value !== 'true' && value !== 'false') throw invalidParameter('FifoTopic');
    return;
  }
  if (!TOPIC_ATTRIBUTES.has(name)) throw invalidParameter('AttributeName');
  switch (name) {
    case 'Policy':
      if (!isJsonObject(value)) throw invalidParameter('Policy Error: null');
      return;
    case 'DeliveryPolicy':
      if (value && !isJsonObject(value)) throw invalidParameter('DeliveryPolicy: failed to parse JSON.');
      return;
    case 'DisplayName':
      if (value.length > 100) throw invalidParameter('DisplayName');
      return;
    case 'SignatureVersion':
      if (value !== '1' && value !== '2') throw invalidParameter('SignatureVersion');
      return;
    case 'TracingConfig':
      if (value !== 'PassThrough' && value !== 'Active') throw invalidParameter('TracingConfig');
      return;
    case 'ContentBasedDeduplication':
      if (!options.fifo) throw invalidParameter('ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics');
      if (value !== 'true' && value !== 'false') throw invalidParameter('ContentBasedDeduplication');
      return;
  }
}

export function defaultTopicPolicy(topic: Pick<TopicRecord, 'arn' | 'owner'>): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: topic.arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': topic.owner } },
      },
    ],
  });
}

export interface HealthyRetryPolicy {
  minDelayTarget: number;
  maxDelayTarget: number;
  numRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  numMaxDelayRetries: number;
  backoffFunction: string;
}

/** SNS's default for HTTP/S: three retries, 20 seconds apart. */
export const DEFAULT_HTTP_RETRY: HealthyRetryPolicy = {
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numMaxDelayRetries: 0,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  backoffFunction: 'linear',
};

/** AWS-managed endpoints (Lambda, SQS): 3 immediate, 2 at 1 s, 10 backing off to 20 s, then 100,000 at 20 s. */
export const MANAGED_ENDPOINT_RETRY: HealthyRetryPolicy = {
  minDelayTarget: 1,
  maxDelayTarget: 20,
  numRetries: 100_015,
  numNoDelayRetries: 3,
  numMinDelayRetries: 2,
  numMaxDelayRetries: 100_000,
  backoffFunction: 'exponential',
};

export function effectiveDeliveryPolicy(topic: TopicRecord): Record<string, unknown> {
  const own = parseJson(topic.attributes.DeliveryPolicy) as { http?: Record<string, unknown> } | undefined;
  return {
    http: {
      defaultHealthyRetryPolicy: { ...DEFAULT_HTTP_RETRY, ...((own?.http?.defaultHealthyRetryPolicy as object) ?? {}) },
      disableSubscriptionOverrides: own?.http?.disableSubscriptionOverrides ?? false,
      defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8', ...((own?.http?.defaultRequestPolicy as object) ?? {}) },
    },
  };
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The retry policy and content type an HTTP/S subscription gets: its own, unless the topic forbids overrides. */
export function httpDeliverySettings(topic: TopicRecord, subscription: SubscriptionRecord): { retry: HealthyRetryPolicy; contentType: string } {
  const http = effectiveDeliveryPolicy(topic).http as {
    defaultHealthyRetryPolicy: HealthyRetryPolicy;
    disableSubscriptionOverrides: boolean;
    defaultRequestPolicy: { headerContentType: string };
  };
  const own = parseJson(subscription.attributes.DeliveryPolicy) as
    | { healthyRetryPolicy?: Partial<HealthyRetryPolicy>; requestPolicy?: { headerContentType?: string } }
    | undefined;
  const override = http.disableSubscriptionOverrides ? undefined : own;
  return {
    retry: { ...http.defaultHealthyRetryPolicy, ...(override?.healthyRetryPolicy ?? {}) },
    contentType: override?.requestPolicy?.headerContentType ?? http.defaultRequestPolicy.headerContentType,
  };
}

/** Seconds before retry `n` (1-based): immediate, pre-backoff, backoff, then post-backoff phase; undefined when spent. */
export function retryDelaySeconds(policy: HealthyRetryPolicy, n: number): number | undefined {
  if (n > policy.numRetries) return undefined;
  if (n <= policy.numNoDelayRetries) return 0;
  if (n <= policy.numNoDelayRetries + policy.numMinDelayRetries) return policy.minDelayTarget;
  const backoffCount = policy.numRetries - policy.numNoDelayRetries - policy.numMinDelayRetries - policy.numMaxDelayRetries;
  const i = n - policy.numNoDelayRetries - policy.numMinDelayRetries;
  if (i > backoffCount || backoffCount <= 0) return policy.maxDelayTarget;
  const { minDelayTarget: min, maxDelayTarget: max } = policy;
  const fraction = i / backoffCount;
  switch (policy.backoffFunction) {
    case 'exponential':
      return Math.round(min * (max / Math.max(min, 1)) ** fraction);
    case 'geometric':
      return Math.round(min + (max - min) * fraction ** 3);
    case 'arithmetic':
      return Math.round(min + (max - min) * fraction ** 2);
    default:
      return Math.round(min + (max - min) * fraction);
  }
}

const SUBSCRIPTION_ATTRIBUTES = new Set(['DeliveryPolicy', 'FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy', 'SubscriptionRoleArn']);
const RAW_DELIVERY_PROTOCOLS = new Set(['http', 'https', 'sqs', 'firehose']);

/**
 * Checks one subscription attribute. Subscribe reports problems as "Invalid parameter: Attributes Reason: …",
 * SetSubscriptionAttributes as "Invalid parameter: …".
 */
export function checkSubscriptionAttribute(name: string, value: string, context: { protocol: string; scope: string; subscribing: boolean }): void {
  const prefix = context.subscribing ? 'Invalid parameter: Attributes Reason: ' : 'Invalid parameter: ';
  if (!SUBSCRIPTION_ATTRIBUTES.has(name)) throw invalidParameterRaw(`${prefix}AttributeName`);
  switch (name) {
    case 'FilterPolicy':
      if (value) validateFilterPolicy(value, context.scope, prefix);
      return;
    case 'FilterPolicyScope':
      if (value !== 'MessageAttributes' && value !== 'MessageBody')
        throw invalidParameterRaw(`${prefix}FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
      return;
    case 'RawMessageDelivery':
      if (value.toLowerCase() !== 'true' && value.toLowerCase() !== 'false')
        throw invalidParameterRaw(`${prefix}RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
      if (!RAW_DELIVERY_PROTOCOLS.has(context.protocol))
        throw invalidParameterRaw(`${prefix}Delivery protocol [${context.protocol}] does not support raw message delivery.`);
      return;
    case 'DeliveryPolicy':
      if (value && !isJsonObject(value)) throw invalidParameterRaw(`${prefix}DeliveryPolicy: failed to parse JSON.`);
      return;
    case 'RedrivePolicy': {
      const policy = parseJson(value) as { deadLetterTargetArn?: unknown } | undefined;
      if (value && !policy) throw invalidParameterRaw(`${prefix}RedrivePolicy: failed to parse JSON.`);
      if (policy && (typeof policy.deadLetterTargetArn !== 'string' || !/^arn:aws[\w-]*:sqs:/.test(policy.deadLetterTargetArn)))
        throw invalidParameterRaw(`${prefix}RedrivePolicy: deadLetterTargetArn is an invalid arn`);
      return;
    }
  }
}
