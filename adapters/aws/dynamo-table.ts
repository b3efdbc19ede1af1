/** A DynamoDB table with a (pk, sk) key, and the conditional reads and writes the release table is made of. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type AdapterOptions, isAwsError } from './regional-clients.ts';

export type Item = Record<string, unknown>;
export interface Key {
  pk: string;
  sk: string;
}

export interface Condition {
  expression: string;
  values?: Item;
  names?: Record<string, string>;
}

/** An item without its key and kind: the record it holds. */
function recordOf<T>(item: Item | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, kind: _kind, ...rest } = item;
  return rest as T;
}

const failedCondition = (error: unknown) => isAwsError(error, 'ConditionalCheckFailedException');

export class DynamoTable {
  private readonly doc: DynamoDBDocumentClient;
  private readonly name: string;

  constructor(tableName: string, options: AdapterOptions) {
    this.name = tableName;
    const instrument = options.instrument ?? ((client) => client);
    this.doc = DynamoDBDocumentClient.from(instrument(new DynamoDBClient({ region: options.region })), { marshallOptions: { removeUndefinedValues: true } });
  }

  async read<T>(key: Key): Promise<T | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.name, Key: key, ConsistentRead: true }));
    return recordOf<T>(Item);
  }

  /** Put; with a condition, false when it did not hold (nothing was written). */
  async write(item: Item & Key, condition?: Condition): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.name,
          Item: item,
          ConditionExpression: condition?.expression,
          ExpressionAttributeValues: condition?.values,
          ExpressionAttributeNames: condition?.names,
        }),
      );
      return true;
    } catch (error) {
      if (failedCondition(error)) return false;
      throw error;
    }
  }

  /** Update under a condition; false when it did not hold. */
  async update(key: Key, expression: string, condition: Condition): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.name,
          Key: key,
          UpdateExpression: expression,
          ConditionExpression: condition.expression,
          ExpressionAttributeValues: condition.values && Object.keys(condition.values).length > 0 ? condition.values : undefined,
          ExpressionAttributeNames: condition.names,
        }),
      );
      return true;
    } catch (error) {
      if (failedCondition(error)) return false;
      throw error;
    }
  }

  /** Delete under a condition; false when it did not hold. */
  async remove(key: Key, condition: Condition): Promise<boolean> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.name,
          Key: key,
          ConditionExpression: condition.expression,
          ExpressionAttributeValues: condition.values,
          ExpressionAttributeNames: condition.names,
        }),
      );
      return true;
    } catch (error) {
      if (failedCondition(error)) return false;
      throw error;
    }
  }

  /** The records under `pk` whose sk starts with `prefix`, in sk order (or reversed), up to `limit`. */
  async query<T>(pk: string, prefix: string, options: { reverse?: boolean; limit?: number } = {}): Promise<T[]> {
    const records: T[] = [];
    let start: Item | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
          ScanIndexForward: !options.reverse,
          ConsistentRead: true,
          ExclusiveStartKey: start,
          ...(options.limit && { Limit: options.limit - records.length }),
        }),
      );
      for (const item of page.Items ?? []) records.push(recordOf<T>(item) as T);
      start = page.LastEvaluatedKey;
    } while (start && (!options.limit || records.length < options.limit));
    return records;
  }
}
