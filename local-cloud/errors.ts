/** An error as an AWS service reports it: its code, message and HTTP status travel to the client unchanged. */
export class AwsServiceError extends Error {
  readonly code: string;
  readonly status: number;
  readonly sender: boolean;
  readonly headers: Record<string, string>;

  constructor(code: string, message: string, status = 400, options: { sender?: boolean; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AwsServiceError';
    this.code = code;
    this.status = status;
    this.sender = options.sender ?? status < 500;
    this.headers = options.headers ?? {};
  }
}

/** The answer every service gives for an operation the local cloud does not implement. */
export const notImplemented = (service: string, operation: string) =>
  new AwsServiceError(
    'NotImplementedException',
    `The local cloud does not implement ${service} ${operation}. See local-cloud/COVERAGE.md for the operations it serves.`,
    501,
  );

export const validationError = (message: string) => new AwsServiceError('ValidationException', message, 400);
