import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createActiveTable, keyedById } from './table-definitions.ts';

describe('DynamoDB: Powertools idempotency', () => {
  let cloud: TestCloud;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    dynamodb = new DynamoDBClient(cloud.config());
    await createActiveTable(dynamodb, keyedById('idempotency'));
  });
  afterAll(() => cloud.stop());

  it('returns the stored result for a repeated event instead of running again', async () => {
    // Prepare
    let runs = 0;
    const config = new IdempotencyConfig({ expiresAfterSeconds: 86_400 });
    // As a handler's middleware would: Powertools reads the time left from the Lambda context.
    config.registerLambdaContext({ getRemainingTimeInMillis: () => 60_000 } as Context);
    const publish = makeIdempotent(
      async (event: { releaseId: string }) => {
        runs += 1;
        return { published: event.releaseId, run: runs };
      },
      {
        persistenceStore: new DynamoDBPersistenceLayer({ tableName: 'idempotency', clientConfig: cloud.config() }),
        config,
      },
    );
    // Act
    const first = await publish({ releaseId: 'r-1' });
    const replay = await publish({ releaseId: 'r-1' });
    const other = await publish({ releaseId: 'r-2' });
    // Assess
    expect(first).toEqual({ published: 'r-1', run: 1 });
    expect(replay).toEqual(first);
    expect(other).toEqual({ published: 'r-2', run: 2 });
    expect(runs).toBe(2);
    const records = await dynamodb.send(new ScanCommand({ TableName: 'idempotency' }));
    expect(records.Items?.map((item) => item.status.S)).toEqual(['COMPLETED', 'COMPLETED']);
  });
});
