import { AwsServiceError } from '../../errors.ts';

/** DynamoDB's own error codes and messages (for what the local cloud answers itself rather than dynalite). */

export const validation = (message: string) => new AwsServiceError('ValidationException', message, 400);

export const timeToLiveAlreadyEnabled = () => validation('TimeToLive is already enabled');

export const timeToLiveAlreadyDisabled = () => validation('TimeToLive is already disabled');

/** An error dynalite answered, as a thrown error for in-process callers: `{"__type":"…#Code","message":…}`. */
export function fromDynaliteError(status: number, body: string): AwsServiceError {
  let parsed: { __type?: string; message?: string; Message?: string } = {};
  try {
    parsed = JSON.parse(body);
  } catch {
    // dynalite answers a few errors (unknown operation) as XML or empty
  }
  const code = parsed.__type?.split('#').pop() || (status === 413 ? 'RequestEntityTooLarge' : 'UnknownOperationException');
  return new AwsServiceError(code, parsed.message ?? parsed.Message ?? '', status);
}
