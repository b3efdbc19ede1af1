import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../errors.ts';
import { StatesError } from '../states-error.ts';

/**
 * Optimized integrations answer with the service response plus the HTTP metadata of the AWS SDK for
 * Java that Step Functions calls them with, keys in alphabetical order, as AWS shows them.
 */
export function withSdkMetadata(output: Record<string, unknown>, contentType: string, now: number, requestId = randomUUID()): Record<string, unknown> {
  const date = new Date(now).toUTCString();
  const length = String(Buffer.byteLength(JSON.stringify(output)));
  const full: Record<string, unknown> = {
    ...output,
    SdkHttpMetadata: {
      AllHttpHeaders: { 'x-amzn-RequestId': [requestId], 'Content-Length': [length], Date: [date], 'Content-Type': [contentType] },
      HttpHeaders: { 'Content-Length': length, 'Content-Type': contentType, Date: date, 'x-amzn-RequestId': requestId },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
  return Object.fromEntries(Object.entries(full).sort(([a], [b]) => a.localeCompare(b)));
}

export const withExceptionSuffix = (code: string) => (code.endsWith('Exception') ? code : `${code}Exception`);

/**
 * A service error from an optimized integration, named and described as Step Functions reports it,
 * e.g. `SNS.NotFoundException` with cause `Topic does not exist (Service: AmazonSNS; Status Code: 404;
 * Error Code: NotFound; Request ID: …; Proxy: null)`.
 */
export function optimizedServiceError(error: unknown, prefix: string, serviceLabel: string): StatesError {
  if (!(error instanceof AwsServiceError)) return new StatesError('States.TaskFailed', error instanceof Error ? error.message : String(error));
  const cause = `${error.message} (Service: ${serviceLabel}; Status Code: ${error.status}; Error Code: ${error.code}; Request ID: ${randomUUID()}; Proxy: null)`;
  return new StatesError(`${prefix}.${withExceptionSuffix(error.code)}`, cause);
}

/** A JSON value given where the API wants a string (Message, Detail, Input) is sent as its JSON text. */
export const asText = (value: unknown): string | undefined => (value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value));
