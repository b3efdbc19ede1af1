/**
 * Step Functions quotas a release must stay well inside, and how close an execution comes to them: the
 * largest payload (a state's input or output, a task's parameters or result) and the number of history events.
 */
import type { ExecutionRecord, HistoryEventRecord } from '../local-cloud/services/stepfunctions/store.ts';

/** https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html */
export const STEP_FUNCTIONS_LIMITS = {
  /** Maximum input or output size for a state, task, activity or execution: 256 KiB of UTF-8. */
  payloadBytes: 256 * 1024,
  /** Maximum execution history size: 25,000 events (a Standard workflow fails beyond it). */
  historyEvents: 25_000,
} as const;

/** The members of event details that carry a payload. */
const PAYLOAD_MEMBERS = ['input', 'output', 'parameters'] as const;

export interface LargestPayload {
  bytes: number;
  /** `<event type> <state name>` where it was seen. */
  where: string;
}

export interface ExecutionSize {
  executionArn: string;
  name: string;
  events: number;
  largestPayload: LargestPayload;
}

export function largestPayload(execution: Pick<ExecutionRecord, 'input' | 'output' | 'history'>): LargestPayload {
  let largest: LargestPayload = { bytes: Buffer.byteLength(execution.input ?? ''), where: 'execution input' };
  const consider = (text: unknown, where: string) => {
    if (typeof text !== 'string') return;
    const bytes = Buffer.byteLength(text);
    if (bytes > largest.bytes) largest = { bytes, where };
  };
  consider(execution.output, 'execution output');
  let state = '';
  for (const event of execution.history) {
    const details = detailsOf(event);
    if (!details) continue;
    if (typeof details.name === 'string') state = details.name;
    for (const member of PAYLOAD_MEMBERS) consider(details[member], `${event.type} (${state})`);
  }
  return largest;
}

function detailsOf(event: HistoryEventRecord): Record<string, unknown> | undefined {
  for (const [key, value] of Object.entries(event))
    if (key.endsWith('EventDetails') && value && typeof value === 'object') return value as Record<string, unknown>;
  return undefined;
}

export function executionSize(execution: ExecutionRecord): ExecutionSize {
  return { executionArn: execution.executionArn, name: execution.name, events: execution.history.length, largestPayload: largestPayload(execution) };
}

/** History events per Map iteration of a state, from an execution that ran it: the slope of history growth per item. */
export function eventsPerIteration(history: readonly HistoryEventRecord[]): number | undefined {
  const iterations = history.filter((event) => event.type === 'MapIterationStarted').length;
  if (iterations === 0) return undefined;
  const mapStart = history.findIndex((event) => event.type === 'MapStateStarted');
  const mapEnd = history.findIndex((event) => event.type === 'MapStateSucceeded' || event.type === 'MapStateFailed');
  const inside = (mapEnd < 0 ? history.length : mapEnd) - mapStart - 1;
  return inside / iterations;
}
