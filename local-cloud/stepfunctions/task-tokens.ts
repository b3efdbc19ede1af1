import { randomBytes, randomUUID } from 'node:crypto';
import type { ClockTimer, SimClock } from '../clock.ts';
import { FailedWithoutName, RunAbortedError, type StatesError, timeoutError } from './states-error.ts';

interface PendingTask {
  executionArn: string;
  resolve(output: unknown): void;
  reject(error: Error): void;
  /** Restarts the HeartbeatSeconds timer, if the task has one. */
  beat(): void;
}

export interface OpenTask {
  token: string;
  /** Settles with SendTaskSuccess's output, or rejects with SendTaskFailure's error or States.HeartbeatTimeout. */
  result: Promise<unknown>;
  /** Ends the task: its token is no longer accepted (SendTask* then answers TaskTimedOut). */
  close(): void;
}

/**
 * The task tokens of `.waitForTaskToken` tasks (aws-local-stepfunctions has none). A token names its
 * execution, so that SendTask* can tell a malformed token from one whose task has closed.
 */
export class TaskTokenRegistry {
  private readonly pending = new Map<string, PendingTask>();
  private readonly clock: SimClock;

  constructor(clock: SimClock) {
    this.clock = clock;
  }

  open(executionArn: string, signal: AbortSignal, heartbeatSeconds?: number): OpenTask {
    const token = encodeToken(executionArn);
    let timer: ClockTimer | undefined;
    let settle!: { resolve(value: unknown): void; reject(error: Error): void };
    const result = new Promise<unknown>((resolve, reject) => {
      settle = { resolve, reject };
    });
    result.catch(() => {});
    const close = () => {
      timer?.cancel();
      signal.removeEventListener('abort', onAbort);
      this.pending.delete(token);
    };
    const beat = () => {
      if (heartbeatSeconds === undefined) return;
      timer?.cancel();
      timer = this.clock.setTimeout(() => {
        close();
        settle.reject(timeoutError('States.HeartbeatTimeout'));
      }, heartbeatSeconds * 1000);
    };
    const onAbort = () => {
      close();
      settle.reject(new RunAbortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    this.pending.set(token, {
      executionArn,
      resolve: (output) => {
        close();
        settle.resolve(output);
      },
      reject: (error) => {
        close();
        settle.reject(error);
      },
      beat,
    });
    beat();
    return { token, result, close };
  }

  /** True when the token's task is still waiting. */
  isOpen(token: string): boolean {
    return this.pending.has(token);
  }

  succeed(token: string, output: unknown): boolean {
    const task = this.pending.get(token);
    task?.resolve(output);
    return Boolean(task);
  }

  fail(token: string, error: string | undefined, cause: string | undefined): boolean {
    const task = this.pending.get(token);
    task?.reject(new FailedWithoutName(error, cause) as StatesError);
    return Boolean(task);
  }

  heartbeat(token: string): boolean {
    const task = this.pending.get(token);
    task?.beat();
    return Boolean(task);
  }

  /** Closes every open task of the execution (StopExecution fails their tokens). */
  closeExecution(executionArn: string): void {
    for (const task of [...this.pending.values()]) if (task.executionArn === executionArn) task.reject(new RunAbortedError());
  }

  clear(): void {
    for (const task of [...this.pending.values()]) task.reject(new RunAbortedError());
  }
}

/** An opaque token, like AWS's, that still says which execution issued it. */
function encodeToken(executionArn: string): string {
  const body = Buffer.from(JSON.stringify({ v: 1, e: executionArn, t: randomUUID() })).toString('base64url');
  return `AQC${randomBytes(12).toString('base64url')}${body}`;
}

/** The execution a token was issued by, or undefined for a token the local cloud never issued. */
export function executionOfToken(token: string): string | undefined {
  if (!token.startsWith('AQC') || token.length < 20) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token.slice(19), 'base64url').toString('utf8')) as { v?: number; e?: unknown };
    return parsed.v === 1 && typeof parsed.e === 'string' ? parsed.e : undefined;
  } catch {
    return undefined;
  }
}
