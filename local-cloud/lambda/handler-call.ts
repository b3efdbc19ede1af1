import type { UserHandler } from './handler-loader.ts';
import type { InvokeContext } from './invoke-context.ts';

/**
 * Runs one invocation of a handler and settles with its result.
 *
 * From Node.js 24 the runtime only awaits the handler's return value (callback handlers fail at init).
 * Earlier runtimes also accept `callback(error, result)` and the legacy `context.done/succeed/fail`.
 * Differs from AWS: the response is sent as soon as the callback is called, without waiting for the
 * event loop to empty (`callbackWaitsForEmptyEventLoop`), and a handler that returns neither a
 * promise nor calls back answers `null` right away instead of when its event loop drains.
 */
export function callHandler(handler: UserHandler, event: unknown, context: InvokeContext, runtime: string): Promise<unknown> {
  if (runtime === 'nodejs24.x') return Promise.resolve().then(() => handler(event, context));
  return new Promise((resolve, reject) => {
    let settled = false;
    const succeed = (result: unknown) => {
      if (!settled) resolve(result);
      settled = true;
    };
    const fail = (error: unknown) => {
      if (!settled) reject(error);
      settled = true;
    };
    const callback = (error?: unknown, result?: unknown) => (error !== undefined && error !== null ? fail(error) : succeed(result));
    Object.assign(context, { done: callback, succeed, fail });
    let returned: unknown;
    try {
      returned = handler(event, context, callback);
    } catch (error) {
      return fail(error);
    }
    if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') (returned as PromiseLike<unknown>).then(succeed, fail);
    else if (handler.length < 3) setImmediate(() => succeed(null));
  });
}
