import { types } from 'node:util';
import type { RuntimeErrorShape } from './messages.ts';

/*
 * The errors the AWS Node.js runtime (aws-lambda-nodejs-runtime-interface-client) raises while it
 * loads and runs a handler, with the same `name`s, because the invocation response reports them as
 * `errorType`.
 */

export class HandlerNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Runtime.HandlerNotFound';
  }
}

export class MalformedHandlerNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Runtime.MalformedHandlerName';
  }
}

export class ImportModuleError extends Error {
  constructor(original: Error) {
    super(String(original));
    this.name = 'Runtime.ImportModuleError';
  }
}

export class UserCodeSyntaxError extends Error {
  constructor(original: Error) {
    super(String(original));
    this.name = 'Runtime.UserCodeSyntaxError';
    this.stack = original.stack;
  }
}

export class CallbackHandlerDeprecatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Runtime.CallbackHandlerDeprecated';
  }
}

export class JsonStringifyError extends Error {
  constructor(message = 'Unable to stringify response body') {
    super(message);
    this.name = 'Runtime.JSONStringifyError';
  }
}

export const CALLBACK_ERROR_NODEJS24_ABOVE =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

/** The `{errorType, errorMessage, trace}` payload AWS returns for a function error. */
export function formatError(error: unknown): RuntimeErrorShape {
  try {
    if (types.isNativeError(error) || error instanceof Error) {
      return {
        errorType: error.name?.replaceAll('\x7F', '%7F'),
        errorMessage: error.message?.replaceAll('\x7F', '%7F'),
        trace: error.stack?.replaceAll('\x7F', '%7F').split('\n') ?? [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}
