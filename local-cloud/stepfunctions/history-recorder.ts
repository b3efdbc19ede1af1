import type { SimClock } from '../clock.ts';
import type { ExecutionRecord } from '../services/stepfunctions/store.ts';

/**
 * A strand of events in the history: the root of the execution, one Map iteration or one Parallel
 * branch. AWS chains `previousEventId` along each strand; aws-local-stepfunctions keeps no ids.
 */
export interface Strand {
  lastEventId: number;
  /** Events of a stopped strand (an aborted Map iteration or branch) are no longer recorded. */
  readonly signal: AbortSignal;
}

/** Appends AWS-shaped events, with ids, to an execution's history. */
export class HistoryRecorder {
  private readonly record: ExecutionRecord;
  private readonly clock: SimClock;
  private sealed = false;

  constructor(record: ExecutionRecord, clock: SimClock) {
    this.record = record;
    this.clock = clock;
  }

  get lastId(): number {
    return this.record.history.length;
  }

  /** Adds an event after the strand's last one and moves the strand on; returns the event's id. */
  add(strand: Strand | undefined, type: string, details?: Record<string, unknown>, previousEventId?: number): number {
    if (this.sealed || strand?.signal.aborted) return 0;
    const id = this.record.history.length + 1;
    const event: Record<string, unknown> = { id, previousEventId: previousEventId ?? strand?.lastEventId ?? 0, timestamp: this.clock.now(), type };
    if (details) event[detailsMember(type)] = details;
    this.record.history.push(event as ExecutionRecord['history'][number]);
    if (strand) strand.lastEventId = id;
    return id;
  }

  /** Adds the closing event; nothing is recorded after it. */
  close(type: string, details: Record<string, unknown> | undefined, previousEventId: number): void {
    if (this.sealed) return;
    this.add(undefined, type, details, previousEventId);
    this.sealed = true;
  }
}

/** `TaskStateEntered` → `stateEnteredEventDetails`; `MapIterationStarted` → `mapIterationStartedEventDetails`. */
function detailsMember(type: string): string {
  if (/StateEntered$/.test(type)) return 'stateEnteredEventDetails';
  if (/StateExited$/.test(type)) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

export const json = (value: unknown) => JSON.stringify(value === undefined ? null : value);
export const dataDetails = { truncated: false };
