/**
 * A fault scenario: a fleet, the triggers fired at it, how AWS behaves (outcomes), and the faults injected. It is
 * plain JSON, so a failing scenario prints, shrinks and replays as data. generator.ts makes them from a seed;
 * regressions.ts holds hand-written ones.
 */

export interface TargetShape {
  launchTemplate: string;
  groups: string[];
  /** Checkpoints at 50% and 100%, a minute apart. */
  checkpoints: boolean;
  /** The CloudWatch alarm the refresh watches, if any. */
  alarm?: string;
}

export interface WaveShape {
  name: string;
  targets: TargetShape[];
}

export interface PipelineShape {
  name: string;
  /** Builds on this pipeline's stable image (a chained pipeline). */
  chainedTo?: string;
  /** Distribution regions besides the home region. */
  extraRegions: string[];
  waves: WaveShape[];
  smokeTests: boolean;
  testComponents: boolean;
  approval: boolean;
  /** Slack notifications, through the webhook secret. */
  slack: boolean;
}

export type TriggerKind = 'schedule' | 'event' | 'cli';

export interface TriggerStep {
  pipeline: string;
  kind: TriggerKind;
  /** Simulated seconds after the scenario starts. */
  afterSeconds: number;
  /**
   * Names the logical trigger: a Release Requested event's requestId, the schedule's month. A repeat reuses an
   * earlier key (a CI retry, a duplicated schedule fire); `cli` runs are always distinct.
   */
  key: string;
}

export type BuildOutcome =
  | { kind: 'ok' }
  | { kind: 'fail-at-component'; component: string }
  | { kind: 'fail-tests' }
  | { kind: 'findings'; critical: number; high: number };

export interface Outcomes {
  builds: Record<string, BuildOutcome>;
  /** Smoke test commands that fail or time out, the first N times (or every time). */
  smoke: Array<{ status: 'Failed' | 'TimedOut'; times?: number }>;
  /** Groups whose refresh fails at a percentage. */
  refreshFailures: Record<string, number>;
  /** Alarms in ALARM. */
  alarms: string[];
  approvals: Record<string, 'approve' | 'reject' | 'timeout'>;
}

export interface EventFaultStep {
  source?: string;
  detailType?: string;
  contains?: string;
  action: 'drop' | 'duplicate' | 'delay' | 'reorder';
  delaySeconds?: number;
  times?: number;
  rate?: number;
}

export interface ApiFaultStep {
  service: string;
  operation: string;
  error: string;
  status?: number;
  times?: number;
  rate?: number;
}

/**
 * A function that crashes mid-handler, after its side effect and before it returns: the operation applies, and
 * then either its own response is lost (`lost-response`: the caller sees a 500 and retries), or the function's
 * following calls fail (`fail-after`: the handler dies with the side effect made).
 */
export interface CrashStep {
  service: string;
  operation: string;
  /** Only calls whose input (as JSON) contains this text, e.g. `NOTIFY#` for the notification ledger's items. */
  contains?: string;
  mode: 'lost-response' | 'fail-after';
  times: number;
  /** For `fail-after`: how many of the following calls fail. Default 3, the SDK's attempts at one call. */
  calls?: number;
}

export interface FaultScenario {
  seed: number;
  /** A name for regression scenarios. */
  name?: string;
  pipelines: PipelineShape[];
  groupSize: number;
  triggers: TriggerStep[];
  outcomes: Outcomes;
  eventFaults: EventFaultStep[];
  apiFaults: ApiFaultStep[];
  crashes: CrashStep[];
}

/** A scenario with one standalone pipeline and nothing going wrong, to build regression scenarios from. */
export function quietScenario(overrides: Partial<FaultScenario> = {}): FaultScenario {
  return {
    seed: 0,
    pipelines: [{ name: 'web', extraRegions: [], waves: [], smokeTests: false, testComponents: false, approval: false, slack: false }],
    groupSize: 1,
    triggers: [{ pipeline: 'web', kind: 'cli', afterSeconds: 0, key: 'cli-1' }],
    outcomes: { builds: {}, smoke: [], refreshFailures: {}, alarms: [], approvals: {} },
    eventFaults: [],
    apiFaults: [],
    crashes: [],
    ...overrides,
  };
}
