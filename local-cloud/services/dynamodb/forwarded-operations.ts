import { fromJson, toJson } from '../../protocol/json.ts';
import { loadModel } from '../../protocol/model.ts';
import type { Operation, RequestContext } from '../../service.ts';
import { fromDynaliteError } from './errors.ts';
import { withAwsMessage } from './missing-messages.ts';

export const MODEL = 'dynamodb-2012-08-10';
export const TARGET_PREFIX = 'DynamoDB_20120810';

/** The operations dynalite 4 serves; the local cloud answers Time to Live itself. */
export const DYNALITE_OPERATIONS = new Set([
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'GetItem',
  'ListTables',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'ListTagsOfResource',
  'UpdateItem',
  'UpdateTable',
]);

/**
 * Runs a DynamoDB operation in-process (Step Functions' DynamoDB integrations): the SDK-shaped
 * input goes to dynalite as the JSON the SDK would send (attribute values are already DynamoDB
 * JSON), and the answer comes back SDK-shaped, or as the error dynalite reported.
 */
export async function forward(operation: string, input: Record<string, unknown>, ctx: RequestContext): Promise<Record<string, unknown>> {
  const model = loadModel(MODEL);
  const op = model.operations[operation];
  const body = JSON.stringify(toJson(model, op.input, input) ?? {});
  const dynamodb = ctx.cloud.services.dynamodb;
  const response = withAwsMessage(operation, body, await dynamodb.fleet.request(ctx.accountId, ctx.region, { target: `${TARGET_PREFIX}.${operation}`, body }));
  const text = response.body.toString();
  if (response.status >= 400) throw fromDynaliteError(response.status, text);
  if (operation === 'DeleteTable') dynamodb.tableDeleted(ctx, String(input.TableName));
  return (fromJson(model, op.output, JSON.parse(text)) ?? {}) as Record<string, unknown>;
}

export function forwardedOperations(): Record<string, Operation> {
  return Object.fromEntries(
    [...DYNALITE_OPERATIONS].map((operation) => [operation, (input: Record<string, unknown>, ctx: RequestContext) => forward(operation, input, ctx)]),
  );
}
