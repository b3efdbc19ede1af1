import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SimClock } from '../clock.ts';
import { EnvironmentBudget } from './environment-budget.ts';
import { ExecutionEnvironment } from './execution-environment.ts';
import { FunctionPool } from './function-pool.ts';
import { type FunctionSpec, functionEnvironment } from './function-spec.ts';
import { InvocationLog, type InvocationRecord } from './invocation-log.ts';
import { invocationLog } from './invocation-report.ts';

/** Lambda's limit on a synchronous response payload. */
export const MAX_RESPONSE_BYTES = 6_291_556;

export interface InvocationRequest {
  requestId: string;
  /** The event as JSON text. */
  payload: string;
  invocationType: 'RequestResponse' | 'Event';
  invokedFunctionArn: string;
  clientContext?: Record<string, unknown>;
}

export interface InvocationResult {
  /** The result, or the `{errorType, errorMessage, trace}` of a function error. */
  payload: Buffer;
  functionError?: 'Unhandled';
  /** The invocation's log, START to REPORT. */
  log: string;
  record: InvocationRecord;
}

export interface LambdaRuntimeOptions {
  clock: SimClock;
  /** The local cloud's endpoint, read when an environment starts. */
  endpoint: () => string;
  defaultAccountId: string;
  log: (line: string) => void;
}

/**
 * Runs functions: a pool of warm execution environments per function version, replaced when the
 * function's code or configuration changes, and a record of every invocation's billed figures.
 */
export class LambdaRuntime {
  readonly invocations = new InvocationLog();
  private readonly pools = new Map<string, FunctionPool>();
  /** One limit on the environments of every function: each is a thread of this process. */
  private readonly budget = new EnvironmentBudget();
  private readonly options: LambdaRuntimeOptions;

  constructor(options: LambdaRuntimeOptions) {
    this.options = options;
  }

  async invoke(spec: FunctionSpec, request: InvocationRequest): Promise<InvocationResult> {
    const startedAt = this.options.clock.now();
    const outcome = await this.poolFor(spec).run({
      requestId: request.requestId,
      payload: request.payload,
      invokedFunctionArn: request.invokedFunctionArn,
      clientContext: request.clientContext,
      traceId: traceId(startedAt),
    });
    const billedDurationMs = Math.ceil(outcome.durationMs + (outcome.initDurationMs ?? 0));
    const log = invocationLog(spec, request.requestId, outcome, billedDurationMs, startedAt);
    for (const line of log.split('\n')) if (line) this.options.log(`lambda ${spec.functionName}: ${line.replaceAll('\r', '\n  ')}`);
    let payload = outcome.status === 'success' ? (outcome.payload ?? 'null') : JSON.stringify(outcome.error);
    let error = outcome.status !== 'success';
    if (!error && Buffer.byteLength(payload) > MAX_RESPONSE_BYTES) {
      payload = JSON.stringify({
        errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
        errorType: 'Function.ResponseSizeTooLarge',
      });
      error = true;
    }
    const record: InvocationRecord = {
      requestId: request.requestId,
      accountId: spec.accountId,
      region: spec.region,
      functionName: spec.functionName,
      functionArn: spec.functionArn,
      version: spec.version,
      invocationType: request.invocationType,
      startedAt,
      durationMs: outcome.durationMs,
      initDurationMs: outcome.initDurationMs,
      coldStart: outcome.initDurationMs !== undefined,
      billedDurationMs,
      memorySizeMB: spec.memorySize,
      maxMemoryUsedMB: outcome.maxMemoryUsedMB,
      gbSeconds: (spec.memorySize / 1024) * (billedDurationMs / 1000),
      outcome: outcome.status,
      errorType: outcome.error?.errorType,
    };
    this.invocations.add(record);
    return { payload: Buffer.from(payload), functionError: error ? 'Unhandled' : undefined, log, record };
  }

  /** Starts an environment of a function version ahead of its first invocation (see FunctionPool.prewarm). */
  prewarm(spec: FunctionSpec): void {
    this.poolFor(spec).prewarm();
  }

  /** Replaces the environments of a function (every version unless one is named) from the next invocation on. */
  retire(accountId: string, region: string, functionName: string, version?: string): void {
    const prefix = poolKey({ accountId, region, functionName, version: version ?? '' });
    for (const [key, pool] of this.pools) {
      if (version ? key === prefix : key.startsWith(prefix)) {
        this.pools.delete(key);
        void pool.retire();
      }
    }
  }

  /** Ends every environment (reset and shutdown). */
  async terminateAll(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.terminate()));
  }

  private poolFor(spec: FunctionSpec): FunctionPool {
    const key = poolKey(spec);
    let pool = this.pools.get(key);
    if (pool && pool.spec.revisionId !== spec.revisionId) {
      void pool.retire();
      pool = undefined;
    }
    if (!pool) {
      pool = new FunctionPool(spec, (s, onExit) => new ExecutionEnvironment(s, this.environmentOf(s), onExit), this.budget);
      this.pools.set(key, pool);
    }
    return pool;
  }

  private environmentOf(spec: FunctionSpec): Record<string, string> {
    return functionEnvironment(spec, {
      endpoint: this.options.endpoint(),
      defaultAccountId: this.options.defaultAccountId,
      now: this.options.clock.now(),
      runtimeDir: dirname(fileURLToPath(import.meta.url)),
    });
  }
}

function poolKey(spec: Pick<FunctionSpec, 'accountId' | 'region' | 'functionName' | 'version'>): string {
  return `${spec.accountId}/${spec.region}/${spec.functionName}/${spec.version}`;
}

/** An X-Ray trace header, not sampled: nothing is sent to a daemon. */
function traceId(now: number): string {
  const epoch = Math.floor(now / 1000).toString(16);
  return `Root=1-${epoch}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}
