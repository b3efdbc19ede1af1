import { AwsServiceError } from '../../errors.ts';

/**
 * Image Builder's errors, with the codes, HTTP statuses and message shapes the service answers with.
 * Messages quoted from AWS where they are published; the others follow the same wording.
 */

/** The resource types Image Builder names in its messages. */
export type ResourceType = 'Component' | 'ImageRecipe' | 'InfrastructureConfiguration' | 'DistributionConfiguration' | 'ImagePipeline' | 'Image';

export const resourceNotFound = (type: ResourceType, arn: string) =>
  new AwsServiceError('ResourceNotFoundException', `The following required resource '${type}' cannot be found: '${arn}'.`, 404);

export const resourceAlreadyExists = (type: ResourceType, arn: string) =>
  new AwsServiceError('ResourceAlreadyExistsException', `The following resource '${type}' already exists: '${arn}'.`, 400);

export const resourceDependency = (arn: string) =>
  new AwsServiceError('ResourceDependencyException', `Resource dependency error: The resource ARN '${arn}' has other resources depended on it.`, 400);

export const imageStillBuilding = (arn: string, status: string) =>
  new AwsServiceError(
    'ResourceDependencyException',
    `Resource dependency error: The image '${arn}' is still being built (status ${status}). Cancel it with CancelImageCreation before deleting it.`,
    400,
  );

export const resourceInUse = (message: string) => new AwsServiceError('ResourceInUseException', message, 400);

/** `The value supplied for parameter 'distributions[0]' is not valid. <why>` */
export const invalidParameterValue = (parameter: string, why: string) =>
  new AwsServiceError('InvalidParameterValueException', `The value supplied for parameter '${parameter}' is not valid. ${why}`, 400);

export const invalidParameterCombination = (message: string) => new AwsServiceError('InvalidParameterCombinationException', message, 400);

export const invalidRequest = (message: string) => new AwsServiceError('InvalidRequestException', message, 400);

export const invalidVersionNumber = (parameter: string, version: string) =>
  new AwsServiceError(
    'InvalidVersionNumberException',
    `The value supplied for parameter '${parameter}' is not valid. Version '${version}' is out of bounds: each of the major, minor and patch nodes must be between 0 and 1073741823.`,
    400,
  );

export const idempotentParameterMismatch = (clientToken: string) =>
  new AwsServiceError(
    'IdempotentParameterMismatchException',
    `The client token '${clientToken}' was already used in a previous request with different parameters. Use a new client token for a different request.`,
    400,
  );

export const invalidPaginationToken = () => new AwsServiceError('InvalidPaginationTokenException', 'The provided pagination token is not valid.', 400);

export const dryRunOperation = () =>
  new AwsServiceError(
    'DryRunOperationException',
    'The dry run operation of the resource was successful, and no resources or mutations were actually performed due to the dry run flag in the request.',
    412,
  );
