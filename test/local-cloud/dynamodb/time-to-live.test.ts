import { DescribeTimeToLiveCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createActiveTable, keyedById } from './table-definitions.ts';

describe('DynamoDB: UpdateTimeToLive', () => {
  let cloud: TestCloud;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    dynamodb = new DynamoDBClient(cloud.config());
    await createActiveTable(dynamodb, keyedById('idempotency'));
  });
  afterAll(() => cloud.stop());

  it('enables Time to Live on an attribute', async () => {
    // Act
    const updated = await dynamodb.send(
      new UpdateTimeToLiveCommand({ TableName: 'idempotency', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiration' } }),
    );
    const described = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'idempotency' }));
    // Assess
    expect(updated.TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: 'expiration' });
    expect(described.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiration' });
  });

  it('throws ValidationException when Time to Live is already enabled', async () => {
    // Act
    const error = await dynamodb
      .send(new UpdateTimeToLiveCommand({ TableName: 'idempotency', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiration' } }))
      .catch((e) => e);
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('TimeToLive is already enabled');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('throws ResourceNotFoundException for an unknown table', async () => {
    // Act
    const error = await dynamodb
      .send(new UpdateTimeToLiveCommand({ TableName: 'nothing', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }))
      .catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Requested resource not found: Table: nothing not found');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('DynamoDB: DescribeTimeToLive', () => {
  let cloud: TestCloud;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    dynamodb = new DynamoDBClient(cloud.config());
    await createActiveTable(dynamodb, keyedById('plain'));
  });
  afterAll(() => cloud.stop());

  it('reports Time to Live disabled on a new table', async () => {
    // Act
    const described = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'plain' }));
    // Assess
    expect(described.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });

  it('throws ResourceNotFoundException for an unknown table', async () => {
    // Act
    const error = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'nothing' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Requested resource not found: Table: nothing not found');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});
