import type { ResolvedConfig } from '../config/index.ts';
import type { ChannelParameter, QueueResource, SecretResource, TableResource, Tags, TopicResource } from './app-model.ts';
import { DEAD_LETTER_QUEUE } from './event-rules.ts';
import { boundedName, NAME_LIMITS } from './resource-names.ts';

/** The topic Goldsmith always creates: Image Builder's build notifications, and release messages of pipelines without their own topic. */
export const GOLDSMITH_TOPIC = 'goldsmith';

export const TABLE_KEYS = {
  /** Locks, task tokens and release records. `expiresAt` (epoch seconds) lets DynamoDB delete finished records. */
  release: { partitionKey: 'pk', sortKey: 'sk', timeToLive: 'expiresAt' },
  /** Powertools idempotency records: `id`, with Powertools' own `expiration` TTL attribute. */
  idempotency: { partitionKey: 'id', timeToLive: 'expiration' },
} as const;

/** AWS managed keys: SNS and SQS encrypt at rest with them unless the user brings a key. */
const SNS_KEY = 'alias/aws/sns';
const SQS_KEY = 'alias/aws/sqs';
/** SQS's longest retention: 14 days, to read what EventBridge and Scheduler could not deliver. */
const DEAD_LETTER_RETENTION_SECONDS = 1_209_600;

export function tableResources(options: { prefix: string; tags: Tags }): TableResource[] {
  return [
    {
      key: 'release',
      name: boundedName(options.prefix, 'releases', NAME_LIMITS.table),
      description: 'Locks, task tokens and release records',
      partitionKey: { name: TABLE_KEYS.release.partitionKey, type: 'S' },
      sortKey: { name: TABLE_KEYS.release.sortKey, type: 'S' },
      timeToLiveAttribute: TABLE_KEYS.release.timeToLive,
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: true,
      tags: options.tags,
    },
    {
      key: 'idempotency',
      name: boundedName(options.prefix, 'idempotency', NAME_LIMITS.table),
      description: 'Powertools idempotency records of event handlers',
      partitionKey: { name: TABLE_KEYS.idempotency.partitionKey, type: 'S' },
      timeToLiveAttribute: TABLE_KEYS.idempotency.timeToLive,
      billingMode: 'PAY_PER_REQUEST',
      pointInTimeRecovery: false,
      tags: options.tags,
    },
  ];
}

/** Goldsmith's topic, plus each topic a pipeline asks Goldsmith to create (`notifications.sns.topicName`), once per name. */
export function topicResources(resolved: ResolvedConfig, options: { prefix: string; tags: Tags }): TopicResource[] {
  const topics: TopicResource[] = [
    {
      key: GOLDSMITH_TOPIC,
      name: boundedName(options.prefix, 'notifications', NAME_LIMITS.topic),
      description: 'Goldsmith: Image Builder build notifications and release messages',
      kmsMasterKeyId: SNS_KEY,
      tags: options.tags,
    },
  ];
  for (const { config } of resolved.pipelines) {
    const name = config.notifications.sns?.topicName;
    if (!name || topics.some((topic) => topic.key === name)) continue;
    topics.push({ key: name, name, description: `Release messages of ${config.name}`, kmsMasterKeyId: SNS_KEY, tags: options.tags });
  }
  return topics;
}

/** The Slack webhook secrets pipelines name, created empty; a secret given by ARN already exists and is not created. */
export function secretResources(resolved: ResolvedConfig, options: { tags: Tags }): SecretResource[] {
  const names = new Set<string>();
  for (const { config } of resolved.pipelines) {
    const name = config.notifications.slack?.webhookSecretName;
    if (name && !name.startsWith('arn:')) names.add(name);
  }
  return [...names].map((name) => ({
    key: name,
    name,
    description:
      'Slack incoming webhook URL for Goldsmith release messages. Put the URL here: aws secretsmanager put-secret-value --secret-id <name> --secret-string <url>',
    initialValue: undefined,
    retain: true,
    tags: options.tags,
  }));
}

export function queueResources(options: { prefix: string; tags: Tags }): QueueResource[] {
  return [
    {
      key: DEAD_LETTER_QUEUE,
      name: boundedName(options.prefix, DEAD_LETTER_QUEUE, NAME_LIMITS.queue),
      description: 'Events and schedule invocations that EventBridge or Scheduler could not deliver within their retry policy',
      messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      kmsMasterKeyId: SQS_KEY,
      tags: options.tags,
    },
  ];
}

/** The candidate and stable parameters of every pipeline, in each of its distribution regions. */
export function channelParameters(resolved: ResolvedConfig): ChannelParameter[] {
  return resolved.pipelines.flatMap(({ config }) =>
    (['candidate', 'stable'] as const).map((channel) => ({
      pipeline: config.name,
      channel,
      name: config.channels[channel],
      regions: config.distribution.regions,
    })),
  );
}
