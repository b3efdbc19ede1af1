import { Worker } from 'node:worker_threads';
import { bootstrapModule, COMPILE_CACHE_DIR, RUNTIME_MODULES_PARENT } from './bootstrap-module.ts';
import type { FunctionSpec } from './function-spec.ts';
import type { InvokeMessage, RuntimeErrorShape, WorkerMessage, WorkerSetup } from './messages.ts';

/** AWS limits the init phase to 10 s, then retries it within the invocation's own timeout. */
const INIT_LIMIT_MS = 10_000;

export type InvocationStatus = 'success' | 'error' | 'timeout' | 'crash';

/** How one invocation went in one environment. */
export interface EnvironmentOutcome {
  status: InvocationStatus;
  /** The handler's result as JSON text (status `success`). */
  payload?: string;
  error?: RuntimeErrorShape;
  /** What the function wrote during init (cold start only). */
  initOutput: string;
  /** What the function wrote during the invocation. */
  output: string;
  /** Set on a cold start. */
  initDurationMs?: number;
  /** Real milliseconds the handler ran. */
  durationMs: number;
  maxMemoryUsedMB: number;
  /** False once the environment is gone (timeout, crash, failed init): it must not be reused. */
  reusable: boolean;
}

type InvocationEvent =
  | { kind: 'result'; message: Extract<WorkerMessage, { type: 'result' }> }
  | { kind: 'fatal'; error: RuntimeErrorShape }
  | { kind: 'exit'; code: number }
  | { kind: 'timeout' };

type InitOutcome = { ok: true; initDurationMs: number } | { ok: false; initDurationMs: number; error: RuntimeErrorShape; status: InvocationStatus };

/**
 * One Lambda execution environment: a worker thread with the function's own environment variables,
 * which loads the handler once and then serves one invocation at a time.
 *
 * Function timeouts are measured in real time, not on the simulated clock: the function's code
 * really runs, so a simulated second means nothing to it.
 */
export class ExecutionEnvironment {
  readonly spec: FunctionSpec;
  private readonly worker: Worker;
  private readonly ready: Promise<InitOutcome>;
  private readonly spawnedAt = performance.now();
  private output: string[] = [];
  private pending: ((event: InvocationEvent) => void) | undefined;
  private fatalError: RuntimeErrorShape | undefined;
  private used = false;
  private memoryMB = 0;
  /** Set once the worker has exited or been terminated. */
  exited = false;
  private readonly onExit: (environment: ExecutionEnvironment) => void;

  constructor(spec: FunctionSpec, env: Record<string, string>, onExit: (environment: ExecutionEnvironment) => void) {
    this.spec = spec;
    this.onExit = onExit;
    const setup: WorkerSetup = {
      taskRoot: spec.codeDir,
      handler: spec.handler,
      runtime: spec.runtime,
      runtimeModulesParent: RUNTIME_MODULES_PARENT,
      compileCacheDir: COMPILE_CACHE_DIR,
    };
    this.worker = new Worker(bootstrapModule(), { env, workerData: setup, name: `lambda:${spec.functionName}` });
    this.worker.unref();
    this.ready = new Promise<InitOutcome>((resolve) => {
      this.worker.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'log':
            this.output.push(message.text);
            break;
          // Init covers the runtime's start (the worker and its bootstrap) and the function's static code, as on AWS.
          case 'ready':
            resolve({ ok: true, initDurationMs: performance.now() - this.spawnedAt });
            break;
          case 'init-error':
            resolve({ ok: false, initDurationMs: performance.now() - this.spawnedAt, error: message.error, status: 'error' });
            break;
          case 'result':
            this.memoryMB = message.maxMemoryUsedMB;
            this.pending?.({ kind: 'result', message });
            break;
          case 'fatal':
            this.fatalError = message.error;
            this.pending?.({ kind: 'fatal', error: message.error });
            break;
        }
      });
      this.worker.on('error', (error: Error) => {
        this.fatalError ??= { errorType: error.name, errorMessage: error.message, trace: error.stack?.split('\n') ?? [] };
      });
      this.worker.on('exit', (code) => {
        this.exited = true;
        const error = this.fatalError ?? exitError(code);
        resolve({ ok: false, initDurationMs: performance.now() - this.spawnedAt, error, status: 'crash' });
        this.pending?.({ kind: 'exit', code });
        this.onExit(this);
      });
    });
  }

  /** Runs one invocation; the caller makes sure the environment is not busy. */
  async invoke(message: Omit<InvokeMessage, 'type' | 'deadlineMs'>): Promise<EnvironmentOutcome> {
    const cold = !this.used;
    this.used = true;
    const timeoutMs = this.spec.timeout * 1000;
    this.worker.ref();
    try {
      const init = await this.initialized(timeoutMs);
      const initOutput = cold ? this.takeOutput() : '';
      const initDurationMs = cold ? init.initDurationMs : undefined;
      if (!init.ok) {
        void this.terminate();
        const error = init.status === 'timeout' ? timeoutError(message.requestId, this.spec.timeout) : init.error;
        return {
          status: init.status,
          error,
          initOutput,
          output: this.takeOutput(),
          initDurationMs,
          durationMs: 0,
          maxMemoryUsedMB: this.memoryMB,
          reusable: false,
        };
      }
      const started = performance.now();
      const event = await new Promise<InvocationEvent>((resolve) => {
        const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
        this.pending = (e) => {
          if (e.kind === 'result' && e.message.requestId !== message.requestId) return;
          clearTimeout(timer);
          resolve(e);
        };
        this.worker.postMessage({ ...message, type: 'invoke', deadlineMs: Date.now() + timeoutMs } satisfies InvokeMessage);
      });
      this.pending = undefined;
      const durationMs = event.kind === 'timeout' ? timeoutMs : performance.now() - started;
      const base = { initOutput, initDurationMs, durationMs, maxMemoryUsedMB: this.memoryMB };
      switch (event.kind) {
        case 'result': {
          const { payload, error } = event.message;
          return { ...base, status: error ? 'error' : 'success', payload, error, output: this.takeOutput(), reusable: true };
        }
        case 'timeout':
          await this.terminate();
          return { ...base, status: 'timeout', error: timeoutError(message.requestId, this.spec.timeout), output: this.takeOutput(), reusable: false };
        default:
          await this.terminate();
          return {
            ...base,
            status: 'crash',
            error: this.fatalError ?? runtimeExitError(message.requestId, event.kind === 'exit' ? event.code : 1),
            output: this.takeOutput(),
            reusable: false,
          };
      }
    } finally {
      if (!this.exited) this.worker.unref();
    }
  }

  async terminate(): Promise<void> {
    if (this.exited) return;
    this.exited = true;
    await this.worker.terminate();
  }

  private async initialized(timeoutMs: number): Promise<InitOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<InitOutcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, initDurationMs: INIT_LIMIT_MS + timeoutMs, error: { errorType: 'Sandbox.Timedout', errorMessage: '' }, status: 'timeout' }),
        INIT_LIMIT_MS + timeoutMs,
      );
    });
    try {
      return await Promise.race([this.ready, limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  private takeOutput(): string {
    const text = this.output.join('');
    this.output = [];
    return text;
  }
}

export function timeoutError(requestId: string, timeoutSeconds: number): RuntimeErrorShape {
  return { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds` };
}

function runtimeExitError(requestId: string, code: number): RuntimeErrorShape {
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: exit status ${code}` };
}

function exitError(code: number): RuntimeErrorShape {
  return { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: exit status ${code}` };
}
