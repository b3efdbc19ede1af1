import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createActiveTable, keyedById, keyedByPipelineAndRelease } from './table-definitions.ts';

describe('DynamoDB: items', () => {
  let cloud: TestCloud;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    dynamodb = new DynamoDBClient(cloud.config());
    await createActiveTable(dynamodb, keyedById('locks'));
    await createActiveTable(dynamodb, keyedByPipelineAndRelease('releases'));
  });
  afterAll(() => cloud.stop());

  it('puts an item once under attribute_not_exists and refuses the second', async () => {
    // Prepare
    const put = (owner: string) =>
      new PutItemCommand({ TableName: 'locks', Item: { id: { S: 'pipeline-a' }, owner: { S: owner } }, ConditionExpression: 'attribute_not_exists(id)' });
    await dynamodb.send(put('first'));
    // Act
    const error = await dynamodb.send(put('second')).catch((e) => e);
    const held = await dynamodb.send(new GetItemCommand({ TableName: 'locks', Key: { id: { S: 'pipeline-a' } }, ConsistentRead: true }));
    // Assess
    expect(error.name).toBe('ConditionalCheckFailedException');
    expect(error.message).toBe('The conditional request failed');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(held.Item?.owner).toEqual({ S: 'first' });
  });

  it('updates an item under a condition and returns the new values', async () => {
    // Prepare
    await dynamodb.send(new PutItemCommand({ TableName: 'locks', Item: { id: { S: 'counter' }, n: { N: '1' } } }));
    // Act
    const updated = await dynamodb.send(
      new UpdateItemCommand({
        TableName: 'locks',
        Key: { id: { S: 'counter' } },
        UpdateExpression: 'SET n = n + :one',
        ConditionExpression: 'n < :max',
        ExpressionAttributeValues: { ':one': { N: '1' }, ':max': { N: '5' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    // Assess
    expect(updated.Attributes).toEqual({ id: { S: 'counter' }, n: { N: '2' } });
  });

  it('deletes an item', async () => {
    // Prepare
    await dynamodb.send(new PutItemCommand({ TableName: 'locks', Item: { id: { S: 'gone' } } }));
    // Act
    await dynamodb.send(new DeleteItemCommand({ TableName: 'locks', Key: { id: { S: 'gone' } } }));
    const after = await dynamodb.send(new GetItemCommand({ TableName: 'locks', Key: { id: { S: 'gone' } } }));
    // Assess
    expect(after.Item).toBeUndefined();
  });

  it('queries a partition in sort-key order', async () => {
    // Prepare
    for (const release of [3, 1, 2]) {
      await dynamodb.send(new PutItemCommand({ TableName: 'releases', Item: { pipeline: { S: 'golden' }, release: { N: String(release) } } }));
    }
    await dynamodb.send(new PutItemCommand({ TableName: 'releases', Item: { pipeline: { S: 'other' }, release: { N: '9' } } }));
    // Act
    const queried = await dynamodb.send(
      new QueryCommand({
        TableName: 'releases',
        KeyConditionExpression: 'pipeline = :p AND #r >= :from',
        ExpressionAttributeNames: { '#r': 'release' },
        ExpressionAttributeValues: { ':p': { S: 'golden' }, ':from': { N: '2' } },
      }),
    );
    // Assess
    expect(queried.Items?.map((item) => item.release.N)).toEqual(['2', '3']);
  });

  it('throws ResourceNotFoundException for an item of an unknown table', async () => {
    // Act
    const error = await dynamodb.send(new GetItemCommand({ TableName: 'nowhere', Key: { id: { S: 'x' } } })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Requested resource not found');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});
