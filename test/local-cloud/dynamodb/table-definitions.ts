import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A table keyed by `id`, as Powertools idempotency expects it. */
export const keyedById = (TableName: string) =>
  new CreateTableCommand({
    TableName,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });

/** A table with a partition and a sort key, for queries. */
export const keyedByPipelineAndRelease = (TableName: string) =>
  new CreateTableCommand({
    TableName,
    AttributeDefinitions: [
      { AttributeName: 'pipeline', AttributeType: 'S' },
      { AttributeName: 'release', AttributeType: 'N' },
    ],
    KeySchema: [
      { AttributeName: 'pipeline', KeyType: 'HASH' },
      { AttributeName: 'release', KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  });

/** Creates a table and lets it turn ACTIVE (dynalite flips it on its next tick). */
export async function createActiveTable(dynamodb: DynamoDBClient, command: CreateTableCommand): Promise<void> {
  await dynamodb.send(command);
  await new Promise((resolve) => setTimeout(resolve, 10));
}
