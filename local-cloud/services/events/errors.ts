import { AwsServiceError } from '../../errors.ts';

/** EventBridge's own error codes and messages. */

export const validation = (message: string) => new AwsServiceError('ValidationException', message, 400);

/** AWS's model-validation sentence, e.g. for a name that breaks its pattern. */
export const constraintViolation = (value: unknown, at: string, constraint: string) =>
  validation(`1 validation error detected: Value '${String(value)}' at '${at}' failed to satisfy constraint: ${constraint}`);

export const busNotFound = (name: string) => new AwsServiceError('ResourceNotFoundException', `Event bus ${name} does not exist.`, 400);

export const ruleNotFound = (name: string, bus: string) =>
  new AwsServiceError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${bus}.`, 400);

export const busAlreadyExists = (name: string) => new AwsServiceError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`, 400);

export const cannotDeleteDefaultBus = () => validation('Cannot delete event bus default.');

export const ruleHasTargets = () => validation("Rule can't be deleted since it has targets.");

/** AWS also appends where its JSON parser stopped (`\n at [Source: …; line: 1, column: N]`); the local cloud gives the reason only. */
export const invalidEventPattern = (reason: string) =>
  new AwsServiceError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`, 400);

export const invalidScheduleExpression = () => validation('Parameter ScheduleExpression is not valid.');

export const patternOrScheduleRequired = () => validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');

export const scheduleOnlyOnDefaultBus = () => validation('ScheduleExpression is supported only on the default event bus.');

export const targetLimitExceeded = () => new AwsServiceError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.', 400);

export const invalidEvent = () => validation('Parameter Event is not valid.');

export const entriesTooLarge = () => validation('Total size of the entries in the request is over the limit.');

export const invalidNextToken = () => validation('The NextToken provided is invalid.');

export const resourceNotFound = (arn: string) => new AwsServiceError('ResourceNotFoundException', `Resource ${arn} does not exist.`, 400);
