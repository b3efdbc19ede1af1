import { AwsServiceError } from '../../errors.ts';

/** Systems Manager's own error codes and messages. Every SSM error is an HTTP 400. */
const ssmError = (code: string, message: string) => new AwsServiceError(code, message, 400);

// AWS answers ParameterNotFound with an empty message (the CLI prints "…GetParameter operation: ").
export const parameterNotFound = () => ssmError('ParameterNotFound', '');

export const parameterAlreadyExists = () =>
  ssmError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');

export const parameterVersionNotFound = (version: number | string, name: string) =>
  ssmError('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`);

export const parameterVersionLabelLimitExceeded = () =>
  ssmError('ParameterVersionLabelLimitExceeded', 'A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.');

export const parameterMaxVersionLimitExceeded = (name: string, version: number) =>
  ssmError(
    'ParameterMaxVersionLimitExceeded',
    `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version ${version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
  );

export const hierarchyLevelLimitExceeded = () =>
  ssmError(
    'HierarchyLevelLimitExceededException',
    'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the AWS Systems Manager User Guide.',
  );

export const parameterPatternMismatch = (pattern: string) =>
  ssmError('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${pattern}`);

export const invalidAllowedPattern = () => ssmError('InvalidAllowedPatternException', "The request doesn't meet the regular expression requirement.");

export const invalidKeyId = () => ssmError('InvalidKeyId', "The query key ID isn't valid.");

export const unsupportedParameterType = (message: string) => ssmError('UnsupportedParameterType', message);

// An aws:ec2:image put while the previous one is still being validated.
export const tooManyUpdates = () => ssmError('TooManyUpdates', 'There are concurrent updates for a resource that supports one update at a time.');

export const reservedParameterName = (name: string) => ssmError('AccessDeniedException', `No access to reserved parameter name: ${name}.`);

export const invalidFilterKey = (message: string) => ssmError('InvalidFilterKey', message);
export const invalidFilterOption = (message: string) => ssmError('InvalidFilterOption', message);
export const invalidFilterValue = (message: string) => ssmError('InvalidFilterValue', message);
export const invalidNextToken = () => ssmError('InvalidNextToken', 'The specified token is not valid.');

export const invalidResourceId = () => ssmError('InvalidResourceId', 'Invalid Resource Id');
export const invalidResourceType = () => ssmError('InvalidResourceType', 'Invalid Resource Type');
export const tooManyTags = () => ssmError('TooManyTagsError', 'The Targets parameter includes too many tags. Remove one or more tags and try again.');

// Run Command.
export const invalidInstanceId = () => ssmError('InvalidInstanceId', 'Instances not in a valid state for account');
export const invalidDocument = (name: string) => ssmError('InvalidDocument', `Document with name ${name} does not exist.`);
export const invalidParameters = (message: string) => ssmError('InvalidParameters', message);
export const invalidCommandId = () => ssmError('InvalidCommandId', '');
export const invocationDoesNotExist = () => ssmError('InvocationDoesNotExist', '');
export const invalidPluginName = () => ssmError('InvalidPluginName', '');
export const invalidInstanceInformationFilterValue = (message: string) => ssmError('InvalidInstanceInformationFilterValue', message);
export const unsupportedPlatformType = () => ssmError('UnsupportedPlatformType', 'The document does not support the platform type of the target instances.');

export const validation = (message: string) => ssmError('ValidationException', message);
