import { AwsServiceError } from '../../errors.ts';

/** Lambda's own error codes and messages, as AWS sends them. */

export const functionNotFound = (arn: string) => new AwsServiceError('ResourceNotFoundException', `Function not found: ${arn}`, 404);

export const regionUnreachable = (region: string, current: string) =>
  new AwsServiceError('ResourceNotFoundException', `Functions from '${region}' are not reachable in this region ('${current}')`, 404);

export const accessDenied = (accountId: string, action: string, resource: string) =>
  new AwsServiceError(
    'AccessDeniedException',
    `User: arn:aws:iam::${accountId}:user/local is not authorized to perform: ${action} on resource: ${resource}`,
    403,
  );

export const functionAlreadyExists = (name: string) => new AwsServiceError('ResourceConflictException', `Function already exist: ${name}`, 409);

export const invalidParameter = (message: string) => new AwsServiceError('InvalidParameterValueException', message, 400);

/** AWS's field validation message: `1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: …`. */
export const validationFailed = (value: unknown, member: string, constraint: string) =>
  new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value ${value === null || value === undefined ? 'null' : `'${String(value)}'`} at '${member}' failed to satisfy constraint: ${constraint}`,
    400,
  );

export const requestTooLarge = (limit: number, operation: string) =>
  new AwsServiceError('RequestTooLargeException', `Request must be smaller than ${limit} bytes for the ${operation} operation`, 413);

export const invalidRequestContent = (message: string) => new AwsServiceError('InvalidRequestContentException', message, 400);

export const revisionMismatch = () =>
  new AwsServiceError(
    'PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    412,
  );

export const statementExists = (statementId: string) =>
  new AwsServiceError(
    'ResourceConflictException',
    `The statement id (${statementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
    409,
  );

export const statementNotFound = (statementId: string) =>
  new AwsServiceError('ResourceNotFoundException', `Statement ${statementId} is not found in resource policy.`, 404);

export const policyNotFound = () => new AwsServiceError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);

/** Differs from AWS: the code of a function restored from disk is gone from the data directory. */
export const codeMissing = (name: string, dir: string) =>
  new AwsServiceError('ServiceException', `The code of function ${name} is missing from ${dir}. Update the function's code to restore it.`, 500);
