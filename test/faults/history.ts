/**
 * What one fault scenario did, as plain data: the runner records it from the local cloud, and every invariant
 * checker (invariants/*.ts) is a pure function of it. Times are simulated epoch milliseconds.
 */

/** A pipeline as the checkers need it: its channels, waves, gates and bounds. */
export interface PipelineFacts {
  name: string;
  /** The Image Builder pipeline name the local cloud builds under (scenario `builds` key). */
  imagePipelineName: string;
  /** The pipeline it is chained to, if any. */
  parent?: string;
  homeRegion: string;
  regions: string[];
  channels: { candidate: string; stable: string };
  /** Lowercase severity → the most findings allowed. */
  thresholds: Record<string, number>;
  smokeTests: boolean;
  approval: boolean;
  waves: Array<{ name: string; targets: Array<{ launchTemplate: string; groups: string[] }> }>;
  /** The longest a release of this pipeline may take, from its configured timeouts (see bounds.ts). */
  releaseBoundSeconds: number;
  waveBoundSeconds: number;
}

/** One state a Step Functions execution visited, from its history events. */
export interface StateVisit {
  name: string;
  enteredAt: number;
  exitedAt?: number;
  input?: unknown;
  output?: unknown;
}

export interface ExecutionFacts {
  arn: string;
  /** `release` or `rollout-wave` (the state machine name's suffix). */
  workflow: string;
  name: string;
  input: unknown;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  startedAt: number;
  stoppedAt?: number;
  output?: unknown;
  error?: string;
  cause?: string;
  states: StateVisit[];
}

/**
 * One API operation the local cloud ran (it got past the scenario's API faults), with its SDK-shaped input and
 * output or error. `caller` is `client` for HTTP requests (functions, the CLI), or the calling service.
 */
export interface Effect {
  seq: number;
  at: number;
  service: string;
  operation: string;
  region: string;
  caller: string;
  input: Record<string, unknown>;
  output?: Record<string, unknown>;
  error?: string;
  /** Set by the recorder's crash faults: the operation applied, then its caller was told it failed. */
  crashed?: string;
  /** For DeregisterImage/DeleteSnapshot: what used the image when the call was made. */
  usage?: ImageUsage;
}

/** Who used an AMI at one moment. */
export interface ImageUsage {
  imageId: string;
  parameters: string[];
  launchTemplateDefaults: string[];
  groups: string[];
  runningInstances: string[];
}

export interface BusEvent {
  at: number;
  source: string;
  detailType: string;
  detail: unknown;
  resources: string[];
}

export interface BuildFacts {
  arn: string;
  pipelineName?: string;
  status: string;
  /** When each status began. */
  timeline: Array<{ status: string; at: number }>;
  amis: Array<{ region: string; imageId: string }>;
  /** Lowercase severity → count. */
  findings: Record<string, number>;
  startedAt: number;
}

export interface InstanceFacts {
  instanceId: string;
  region: string;
  imageId: string;
  state: string;
  tags: Record<string, string>;
  launchedAt: number;
  /** True for instances launched by a RunInstances call from a client (not by Auto Scaling or Image Builder). */
  launchedByClient: boolean;
}

export interface LaunchTemplateFacts {
  region: string;
  launchTemplateId: string;
  name: string;
  /** The default version when the scenario started, and at its end. */
  initialDefault: number;
  finalDefault: number;
  versions: Array<{ version: number; imageId?: string; createdAt: number; clientToken?: string }>;
}

export interface RefreshFacts {
  region: string;
  id: string;
  group: string;
  status: string;
  startedAt: number;
  endedAt?: number;
  desired?: { launchTemplateId?: string; launchTemplateName?: string; version?: string };
}

export interface CommandFacts {
  region: string;
  commandId: string;
  instanceIds: string[];
  requestedAt: number;
  invocations: Array<{ instanceId: string; status: string; finishedAt?: number }>;
}

/** Every version of a channel parameter written during the scenario. */
export interface ParameterWrite {
  region: string;
  name: string;
  version: number;
  value: string;
  at: number;
}

export interface Notification {
  at: number;
  channel: 'sns' | 'slack';
  release?: string;
  outcome?: string;
  pipeline?: string;
  text: string;
}

/** A trigger the runner fired; `key` names the logical trigger, so repeats of one request share it. */
export interface TriggerFacts {
  at: number;
  pipeline: string;
  kind: 'schedule' | 'event' | 'cli';
  key: string;
}

export interface ApprovalFacts {
  at: number;
  releaseId: string;
  decision: 'approve' | 'reject' | 'timeout';
  /** What `goldsmith approve|reject` told the operator: false is "it had stopped waiting: nothing changed". */
  delivered?: boolean;
}

export interface InjectedFaultFacts {
  kind: 'api' | 'event' | 'crash';
  action: string;
  target: string;
  at: number;
}

/** A malformed input given to a handler or the config loader, with the state before and after. */
export interface BadInputProbe {
  target: string;
  description: string;
  /** The error the product answered with; undefined when it accepted the input. */
  error?: string;
  /** Field names the error must mention for it to be clear. */
  expectFields: string[];
  /** A well-formed event that is not Goldsmith's (an image or refresh it never started) may be ignored instead. */
  ignorable?: boolean;
  stateBefore: string;
  stateAfter: string;
}

/** Text the product emitted that a secret must never appear in. */
export interface TextSurface {
  where: string;
  text: string;
}

export interface History {
  seed?: number;
  account: string;
  startedAt: number;
  endedAt: number;
  pipelines: PipelineFacts[];
  triggers: TriggerFacts[];
  approvals: ApprovalFacts[];
  executions: ExecutionFacts[];
  effects: Effect[];
  events: BusEvent[];
  builds: BuildFacts[];
  instances: InstanceFacts[];
  launchTemplates: LaunchTemplateFacts[];
  refreshes: RefreshFacts[];
  commands: CommandFacts[];
  parameterWrites: ParameterWrite[];
  notifications: Notification[];
  faults: InjectedFaultFacts[];
  /** Task tokens still open when the scenario ended, by execution. */
  openTaskTokens: string[];
  /** Items left in Goldsmith's tables when the scenario ended. */
  tables: { release: Array<Record<string, unknown>>; idempotency: Array<Record<string, unknown>> };
  probes: BadInputProbe[];
  secrets: string[];
  surfaces: TextSurface[];
  runner: { timedOut: boolean; realMs: number; error?: string };
}

/** An empty history, for checkers' unit tests and for runs that failed before anything happened. */
export function emptyHistory(overrides: Partial<History> = {}): History {
  return {
    account: '123456789012',
    startedAt: 0,
    endedAt: 0,
    pipelines: [],
    triggers: [],
    approvals: [],
    executions: [],
    effects: [],
    events: [],
    builds: [],
    instances: [],
    launchTemplates: [],
    refreshes: [],
    commands: [],
    parameterWrites: [],
    notifications: [],
    faults: [],
    openTaskTokens: [],
    tables: { release: [], idempotency: [] },
    probes: [],
    secrets: [],
    surfaces: [],
    runner: { timedOut: false, realMs: 0 },
    ...overrides,
  };
}
