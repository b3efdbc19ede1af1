import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../local-cloud/errors.ts';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createActiveTable, keyedById } from './table-definitions.ts';

const SCOPE = { accountId: '123456789012', region: 'us-east-1' };

describe('DynamoDB: in-process calls', () => {
  let cloud: TestCloud;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    dynamodb = new DynamoDBClient(cloud.config());
    await createActiveTable(dynamodb, keyedById('states'));
  });
  afterAll(() => cloud.stop());

  it('writes and reads items with DynamoDB JSON as Step Functions integrations pass it', async () => {
    // Act
    await cloud.runtime.invoke('dynamodb', 'PutItem', { TableName: 'states', Item: { id: { S: 'exec-1' }, step: { N: '3' } } }, SCOPE, 'states');
    const read = await cloud.runtime.invoke<{ Item?: Record<string, unknown> }>(
      'dynamodb',
      'GetItem',
      { TableName: 'states', Key: { id: { S: 'exec-1' } } },
      SCOPE,
      'states',
    );
    const overHttp = await dynamodb.send(new GetItemCommand({ TableName: 'states', Key: { id: { S: 'exec-1' } } }));
    // Assess
    expect(read.Item).toEqual({ id: { S: 'exec-1' }, step: { N: '3' } });
    expect(overHttp.Item).toEqual(read.Item);
  });

  it('throws the error DynamoDB answered, by its code', async () => {
    // Prepare
    const put = { TableName: 'states', Item: { id: { S: 'exec-2' } }, ConditionExpression: 'attribute_not_exists(id)' };
    await cloud.runtime.invoke('dynamodb', 'PutItem', put, SCOPE, 'states');
    // Act
    const error = await cloud.runtime.invoke('dynamodb', 'PutItem', put, SCOPE, 'states').catch((e) => e);
    // Assess
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error.code).toBe('ConditionalCheckFailedException');
    expect(error.message).toBe('The conditional request failed');
    expect(error.status).toBe(400);
  });

  it('answers NotImplementedException for an operation dynalite does not serve', async () => {
    // Act
    const error = await dynamodb
      .send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'states', Item: { id: { S: 'x' } } } }] }))
      .catch((e) => e);
    // Assess
    expect(error.name).toBe('NotImplementedException');
    expect(error.message).toContain('TransactWriteItems');
    expect(error.$metadata.httpStatusCode).toBe(501);
  });
});
