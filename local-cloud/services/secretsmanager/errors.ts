import { AwsServiceError } from '../../errors.ts';

/** Secrets Manager's own error codes and messages. It answers every error with HTTP 400. */
const secretsError = (code: string, message: string) => new AwsServiceError(code, message, 400);

export const secretNotFound = () => secretsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

export const secretValueNotFound = (by: 'VersionId' | 'staging label', value: string) =>
  secretsError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for ${by}: ${value}`);

export const secretExists = (name: string) => secretsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);

export const versionExists = () => secretsError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.");

export const markedForDeletion = () =>
  secretsError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");

export const alreadyMarkedDeleted = () =>
  secretsError('InvalidRequestException', "You tried to perform the operation on a secret that's currently marked deleted.");

export const nameScheduledForDeletion = () =>
  secretsError('InvalidRequestException', "You can't create this secret because a secret with this name is already scheduled for deletion.");

export const stageVersionMismatch = () =>
  secretsError('InvalidRequestException', 'You provided a VersionStage that is not associated to the provided VersionId.');

export const invalidParameter = (message: string) => secretsError('InvalidParameterException', message);

export const invalidNextToken = () => secretsError('InvalidNextTokenException', 'The NextToken value is invalid.');

export const validation = (message: string) => secretsError('ValidationException', message);
