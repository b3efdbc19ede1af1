import { AwsServiceError } from '../../errors.ts';

/** Step Functions' own error codes and messages, as AWS answers them (all HTTP 400). */
const error = (code: string, message: string) => new AwsServiceError(code, message, 400);

export const invalidArn = (reason: string) => error('InvalidArn', `Invalid Arn: '${reason}'`);
export const invalidName = (name: string) => error('InvalidName', `Invalid Name: '${name}'`);
export const invalidDefinition = (diagnostics: string) => error('InvalidDefinition', `Invalid State Machine Definition: '${diagnostics}'`);
export const invalidExecutionInput = (reason: string) => error('InvalidExecutionInput', `Invalid State Machine Execution Input: '${reason}'`);
export const invalidOutput = (reason: string) => error('InvalidOutput', `Invalid Output: '${reason}'`);
export const invalidLoggingConfiguration = (reason: string) => error('InvalidLoggingConfiguration', `Invalid Logging Configuration: ${reason}`);
export const invalidToken = (reason = 'Invalid token') => error('InvalidToken', `Invalid Token: '${reason}'`);
export const stateMachineDoesNotExist = (arn: string) => error('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
export const stateMachineAlreadyExists = (arn: string) => error('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
export const stateMachineTypeNotSupported = () => error('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
export const executionDoesNotExist = (arn: string) => error('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
export const executionAlreadyExists = (arn: string) => error('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
export const taskDoesNotExist = () => error('TaskDoesNotExist', "Task Does Not Exist: 'Provided task does not exist anymore'");
export const taskTimedOut = () => error('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
export const resourceNotFound = (arn: string) => error('ResourceNotFound', `Resource not found: '${arn}'`);
export const missingRequiredParameter = (message: string) => error('MissingRequiredParameter', message);
export const tooManyTags = (arn: string) => error('TooManyTags', `Too many tags: '${arn}'`);

/** A request that breaks a model constraint, in AWS's "1 validation error detected" form. */
export function validationException(violations: string[]): AwsServiceError {
  const count = violations.length;
  return error('ValidationException', `${count} validation error${count > 1 ? 's' : ''} detected: ${violations.join('; ')}`);
}

export const enumViolation = (value: unknown, member: string, allowed: readonly string[]) =>
  `Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`;

export const maxViolation = (value: unknown, member: string, max: number) =>
  `Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must have value less than or equal to ${max}`;

export const maxLengthViolation = (value: unknown, member: string, max: number) =>
  `Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`;
