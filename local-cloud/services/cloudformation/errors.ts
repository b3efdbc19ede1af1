import { AwsServiceError } from '../../errors.ts';

/** CloudFormation's own error codes and messages; it reports a stack it cannot find as a ValidationError. */
export const stackNotFound = (stackName: string) => new AwsServiceError('ValidationError', `Stack with id ${stackName} does not exist`, 400);

export const changeSetNotFound = (changeSetName: string) => new AwsServiceError('ChangeSetNotFound', `ChangeSet [${changeSetName}] does not exist`, 404);

export const enumViolation = (value: string, at: string, allowed: readonly string[]) =>
  new AwsServiceError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${at}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    400,
  );

/** A list member outside its enum, as AWS's request validation words it. */
export const listEnumViolation = (values: readonly string[], at: string, allowed: readonly string[]) =>
  new AwsServiceError(
    'ValidationError',
    `1 validation error detected: Value '[${values.join(', ')}]' at '${at}' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${allowed.join(', ')}]]`,
    400,
  );
