/**
 * Orchestration overhead on the simulated clock: how long after AWS finishes a piece of work Goldsmith makes
 * its next move, and how much of a release is Goldsmith's own time rather than waiting on AWS. Pure: it reads
 * the service events, API calls and execution histories the meter recorded.
 */
import type { CallRecord, CloudEvent } from '../local-cloud/cloud.ts';
import { isGoldsmithCall } from './usage.ts';

export interface TimedEvent {
  at: number;
  event: CloudEvent;
}

export interface Completion {
  /** What AWS finished: `image` (AVAILABLE), or `wave` (the last instance refresh of a wave Successful). */
  kind: 'image' | 'wave';
  /** Simulated epoch ms AWS finished. */
  at: number;
  /** The next API call Goldsmith made because of it, if any. */
  next?: { at: number; call: string };
  /** Simulated ms from completion to that call. */
  latencyMs?: number;
}

const isAvailable = ({ event }: TimedEvent) =>
  event.source === 'aws.imagebuilder' &&
  event['detail-type'] === 'EC2 Image Builder Image State Change' &&
  (event.detail as { state?: { status?: string } }).state?.status === 'AVAILABLE';
const isRefreshSucceeded = ({ event }: TimedEvent) =>
  event.source === 'aws.autoscaling' && event['detail-type'] === 'EC2 Auto Scaling Instance Refresh Succeeded';

/** The calls that start the step after an image is ready: the findings gate, the test instance. */
const AFTER_IMAGE = new Set(['imagebuilder.ListImageScanFindings', 'ec2.RunInstances']);
/** The calls that start the step after a wave: the next wave's launch templates, the stable channel (read, then written). */
const AFTER_WAVE = new Set(['ec2.DescribeLaunchTemplates', 'ec2.CreateLaunchTemplateVersion', 'ssm.GetParameter', 'ssm.PutParameter']);

const name = (call: CallRecord) => `${call.service}.${call.operation}`;

function firstCall(calls: readonly CallRecord[], after: number, names: ReadonlySet<string>): CallRecord | undefined {
  return calls.find((call) => call.at >= after && isGoldsmithCall(call) && names.has(name(call)));
}

/** Every completion in the records, with the call that followed it. Calls must be in time order. */
export function completionsOf(events: readonly TimedEvent[], calls: readonly CallRecord[]): Completion[] {
  const completions: Completion[] = [];
  for (const available of events.filter(isAvailable)) completions.push(withNext('image', available.at, firstCall(calls, available.at, AFTER_IMAGE)));
  // Refreshes followed by the same next call are one wave: it completes with the last of them.
  const waves = new Map<CallRecord | undefined, number>();
  for (const succeeded of events.filter(isRefreshSucceeded)) {
    const next = firstCall(calls, succeeded.at, AFTER_WAVE);
    waves.set(next, Math.max(waves.get(next) ?? 0, succeeded.at));
  }
  for (const [next, at] of waves) completions.push(withNext('wave', at, next));
  return completions.sort((a, b) => a.at - b.at);
}

function withNext(kind: Completion['kind'], at: number, next: CallRecord | undefined): Completion {
  return next ? { kind, at, next: { at: next.at, call: name(next) }, latencyMs: next.at - at } : { kind, at };
}

export interface Interval {
  from: number;
  to: number;
}

/** AWS's own long-running work: builds, test instances with their smoke tests, and instance refreshes. */
export function awsWorkOf(events: readonly TimedEvent[], calls: readonly CallRecord[], window: Interval): Interval[] {
  const goldsmith = calls.filter((call) => isGoldsmithCall(call) && call.at >= window.from && call.at < window.to);
  const inWindow = events.filter(({ at }) => at >= window.from && at < window.to);
  const intervals: Interval[] = [];
  const pair = (starts: readonly CallRecord[], ends: readonly TimedEvent[]) => {
    const open = [...ends];
    for (const start of starts) {
      const end = open.findIndex((e) => e.at >= start.at);
      if (end < 0) intervals.push({ from: start.at, to: window.to });
      else intervals.push({ from: start.at, to: open.splice(end, 1)[0].at });
    }
  };
  pair(
    goldsmith.filter((c) => name(c) === 'imagebuilder.StartImagePipelineExecution'),
    inWindow.filter(
      (e) =>
        e.event.source === 'aws.imagebuilder' && /AVAILABLE|FAILED|CANCELLED/.test(String((e.event.detail as { state?: { status?: string } }).state?.status)),
    ),
  );
  pair(
    goldsmith.filter((c) => name(c) === 'ec2.RunInstances'),
    inWindow.filter(
      (e) =>
        e.event['detail-type'] === 'EC2 Command Status-change Notification' &&
        /Success|Failed|TimedOut|Cancelled/.test(String((e.event.detail as { status?: string }).status)),
    ),
  );
  pair(
    goldsmith.filter((c) => name(c) === 'autoscaling.StartInstanceRefresh'),
    inWindow.filter((e) => e.event.source === 'aws.autoscaling' && /Succeeded|Failed|Cancelled|Rollback (Succeeded|Failed)/.test(e.event['detail-type'])),
  );
  return intervals;
}

/** Simulated ms of the window not covered by any interval. */
export function uncoveredMs(window: Interval, intervals: readonly Interval[]): number {
  const sorted = intervals.map((i) => ({ from: Math.max(i.from, window.from), to: Math.min(i.to, window.to) })).filter((i) => i.to > i.from);
  sorted.sort((a, b) => a.from - b.from);
  let covered = 0;
  let reach = window.from;
  for (const interval of sorted) {
    if (interval.to <= reach) continue;
    covered += interval.to - Math.max(interval.from, reach);
    reach = interval.to;
  }
  return window.to - window.from - covered;
}
