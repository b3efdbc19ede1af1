/**
 * Taps a running local cloud for what a benchmark counts. The cloud keeps only its most recent calls, events
 * and invocations (20,000 and 10,000), which a 1,000-group release outgrows, so the meter keeps its own copy
 * of each from the moment it is attached, and counts the entries of every PutEvents call.
 */
import type { CallRecord, CloudEvent, EmittedEvent } from '../local-cloud/cloud.ts';
import type { LocalCloud } from '../local-cloud/index.ts';
import type { InvocationRecord } from '../local-cloud/lambda/invocation-log.ts';
import type { ExecutionRecord } from '../local-cloud/services/stepfunctions/store.ts';
import type { UsageRecords } from './usage.ts';

export interface PutEventsRecord {
  at: number;
  /** Entries on a bus, AWS's own `aws.*` sources excepted (PutEvents refuses them). */
  entries: number;
}

/** Simulated epoch ms, inclusive start and exclusive end. */
export interface SimWindow {
  from: number;
  to: number;
}

export class UsageMeter {
  readonly calls: CallRecord[] = [];
  readonly invocations: InvocationRecord[] = [];
  /** Events AWS services emitted (image state changes, refresh events…), with their simulated time. */
  readonly serviceEvents: Array<{ at: number; event: CloudEvent }> = [];
  readonly putEvents: PutEventsRecord[] = [];
  private readonly cloud: LocalCloud;
  private readonly restore: Array<() => void> = [];

  constructor(cloud: LocalCloud) {
    this.cloud = cloud;
    const runtime = cloud.runtime;
    const record = runtime.record.bind(runtime);
    runtime.record = (call: CallRecord) => {
      this.calls.push(call);
      record(call);
    };
    this.restore.push(() => Reflect.deleteProperty(runtime, 'record'));

    const emit = runtime.emitEvent.bind(runtime);
    runtime.emitEvent = (event: EmittedEvent) => {
      const full = emit(event);
      this.serviceEvents.push({ at: runtime.clock.now(), event: full });
      return full;
    };
    this.restore.push(() => Reflect.deleteProperty(runtime, 'emitEvent'));

    const log = runtime.services.lambda.runtime.invocations;
    const add = log.add.bind(log);
    log.add = (invocation: InvocationRecord) => {
      this.invocations.push(invocation);
      add(invocation);
    };
    this.restore.push(() => Reflect.deleteProperty(log, 'add'));

    const operations = runtime.services.events.definition.operations;
    const putEvents = operations.PutEvents;
    operations.PutEvents = (input: { Entries?: Array<{ Source?: string }> }, ctx) => {
      const entries = (input.Entries ?? []).filter((entry) => entry.Source && !entry.Source.startsWith('aws.')).length;
      this.putEvents.push({ at: runtime.clock.now(), entries });
      return putEvents(input, ctx);
    };
    this.restore.push(() => {
      operations.PutEvents = putEvents;
    });
  }

  /** Every execution (release and child) that started in the window, in every account and region. */
  executions(window: SimWindow): ExecutionRecord[] {
    return this.cloud.runtime.services.stepfunctions.store
      .entries()
      .flatMap(({ state }) => Object.values(state.executions))
      .filter((execution) => execution.startDate >= window.from && execution.startDate < window.to);
  }

  /** What the cloud recorded in the window, for usageOf. */
  records(window: SimWindow): UsageRecords {
    const inside = (at: number) => at >= window.from && at < window.to;
    return {
      calls: this.calls.filter((call) => inside(call.at)),
      invocations: this.invocations.filter((invocation) => inside(invocation.startedAt)),
      histories: this.executions(window).map((execution) => execution.history),
      customEvents: this.putEvents.filter((put) => inside(put.at)).reduce((n, put) => n + put.entries, 0),
    };
  }

  dispose(): void {
    for (const undo of this.restore.splice(0).reverse()) undo();
  }
}
