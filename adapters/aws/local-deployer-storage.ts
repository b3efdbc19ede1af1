import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type KeySchemaElement,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, GetTopicAttributesCommand, SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import type { SecretResource, TableResource, TopicResource } from '../../core/app-model/index.ts';
import type { ChangeLog } from './local-deployer-changes.ts';
import type { DeployClients } from './local-deployer-clients.ts';
import { isAwsError } from './regional-clients.ts';

const tagList = (tags: Readonly<Record<string, string>>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/**
 * A table with its keys, on-demand capacity, encryption and TTL. Differs from a deploy to AWS: point-in-time
 * recovery is not set, since the local cloud's DynamoDB (dynalite) has no backups.
 */
export async function deployTable(clients: DeployClients, table: TableResource, changes: ChangeLog): Promise<void> {
  let exists = true;
  try {
    await clients.dynamodb.send(new DescribeTableCommand({ TableName: table.name }));
  } catch (error) {
    if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
    exists = false;
  }
  if (!exists) {
    const keys: KeySchemaElement[] = [{ AttributeName: table.partitionKey.name, KeyType: 'HASH' }];
    if (table.sortKey) keys.push({ AttributeName: table.sortKey.name, KeyType: 'RANGE' });
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: table.name,
        AttributeDefinitions: [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])].map((key) => ({
          AttributeName: key.name,
          AttributeType: key.type,
        })),
        KeySchema: keys,
        BillingMode: table.billingMode,
        SSESpecification: { Enabled: true },
        Tags: tagList(table.tags),
      }),
    );
    await waitUntilTableExists({ client: clients.dynamodb, maxWaitTime: 60, minDelay: 1 }, { TableName: table.name });
  }
  const ttl = await clients.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: table.name }));
  const description = ttl.TimeToLiveDescription;
  const ttlOn = description?.AttributeName === table.timeToLiveAttribute && ['ENABLED', 'ENABLING'].includes(description.TimeToLiveStatus ?? '');
  if (!ttlOn) {
    await clients.dynamodb.send(
      new UpdateTimeToLiveCommand({ TableName: table.name, TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true } }),
    );
  }
  changes.add('table', table.name, !exists ? 'created' : ttlOn ? 'unchanged' : 'updated');
}

/** A topic, encrypted at rest. */
export async function deployTopic(clients: DeployClients, topic: TopicResource, arn: string, changes: ChangeLog): Promise<void> {
  let attributes: Record<string, string> | undefined;
  try {
    attributes = (await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes ?? {};
  } catch (error) {
    if (!isAwsError(error, 'NotFoundException', 'NotFound')) throw error;
  }
  if (!attributes) {
    await clients.sns.send(new CreateTopicCommand({ Name: topic.name, Attributes: { KmsMasterKeyId: topic.kmsMasterKeyId }, Tags: tagList(topic.tags) }));
    changes.add('topic', topic.name, 'created');
  } else if (attributes.KmsMasterKeyId !== topic.kmsMasterKeyId) {
    await clients.sns.send(new SetTopicAttributesCommand({ TopicArn: arn, AttributeName: 'KmsMasterKeyId', AttributeValue: topic.kmsMasterKeyId }));
    changes.add('topic', topic.name, 'updated');
  } else changes.add('topic', topic.name, 'unchanged');
}

/** A secret, created without a value: someone puts the webhook URL there by hand (DESIGN §5.8). An existing secret is never touched. */
export async function deploySecret(clients: DeployClients, secret: SecretResource, changes: ChangeLog): Promise<string> {
  try {
    const existing = await clients.secrets.send(new DescribeSecretCommand({ SecretId: secret.name }));
    changes.add('secret', secret.name, 'unchanged');
    return existing.ARN as string;
  } catch (error) {
    if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
  }
  const created = await clients.secrets.send(new CreateSecretCommand({ Name: secret.name, Description: secret.description, Tags: tagList(secret.tags) }));
  changes.add('secret', secret.name, 'created');
  return created.ARN as string;
}
