import { z } from 'zod';

/**
 * How the local cloud's resources behave, and which faults it injects. Set it with a scenario file
 * (`--scenario file.json`) or `PUT /_local/scenario`. Every field is optional: the default is a
 * world where everything succeeds.
 *
 * Keys that name resources (`builds`, `refreshes`) accept an exact name or `*` for any.
 */
const Count = z.number().int().positive();

const Times = {
  /** Applies to the first N matches only; omit for every match. */
  times: Count.optional(),
  /** Applies to this fraction (0–1) of matches, drawn from the scenario's seeded random source. */
  rate: z.number().min(0).max(1).optional(),
};

export const BuildBehaviour = z.strictObject({
  /** Simulated seconds from PENDING to AVAILABLE. Default 2,700 (45 minutes). */
  durationSeconds: z.number().positive().optional(),
  /** Fails the build while it runs the component with this name. */
  failAtComponent: z.string().optional(),
  /** Fails the build in the test phase. */
  failTests: z.boolean().optional(),
  /** Scan findings per severity that ListImageScanFindings reports for the image. */
  findings: z.partialRecord(z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED']), z.number().int().min(0)).optional(),
});

export const CommandBehaviour = z.strictObject({
  /** Matches a command whose document's commands contain this text; omit for every command. */
  commandContains: z.string().optional(),
  /** Matches instances launched from this AMI name prefix; omit for every instance. */
  imageNamePrefix: z.string().optional(),
  status: z.enum(['Success', 'Failed', 'TimedOut']),
  output: z.string().optional(),
  ...Times,
});

export const RefreshBehaviour = z.strictObject({
  /** Fails the refresh when it reaches this checkpoint percentage (or this percentage of instances replaced). */
  failAtPercentage: z.number().min(0).max(100).optional(),
  /** Simulated seconds an instance takes to launch and pass health checks. Default 120. */
  instanceWarmupSeconds: z.number().min(0).optional(),
});

export const EventFault = z.strictObject({
  /** Matches events from this source, e.g. `aws.imagebuilder`; omit for any. */
  source: z.string().optional(),
  /** Matches this detail-type, e.g. `EC2 Image Builder Image State Change`; omit for any. */
  detailType: z.string().optional(),
  /** Matches when the event's JSON contains this text, e.g. `"AVAILABLE"`. */
  contains: z.string().optional(),
  action: z.enum(['drop', 'duplicate', 'delay', 'reorder']),
  /** For `delay`: simulated seconds to hold the event. Default 60. */
  delaySeconds: z.number().min(0).optional(),
  ...Times,
});

export const ApiFault = z.strictObject({
  /** The SigV4 service name, e.g. `ssm`, `imagebuilder`, `autoscaling`; or `*`. */
  service: z.string(),
  /** The operation, e.g. `PutParameter`; or `*`. */
  operation: z.string(),
  /** The AWS error code to answer with. Default `ThrottlingException`. */
  error: z.string().optional(),
  message: z.string().optional(),
  /** HTTP status. Default 400 for throttling and client errors, 500 for `InternalFailure`/`ServiceUnavailable`. */
  status: z.number().int().min(400).max(599).optional(),
  ...Times,
});

export const Scenario = z.strictObject({
  /** Seeds the random source behind `rate`. */
  seed: z.number().int().optional(),
  builds: z.record(z.string(), BuildBehaviour).optional(),
  commands: z.array(CommandBehaviour).optional(),
  refreshes: z.record(z.string(), RefreshBehaviour).optional(),
  /** CloudWatch alarm states by alarm name; an alarm named here in ALARM fails refreshes that watch it. */
  alarms: z.record(z.string(), z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA'])).optional(),
  events: z.array(EventFault).optional(),
  api: z.array(ApiFault).optional(),
});

export type Scenario = z.infer<typeof Scenario>;
export type BuildBehaviour = z.infer<typeof BuildBehaviour>;
export type CommandBehaviour = z.infer<typeof CommandBehaviour>;
export type RefreshBehaviour = z.infer<typeof RefreshBehaviour>;
export type EventFault = z.infer<typeof EventFault>;
export type ApiFault = z.infer<typeof ApiFault>;

/** Parses a scenario, with errors that name the field and the fix. */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const result = Scenario.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  ${source}${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`,
  );
  throw new ScenarioError(`Invalid ${source}:\n${lines.join('\n')}`);
}

export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** Finds the behaviour for a named resource: the exact name first, then `*`. */
export function behaviourFor<T>(table: Record<string, T> | undefined, name: string): T | undefined {
  return table?.[name] ?? table?.['*'];
}
