/**
 * An error as a state machine sees it: `name` is the ASL error name that Retry and Catch match
 * (`States.Timeout`, `Lambda.ServiceException`, `BuildFailedError`), `message` is the cause.
 * aws-local-stepfunctions reads `name`, `message`, `isCatchable` and `isRetryable` from thrown errors.
 */
export class StatesError extends Error {
  readonly isCatchable: boolean;
  readonly isRetryable: boolean;
  /** The cause as AWS reports it; undefined when AWS reports none (the message is then empty). */
  readonly causeText: string | undefined;

  constructor(name: string, cause?: string, options: { catchable?: boolean; retryable?: boolean } = {}) {
    super(cause ?? '');
    this.name = name;
    this.causeText = cause;
    // The library builds a caught error's output as { Error: name, Cause: message }; AWS gives no Cause
    // when there is none, so the message is left undefined and drops out of the JSON.
    if (cause === undefined) Object.defineProperty(this, 'message', { value: undefined });
    this.isCatchable = options.catchable ?? true;
    this.isRetryable = options.retryable ?? true;
  }
}

/** States.Runtime: a fault in the definition or its data that neither Retry nor Catch can handle. */
export const runtimeError = (cause: string) => new StatesError('States.Runtime', cause, { catchable: false, retryable: false });

export const timeoutError = (name: 'States.Timeout' | 'States.HeartbeatTimeout' = 'States.Timeout') => new StatesError(name);

/** Raised inside a state whose execution (or Map iteration, or Parallel branch) was stopped. */
export class RunAbortedError extends Error {
  constructor() {
    super('The run was stopped.');
    this.name = 'RunAbortedError';
  }
}

const FAIL_STATE_DEFAULT_NAME = 'FailStateError';
const FAIL_STATE_DEFAULT_CAUSE = 'Execution failed because of a Fail state';

/** Turns whatever a library run or an integration threw into a StatesError with AWS's error and cause. */
export function toStatesError(error: unknown): StatesError {
  if (error instanceof StatesError) return error;
  if (!(error instanceof Error)) return new StatesError('States.Runtime', String(error), { catchable: false, retryable: false });
  // aws-local-stepfunctions wraps the failing state's error in an ExecutionError.
  if (error.name === 'ExecutionError' && error.cause instanceof Error) return toStatesError(error.cause);
  const libraryError = error as Error & { isCatchable?: boolean; isRetryable?: boolean };
  if (error.constructor.name === 'FailStateError') {
    // A Fail state without Error or Cause reports neither, as AWS does.
    const name = error.name === FAIL_STATE_DEFAULT_NAME ? undefined : error.name;
    const cause = error.message === FAIL_STATE_DEFAULT_CAUSE ? undefined : error.message;
    return new FailedWithoutName(name, cause);
  }
  if (error.name === 'States.NoChoiceMatched') return new StatesError('States.NoChoiceMatched', 'No Matches!');
  return new StatesError(error.name, error.message, { catchable: libraryError.isCatchable ?? true, retryable: libraryError.isRetryable ?? true });
}

/** A Fail state's error, whose Error and Cause may both be absent. */
export class FailedWithoutName extends StatesError {
  readonly errorName: string | undefined;

  constructor(name: string | undefined, cause: string | undefined) {
    super(name ?? '', cause);
    this.errorName = name;
  }
}

/** The error name to report in history and DescribeExecution (undefined for a Fail state without Error). */
export const reportedName = (error: StatesError): string | undefined => (error instanceof FailedWithoutName ? error.errorName : error.name);
