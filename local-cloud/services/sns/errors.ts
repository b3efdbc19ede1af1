import { AwsServiceError } from '../../errors.ts';

/** SNS's own error codes (as awsQuery sends them) and messages. */

export const invalidParameter = (message: string) => new AwsServiceError('InvalidParameter', `Invalid parameter: ${message}`, 400);

/** An InvalidParameter whose message does not start with "Invalid parameter: ". */
export const invalidParameterRaw = (message: string) => new AwsServiceError('InvalidParameter', message, 400);

export const invalidParameterValue = (message: string) => new AwsServiceError('ParameterValueInvalid', message, 400);

export const topicNotFound = () => new AwsServiceError('NotFound', 'Topic does not exist', 404);

export const subscriptionNotFound = () => new AwsServiceError('NotFound', 'Subscription does not exist', 404);

export const resourceNotFound = () => new AwsServiceError('ResourceNotFound', 'Resource does not exist', 404);

export const authorizationError = (caller: string, action: string, resource: string) =>
  new AwsServiceError(
    'AuthorizationError',
    `User: arn:aws:iam::${caller}:user/local is not authorized to perform: SNS:${action} on resource: ${resource} because no resource-based policy allows the SNS:${action} action`,
    403,
  );

export const missingValue = (at: string) =>
  new AwsServiceError('ValidationError', `1 validation error detected: Value null at '${at}' failed to satisfy constraint: Member must not be null`, 400);

export const tooManyEntries = () => new AwsServiceError('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible.', 400);

export const emptyBatch = () => new AwsServiceError('EmptyBatchRequest', "The batch request doesn't contain any entries.", 400);

export const batchIdsNotDistinct = () => new AwsServiceError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.', 400);

export const invalidBatchEntryId = () =>
  new AwsServiceError('InvalidBatchEntryId', "The Id of a batch entry in a batch request doesn't abide by the specification.", 400);

export const batchTooLong = () => new AwsServiceError('BatchRequestTooLong', 'The length of all the messages put together is more than the limit.', 400);

export const tagLimitExceeded = () => new AwsServiceError('TagLimitExceeded', 'Could not complete request: tag quota of per resource exceeded', 400);
