import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createActiveTable, keyedById } from './table-definitions.ts';

describe('DynamoDB: CreateTable', () => {
  let cloud: TestCloud;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    dynamodb = new DynamoDBClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('creates a table with an ARN in the caller’s account and region', async () => {
    // Act
    const created = await dynamodb.send(keyedById('releases'));
    // Assess
    expect(created.TableDescription).toMatchObject({
      TableName: 'releases',
      TableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/releases',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
  });

  it('throws ResourceInUseException for a table that exists', async () => {
    // Prepare
    await createActiveTable(dynamodb, keyedById('twice'));
    // Act
    const error = await dynamodb.send(keyedById('twice')).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceInUseException');
    expect(error.message).toBe('Table already exists: twice');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('DynamoDB: DescribeTable', () => {
  let cloud: TestCloud;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    dynamodb = new DynamoDBClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('describes an active table', async () => {
    // Prepare
    await createActiveTable(dynamodb, keyedById('described'));
    // Act
    const described = await dynamodb.send(new DescribeTableCommand({ TableName: 'described' }));
    // Assess
    expect(described.Table).toMatchObject({ TableName: 'described', TableStatus: 'ACTIVE', BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' } });
  });

  it('throws ResourceNotFoundException for an unknown table', async () => {
    // Act
    const error = await dynamodb.send(new DescribeTableCommand({ TableName: 'missing' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Requested resource not found: Table: missing not found');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('DynamoDB: ListTables', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(() => cloud.stop());

  it('keeps tables apart per account and region', async () => {
    // Prepare
    const mine = new DynamoDBClient(cloud.config());
    const otherAccount = new DynamoDBClient({ ...cloud.config(), credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    const otherRegion = new DynamoDBClient(cloud.config('eu-west-1'));
    await createActiveTable(mine, keyedById('shared-name'));
    await createActiveTable(otherAccount, keyedById('shared-name'));
    await mine.send(new PutItemCommand({ TableName: 'shared-name', Item: { id: { S: 'only-mine' } } }));
    // Act
    const [mineTables, otherTables, regionTables] = await Promise.all(
      [mine, otherAccount, otherRegion].map((client) => client.send(new ListTablesCommand({}))),
    );
    const seenByOther = await otherAccount.send(new GetItemCommand({ TableName: 'shared-name', Key: { id: { S: 'only-mine' } } }));
    const otherArn = (await otherAccount.send(new DescribeTableCommand({ TableName: 'shared-name' }))).Table?.TableArn;
    // Assess
    expect(mineTables.TableNames).toEqual(['shared-name']);
    expect(otherTables.TableNames).toEqual(['shared-name']);
    expect(regionTables.TableNames).toEqual([]);
    expect(seenByOther.Item).toBeUndefined();
    expect(otherArn).toBe('arn:aws:dynamodb:us-east-1:111122223333:table/shared-name');
  });

  it('throws ValidationException for a Limit over 100', async () => {
    // Act
    const error = await new DynamoDBClient(cloud.config()).send(new ListTablesCommand({ Limit: 101 })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain("Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('DynamoDB: DeleteTable', () => {
  let cloud: TestCloud;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    dynamodb = new DynamoDBClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('deletes a table', async () => {
    // Prepare
    await createActiveTable(dynamodb, keyedById('doomed'));
    // Act
    await dynamodb.send(new DeleteTableCommand({ TableName: 'doomed' }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const listed = await dynamodb.send(new ListTablesCommand({}));
    // Assess
    expect(listed.TableNames).toEqual([]);
  });

  it('throws ResourceNotFoundException for an unknown table', async () => {
    // Act
    const error = await dynamodb.send(new DeleteTableCommand({ TableName: 'never-was' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Requested resource not found: Table: never-was not found');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('DynamoDB: state', () => {
  it('leaves no tables after a reset', async () => {
    // Prepare
    const cloud = await startTestCloud();
    const dynamodb = new DynamoDBClient(cloud.config());
    const other = new DynamoDBClient({ ...cloud.config('eu-west-1'), credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    await createActiveTable(dynamodb, keyedById('before-reset'));
    await createActiveTable(other, keyedById('before-reset'));
    // Act
    await cloud.reset();
    const [mine, theirs] = await Promise.all([dynamodb.send(new ListTablesCommand({})), other.send(new ListTablesCommand({}))]);
    await cloud.stop();
    // Assess
    expect(mine.TableNames).toEqual([]);
    expect(theirs.TableNames).toEqual([]);
  });

  it('keeps tables and items under the data directory across a restart, and none after a reset', async () => {
    // Prepare
    const dataDir = mkdtempSync(join(tmpdir(), 'goldsmith-dynamodb-test-'));
    try {
      const first = await startTestCloud({ dataDir });
      const firstClient = new DynamoDBClient(first.config());
      await createActiveTable(firstClient, keyedById('durable'));
      await firstClient.send(new PutItemCommand({ TableName: 'durable', Item: { id: { S: 'kept' }, n: { N: '7' } } }));
      await first.stop();
      // Act
      const second = await startTestCloud({ dataDir });
      const secondClient = new DynamoDBClient(second.config());
      const item = await secondClient.send(new GetItemCommand({ TableName: 'durable', Key: { id: { S: 'kept' } } }));
      await second.reset();
      const afterReset = await secondClient.send(new ListTablesCommand({}));
      await second.stop();
      // Assess
      expect(item.Item).toEqual({ id: { S: 'kept' }, n: { N: '7' } });
      expect(afterReset.TableNames).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
