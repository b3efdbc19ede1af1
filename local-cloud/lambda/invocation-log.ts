import type { InvocationStatus } from './execution-environment.ts';

/** What one invocation cost, as Lambda bills it: the figures of its REPORT line. */
export interface InvocationRecord {
  requestId: string;
  accountId: string;
  region: string;
  functionName: string;
  functionArn: string;
  version: string;
  invocationType: 'RequestResponse' | 'Event';
  /** Simulated epoch ms the invocation started. */
  startedAt: number;
  /** Real milliseconds the handler ran. */
  durationMs: number;
  /** Init duration on a cold start. */
  initDurationMs?: number;
  coldStart: boolean;
  /**
   * Duration rounded up to the millisecond; on a cold start it includes the init phase, which Lambda
   * bills for on-demand functions since August 2025.
   */
  billedDurationMs: number;
  memorySizeMB: number;
  maxMemoryUsedMB: number;
  /** memory (GB) × billed duration (s). */
  gbSeconds: number;
  outcome: InvocationStatus;
  errorType?: string;
}

/** The most recent invocations, bounded: a benchmark sums their GB-seconds. */
export class InvocationLog {
  private readonly records: InvocationRecord[] = [];
  private readonly limit: number;

  constructor(limit = 10_000) {
    this.limit = limit;
  }

  add(record: InvocationRecord): void {
    this.records.push(record);
    if (this.records.length > this.limit) this.records.splice(0, this.records.length - this.limit);
  }

  list(): InvocationRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records.length = 0;
  }
}
