/** The DynamoDB table behind Powertools idempotency (Env.idempotencyTable): partition key `id`, TTL attribute `expiration`. */
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AdapterOptions } from './regional-clients.ts';

export function idempotencyStore(tableName: string, options: AdapterOptions): DynamoDBPersistenceLayer {
  const instrument = options.instrument ?? ((client) => client);
  return new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: instrument(new DynamoDBClient({ region: options.region })) });
}
