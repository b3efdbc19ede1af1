/** What the runtime knows about a function version when it starts an execution environment. */
export interface WorkerSetup {
  /** The unzipped code: LAMBDA_TASK_ROOT. */
  taskRoot: string;
  /** `file.export`, `dir/file.export` or `file.nested.export`. */
  handler: string;
  /** `nodejs24.x`, `nodejs22.x` or `nodejs20.x`. */
  runtime: string;
  /** A file URL the runtime's own packages (the AWS SDK) resolve from when the function does not bundle them. */
  runtimeModulesParent: string;
  /** Node's compile cache directory. */
  compileCacheDir: string;
}

/** An error as the Node.js runtime reports it in an invocation response. */
export interface RuntimeErrorShape {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** Main thread → worker. */
export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  /** The event as JSON text. */
  payload: string;
  /** Real epoch ms after which the invocation times out (for getRemainingTimeInMillis). */
  deadlineMs: number;
  invokedFunctionArn: string;
  clientContext?: Record<string, unknown>;
  traceId: string;
}

/** Worker → main thread. */
export type WorkerMessage =
  | { type: 'log'; text: string }
  | { type: 'ready' }
  | { type: 'init-error'; error: RuntimeErrorShape }
  | { type: 'result'; requestId: string; payload?: string; error?: RuntimeErrorShape; maxMemoryUsedMB: number }
  /** An uncaught exception or unhandled rejection: the worker exits right after sending it. */
  | { type: 'fatal'; error: RuntimeErrorShape };
