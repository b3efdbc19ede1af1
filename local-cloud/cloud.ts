import { randomBytes, randomUUID } from 'node:crypto';
import type { SimClock } from './clock.ts';
import { AwsServiceError, notImplemented } from './errors.ts';
import type { FaultInjector } from './faults.ts';
import type { Scenario } from './scenario.ts';
import type { RequestContext, ServiceDefinition } from './service.ts';
import type { Services } from './services/index.ts';

/** An event as a service emits it; the runtime adds id, version and time. */
export interface EmittedEvent {
  source: string;
  'detail-type': string;
  detail: Record<string, unknown>;
  resources?: string[];
  account: string;
  region: string;
}

/** An event as EventBridge delivers it. */
export interface CloudEvent extends EmittedEvent {
  version: '0';
  id: string;
  time: string;
  resources: string[];
}

export interface CallRecord {
  at: number;
  service: string;
  operation: string;
  accountId: string;
  region: string;
  status: number;
  error?: string;
  /** Who called: `client` for HTTP requests, or the calling service for in-process calls. */
  caller: string;
}

/** What every emulated service shares: the clock, the scenario, events, and calls to other services. */
export class CloudRuntime {
  readonly clock: SimClock;
  readonly faults: FaultInjector;
  readonly defaultAccountId: string;
  /** Where services may keep files (function code, tables); `false` when the cloud runs in memory only. */
  readonly dataDir: string | false;
  scenario: Scenario = {};
  services!: Services;
  endpoint = '';
  readonly events: CloudEvent[] = [];
  readonly calls: CallRecord[] = [];
  private readonly logSink: (line: string) => void;
  private readonly maxRecords = 20_000;

  constructor(options: { clock: SimClock; faults: FaultInjector; accountId: string; dataDir?: string | false; log?: (line: string) => void }) {
    this.clock = options.clock;
    this.dataDir = options.dataDir ?? false;
    this.faults = options.faults;
    this.defaultAccountId = options.accountId;
    this.logSink = options.log ?? (() => {});
  }

  log(line: string): void {
    this.logSink(line);
  }

  definition(signingName: string): ServiceDefinition | undefined {
    for (const service of Object.values(this.services)) if (service.definition.signingName === signingName) return service.definition;
    return undefined;
  }

  /**
   * Calls another service's operation in-process, with SDK-shaped input, as an integration on AWS would
   * (Step Functions' SDK integrations, EventBridge and Scheduler targets). Scenario API faults apply.
   */
  async invoke<T = Record<string, unknown>>(
    signingName: string,
    operation: string,
    input: Record<string, unknown>,
    scope: { accountId: string; region: string },
    caller = 'internal',
  ): Promise<T> {
    const definition = this.definition(signingName);
    const handler = definition?.operations[operation];
    const record: CallRecord = { at: this.clock.now(), service: signingName, operation, accountId: scope.accountId, region: scope.region, status: 200, caller };
    try {
      if (!definition || !handler) throw notImplemented(signingName, operation);
      this.faults.beforeOperation(signingName, operation);
      const ctx: RequestContext = { ...scope, requestId: randomUUID(), cloud: this };
      return ((await handler(input, ctx)) ?? {}) as T;
    } catch (error) {
      record.status = error instanceof AwsServiceError ? error.status : 500;
      record.error = error instanceof AwsServiceError ? error.code : String(error);
      throw error;
    } finally {
      this.record(record);
    }
  }

  record(call: CallRecord): void {
    this.calls.push(call);
    if (this.calls.length > this.maxRecords) this.calls.splice(0, this.calls.length - this.maxRecords);
  }

  /** Puts a service event on the account's default bus, through the scenario's event faults. */
  emitEvent(event: EmittedEvent): CloudEvent {
    const full: CloudEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': event['detail-type'],
      source: event.source,
      account: event.account,
      time: new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: event.region,
      resources: event.resources ?? [],
      detail: event.detail,
    };
    this.events.push(full);
    if (this.events.length > this.maxRecords) this.events.splice(0, this.events.length - this.maxRecords);
    const deliver = (e: CloudEvent) => {
      void this.services.events.deliver(e).catch((error: unknown) => this.log(`event delivery failed: ${String(error)}`));
    };
    for (const delivery of this.faults.onEvent(full, deliver)) {
      if (delivery.delayMs > 0) this.clock.setTimeout(() => deliver(delivery.event), delivery.delayMs);
      else queueMicrotask(() => deliver(delivery.event));
    }
    return full;
  }
}

/** AWS-style random resource ids: `ami-` plus 17 hex digits. */
export function resourceId(prefix: string, hexDigits = 17): string {
  return `${prefix}-${randomBytes(Math.ceil(hexDigits / 2))
    .toString('hex')
    .slice(0, hexDigits)}`;
}
