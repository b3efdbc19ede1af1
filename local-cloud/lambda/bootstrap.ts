/**
 * The entry point of one execution environment: a worker thread that plays the Lambda Node.js runtime.
 * It loads the handler once (the init phase), then serves one invocation at a time for as long as the
 * environment stays warm, so module state survives between invocations as it does on AWS.
 */
import { enableCompileCache, flushCompileCache } from 'node:module';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { callHandler } from './handler-call.ts';
import { loadHandler, type UserHandler } from './handler-loader.ts';
import { buildContext } from './invoke-context.ts';
import { captureOutput } from './log-capture.ts';
import type { InvokeMessage, WorkerMessage, WorkerSetup } from './messages.ts';
import { CALLBACK_ERROR_NODEJS24_ABOVE, CallbackHandlerDeprecatedError, formatError, JsonStringifyError } from './runtime-errors.ts';
import { provideRuntimeSdk } from './runtime-sdk.ts';

const port = parentPort;
if (!port) throw new Error('bootstrap.ts runs as a worker thread of the local cloud Lambda runtime.');
const setup = workerData as WorkerSetup;
const post = (message: WorkerMessage) => port.postMessage(message);

let currentRequestId: string | undefined;
provideRuntimeSdk(setup.runtimeModulesParent);
// Differs from AWS: code compiled by one environment is reused by the next one's init (the SDK and the bundle
// are the same files), so a cold start here costs less than on AWS; the init still runs the function's static code.
enableCompileCache(setup.compileCacheDir);
captureOutput(
  (text) => post({ type: 'log', text }),
  () => currentRequestId,
);

const fatal = (error: unknown, errorType?: string) => {
  const shape = formatError(error);
  post({ type: 'fatal', error: errorType ? { ...shape, errorType, errorMessage: String(error) } : shape });
  process.exit(errorType ? 128 : 129);
};
process.on('uncaughtException', (error) => fatal(error));
process.on('unhandledRejection', (reason) => fatal(reason, 'Runtime.UnhandledPromiseRejection'));

const memoryUsedMB = () => {
  const heap = getHeapStatistics();
  return Math.ceil((heap.total_heap_size + heap.external_memory) / 1048576);
};

let handler: UserHandler | undefined;
try {
  handler = await loadHandler(setup.taskRoot, setup.handler);
  if (setup.runtime === 'nodejs24.x' && handler.length >= 3) throw new CallbackHandlerDeprecatedError(CALLBACK_ERROR_NODEJS24_ABOVE);
  post({ type: 'ready' });
  // An environment may be terminated rather than exit: save what its init compiled now.
  setImmediate(() => flushCompileCache());
} catch (error) {
  post({ type: 'init-error', error: formatError(error) });
}

port.on('message', (message: InvokeMessage) => {
  if (message.type === 'invoke' && handler) void invoke(handler, message);
});

async function invoke(userHandler: UserHandler, message: InvokeMessage): Promise<void> {
  currentRequestId = message.requestId;
  process.env._X_AMZN_TRACE_ID = message.traceId;
  try {
    const result = await callHandler(userHandler, JSON.parse(message.payload), buildContext(message), setup.runtime);
    let payload: string;
    try {
      payload = JSON.stringify(result === undefined ? null : result) ?? 'null';
    } catch (error) {
      throw new JsonStringifyError(`Unable to stringify response body: ${(error as Error).message}`);
    }
    post({ type: 'result', requestId: message.requestId, payload, maxMemoryUsedMB: memoryUsedMB() });
  } catch (error) {
    const shape = formatError(error);
    // The runtime logs a failed invocation before it reports it.
    console.error('Invoke Error \t%s', JSON.stringify({ errorType: shape.errorType, errorMessage: shape.errorMessage, stack: shape.trace }));
    post({ type: 'result', requestId: message.requestId, error: shape, maxMemoryUsedMB: memoryUsedMB() });
  }
}
