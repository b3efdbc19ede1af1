import { AwsServiceError } from '../../errors.ts';

/** EventBridge Scheduler's own error codes, statuses and messages. */

export const validation = (message: string) => new AwsServiceError('ValidationException', message, 400);

export const scheduleNotFound = (name: string) => new AwsServiceError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);

export const groupNotFound = (name: string) => new AwsServiceError('ResourceNotFoundException', `Schedule group ${name} does not exist.`, 404);

export const scheduleExists = (name: string) => new AwsServiceError('ConflictException', `Schedule ${name} already exists.`, 409);

export const groupExists = (name: string) => new AwsServiceError('ConflictException', `Schedule group ${name} already exists.`, 409);

export const invalidExpression = (expression: string) => validation(`Invalid Schedule Expression ${expression}`);

export const invalidTimeZone = (timeZone: string) => validation(`Invalid ScheduleExpressionTimezone: ${timeZone}`);

export const startDateInPast = () => validation('The StartDate you specify cannot be earlier than 5 minutes ago.');

export const startAfterEnd = () => validation('The StartDate you specify must come before the EndDate.');

export const resourceNotFound = (arn: string) => new AwsServiceError('ResourceNotFoundException', `Resource ${arn} does not exist.`, 404);
