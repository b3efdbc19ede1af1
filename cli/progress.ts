/**
 * Live progress of a release: each state as it starts and ends, read from GetExecutionHistory, with the
 * simulated time it happened at and the real time since the command started. Child executions (one per
 * rollout wave) are followed too, indented.
 */
import type { ExecutionEvent, ReleaseConsole, ReleaseView } from '../adapters/aws/release-console.ts';

/** The kinds of states worth a line when they start; every state gets one when it ends. */
const SHOWN_ON_ENTRY = new Set(['Task', 'Parallel', 'Map', 'Wait']);
const FAILURES = new Set([
  'TaskFailed',
  'TaskTimedOut',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'ExecutionFailed',
  'ExecutionTimedOut',
  'ExecutionAborted',
]);

export interface ProgressLine {
  /** Simulated epoch ms. */
  at: number;
  text: string;
}

/** Turns new history events into lines; it remembers when each state started, to show how long it took. */
export class HistoryFormatter {
  private readonly entered = new Map<string, number>();
  private readonly indent: string;

  constructor(depth = 0) {
    this.indent = '  '.repeat(depth);
  }

  lines(events: readonly ExecutionEvent[]): ProgressLine[] {
    const lines: ProgressLine[] = [];
    for (const event of events) {
      const { type, at, state } = event;
      const entered = /^(\w+)StateEntered$/.exec(type);
      if (entered && state) {
        this.entered.set(state, at);
        if (SHOWN_ON_ENTRY.has(entered[1])) lines.push({ at, text: `${this.indent}▸ ${state}` });
        continue;
      }
      const exited = /^(\w+)StateExited$/.exec(type);
      if (exited && state) {
        const since = this.entered.get(state);
        const took = since === undefined || at - since < 1000 ? '' : ` (${formatDuration(at - since)})`;
        if (SHOWN_ON_ENTRY.has(exited[1]) || exited[1] === 'Succeed' || exited[1] === 'Fail') lines.push({ at, text: `${this.indent}✓ ${state}${took}` });
        continue;
      }
      if (FAILURES.has(type)) {
        const details = failureOf(event);
        lines.push({ at, text: `${this.indent}✗ ${type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}${details ? `: ${details}` : ''}` });
      }
    }
    return lines;
  }
}

function failureOf(event: ExecutionEvent): string {
  const cause = event.cause ? causeMessage(event.cause) : '';
  return [event.error, cause].filter(Boolean).join(' — ');
}

/** A Lambda error's cause is JSON with errorMessage; keep the message only. */
export function causeMessage(cause: string): string {
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: string };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // Not JSON: the cause as it is.
  }
  return cause.length > 300 ? `${cause.slice(0, 297)}…` : cause;
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${seconds % 60 ? ` ${seconds % 60}s` : ''}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${minutes % 60 ? ` ${minutes % 60}m` : ''}`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** `12-08 03:00:05Z`: simulated time, to the second. */
export function formatSimTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(5, 19).replace('T', ' ')}Z`;
}

export interface FollowOptions {
  print(line: string): void;
  /** Real ms between polls. */
  pollMs?: number;
  /** Real epoch ms the command started: lines show the real time since. */
  startedAt?: number;
}

/** Prints an execution's progress, and its child executions', until it ends; returns how it ended. */
export async function followExecution(
  releases: Pick<ReleaseConsole, 'executionHistory' | 'describeRelease'>,
  executionArn: string,
  options: FollowOptions,
): Promise<ReleaseView> {
  const startedAt = options.startedAt ?? Date.now();
  const pollMs = options.pollMs ?? 150;
  const print = (line: ProgressLine) =>
    options.print(`  ${`${((Date.now() - startedAt) / 1000).toFixed(1)}s`.padStart(7)}  ${formatSimTime(line.at)}  ${line.text}`);
  const followed = new Map<string, { formatter: HistoryFormatter; seen: number; done: boolean }>();
  followed.set(executionArn, { formatter: new HistoryFormatter(0), seen: 0, done: false });
  for (;;) {
    const round: ProgressLine[] = [];
    for (const [arn, state] of followed) {
      if (state.done) continue;
      const events = await releases.executionHistory(arn);
      const fresh = events.slice(state.seen);
      state.seen = events.length;
      round.push(...state.formatter.lines(fresh));
      for (const event of fresh) {
        const child = event.childExecutionArn;
        if (child && !followed.has(child)) followed.set(child, { formatter: new HistoryFormatter(2), seen: 0, done: false });
        if (/^Execution(Succeeded|Failed|TimedOut|Aborted)$/.test(event.type)) state.done = true;
      }
    }
    for (const line of round.sort((a, b) => a.at - b.at)) print(line);
    const parent = followed.get(executionArn);
    if (parent?.done) return releases.describeRelease(executionArn);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
