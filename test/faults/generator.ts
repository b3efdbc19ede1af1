/**
 * Random fault scenarios with fast-check: a fleet (pipelines, one maybe chained, regions, waves, groups), triggers
 * (schedule, Release Requested, CLI; repeated and overlapping), outcomes (failed builds, findings, smoke tests,
 * refresh failures, alarms, approvals), event-bus faults, API faults and crashes mid-handler. The same seed always
 * gives the same scenario.
 */
import fc from 'fast-check';
import type {
  ApiFaultStep,
  BuildOutcome,
  CrashStep,
  EventFaultStep,
  FaultScenario,
  Outcomes,
  PipelineShape,
  TriggerStep,
  WaveShape,
} from './fault-scenario.ts';

/** The Image Builder component names the generated pipelines use (the config's project is `faults`). */
export const BUILD_COMPONENTS = ['faults-basic-hardening', 'faults-install-nginx'];
export const TEST_COMPONENT = 'faults-test-nginx-running';

const EXTRA_REGIONS = ['eu-west-1', 'us-east-1'];
const WAVE_NAMES = ['canary', 'staging', 'production'];

function wavesOf(pipeline: string): fc.Arbitrary<WaveShape[]> {
  const target = (wave: string, index: number) =>
    fc
      .record({
        groups: fc.integer({ min: 1, max: 2 }),
        checkpoints: fc.boolean(),
        alarm: fc.boolean(),
      })
      .map(({ groups, checkpoints, alarm }) => ({
        launchTemplate: `${pipeline}-${wave}-${index}`,
        groups: Array.from({ length: groups }, (_, g) => `${pipeline}-${wave}-${index}-g${g}`),
        checkpoints,
        ...(alarm && { alarm: `${pipeline}-${wave}-${index}-5xx` }),
      }));
  return fc
    .integer({ min: 0, max: 2 })
    .chain((count) =>
      fc.tuple(
        ...WAVE_NAMES.slice(0, count).map((wave) =>
          fc
            .integer({ min: 1, max: 2 })
            .chain((targets) => fc.tuple(...Array.from({ length: targets }, (_, i) => target(wave, i))).map((t) => ({ name: wave, targets: t }))),
        ),
      ),
    );
}

function pipelineArb(name: string, chainedTo?: string): fc.Arbitrary<PipelineShape> {
  return fc
    .record({
      extraRegions: fc.subarray(EXTRA_REGIONS, { maxLength: 1 }),
      waves: wavesOf(name),
      smokeTests: fc.boolean(),
      testComponents: fc.boolean(),
      approval: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      slack: fc.boolean(),
    })
    .map((p) => ({ name, ...(chainedTo && { chainedTo }), ...p }));
}

const fleetArb: fc.Arbitrary<PipelineShape[]> = fc
  .record({
    standalone: fc.integer({ min: 1, max: 2 }),
    chained: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .chain(({ standalone, chained }) => {
    const names = ['web', 'api'].slice(0, standalone);
    return fc.tuple(...names.map((n) => pipelineArb(n)), ...(chained ? [pipelineArb('edge', 'web')] : []));
  });

const OFFSETS = [0, 0, 30, 300, 1800, 3600, 7200];

function triggersArb(pipelines: PipelineShape[]): fc.Arbitrary<TriggerStep[]> {
  const step = fc.record({
    pipeline: fc.constantFrom(...pipelines.map((p) => p.name)),
    kind: fc.constantFrom<TriggerStep['kind']>('schedule', 'event', 'event', 'cli'),
    afterSeconds: fc.constantFrom(...OFFSETS),
    repeat: fc.boolean(),
  });
  return fc.array(step, { minLength: 1, maxLength: 3 }).map((steps) => {
    let requests = 0;
    let runs = 0;
    const triggers: TriggerStep[] = [];
    for (const s of steps) {
      const earlier = triggers.find((t) => t.pipeline === s.pipeline && t.kind === s.kind && t.kind !== 'cli');
      const key =
        s.kind === 'schedule' ? `schedule-${s.pipeline}` : s.kind === 'cli' ? `cli-${++runs}` : s.repeat && earlier ? earlier.key : `request-${++requests}`;
      triggers.push({ pipeline: s.pipeline, kind: s.kind, afterSeconds: s.afterSeconds, key });
    }
    return triggers.sort((a, b) => a.afterSeconds - b.afterSeconds);
  });
}

function buildOutcomeArb(pipeline: PipelineShape): fc.Arbitrary<BuildOutcome> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant<BuildOutcome>({ kind: 'ok' }) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...BUILD_COMPONENTS, ...(pipeline.testComponents ? [TEST_COMPONENT] : []))
        .map((component): BuildOutcome => ({ kind: 'fail-at-component', component })),
    },
    { weight: pipeline.testComponents ? 1 : 0, arbitrary: fc.constant<BuildOutcome>({ kind: 'fail-tests' }) },
    {
      weight: 3,
      arbitrary: fc.record({ critical: fc.constantFrom(0, 0, 1), high: fc.integer({ min: 0, max: 4 }) }).map((f): BuildOutcome => ({ kind: 'findings', ...f })),
    },
  );
}

/** `arb` about one time in four, else `none`. */
function rarely<T>(arb: fc.Arbitrary<T>, none: T): fc.Arbitrary<T> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(none) }, { weight: 1, arbitrary: arb });
}

function outcomesArb(pipelines: PipelineShape[]): fc.Arbitrary<Outcomes> {
  const groups = pipelines.flatMap((p) => p.waves.flatMap((w) => w.targets.flatMap((t) => t.groups)));
  const alarms = pipelines.flatMap((p) => p.waves.flatMap((w) => w.targets.flatMap((t) => (t.alarm ? [t.alarm] : []))));
  return fc.record({
    builds: fc.tuple(...pipelines.map((p) => buildOutcomeArb(p))).map((list) => Object.fromEntries(list.map((o, i) => [pipelines[i].name, o]))),
    smoke: fc.oneof(
      { weight: 3, arbitrary: fc.constant<Outcomes['smoke']>([]) },
      {
        weight: 1,
        arbitrary: fc
          .record({
            status: fc.constantFrom<'Failed' | 'TimedOut'>('Failed', 'TimedOut'),
            times: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
          })
          .map(({ status, times }): Outcomes['smoke'] => [{ status, ...(times !== undefined && { times }) }]),
      },
    ),
    // Most releases should get far enough to roll out: failures of each kind in about one scenario in four.
    refreshFailures: rarely(
      fc
        .subarray(groups, { minLength: Math.min(1, groups.length), maxLength: Math.min(2, groups.length) })
        .chain((failing) => fc.tuple(...failing.map(() => fc.constantFrom(0, 50, 100))).map((at) => Object.fromEntries(failing.map((g, i) => [g, at[i]])))),
      {},
    ),
    alarms: rarely(fc.subarray(alarms, { minLength: Math.min(1, alarms.length), maxLength: Math.min(1, alarms.length) }), []),
    approvals: fc
      .tuple(...pipelines.map(() => fc.constantFrom<'approve' | 'reject' | 'timeout'>('approve', 'approve', 'approve', 'reject', 'timeout')))
      .map((list) => Object.fromEntries(pipelines.filter((p) => p.approval).map((p) => [p.name, list[pipelines.indexOf(p)]]))),
  });
}

const timesOrRate = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }).map((times) => ({ times })) },
  { weight: 1, arbitrary: fc.constantFrom(0.05, 0.1, 0.25).map((rate) => ({ rate })) },
);

const eventFaultArb: fc.Arbitrary<EventFaultStep> = fc
  .record({
    on: fc.constantFrom(
      { source: 'aws.imagebuilder', detailType: 'EC2 Image Builder Image State Change' },
      { source: 'aws.imagebuilder', detailType: 'EC2 Image Builder Image State Change', contains: '"AVAILABLE"' },
      { source: 'aws.autoscaling' },
      { source: 'aws.autoscaling', contains: 'Succeeded' },
      { source: 'goldsmith' },
      {},
    ),
    action: fc.constantFrom<EventFaultStep['action']>('drop', 'duplicate', 'delay', 'reorder'),
    delaySeconds: fc.constantFrom(30, 300, 900, 1800),
    limit: timesOrRate,
  })
  .map(({ on, action, delaySeconds, limit }) => ({ ...on, action, ...(action === 'delay' && { delaySeconds }), ...limit }));

/** Operations Goldsmith calls, with an error AWS could answer each with besides throttling and 5xx (and its HTTP status). */
const API_TARGETS: Array<{ service: string; operation: string; error: string; status?: number }> = [
  { service: 'ssm', operation: 'PutParameter', error: 'TooManyUpdates' },
  { service: 'ssm', operation: 'GetParameter', error: 'InternalServerError', status: 500 },
  { service: 'ssm', operation: 'SendCommand', error: 'InvalidInstanceId' },
  { service: 'ssm', operation: 'GetCommandInvocation', error: 'InvocationDoesNotExist' },
  { service: 'ssm', operation: 'DescribeInstanceInformation', error: 'InternalServerError', status: 500 },
  { service: 'ec2', operation: 'CreateLaunchTemplateVersion', error: 'InternalError' },
  { service: 'ec2', operation: 'ModifyLaunchTemplate', error: 'InternalError' },
  { service: 'ec2', operation: 'RunInstances', error: 'InsufficientInstanceCapacity', status: 500 },
  { service: 'ec2', operation: 'TerminateInstances', error: 'InternalError' },
  { service: 'ec2', operation: 'DescribeInstances', error: 'InternalError' },
  { service: 'ec2', operation: 'DescribeImages', error: 'InternalError' },
  { service: 'ec2', operation: 'DeregisterImage', error: 'InternalError' },
  { service: 'autoscaling', operation: 'StartInstanceRefresh', error: 'InstanceRefreshInProgress' },
  { service: 'autoscaling', operation: 'DescribeInstanceRefreshes', error: 'InternalFailure' },
  { service: 'imagebuilder', operation: 'StartImagePipelineExecution', error: 'ServiceException', status: 500 },
  { service: 'imagebuilder', operation: 'GetImage', error: 'ServiceException', status: 500 },
  { service: 'imagebuilder', operation: 'ListImageScanFindings', error: 'ServiceException', status: 500 },
  { service: 'sns', operation: 'Publish', error: 'InternalError' },
  { service: 'states', operation: 'SendTaskSuccess', error: 'TaskTimedOut' },
  { service: 'states', operation: 'StartExecution', error: 'ExecutionLimitExceeded' },
  { service: 'events', operation: 'PutEvents', error: 'InternalException', status: 500 },
  { service: 'dynamodb', operation: 'PutItem', error: 'InternalServerError', status: 500 },
  { service: 'dynamodb', operation: 'UpdateItem', error: 'ProvisionedThroughputExceededException' },
  { service: 'dynamodb', operation: 'GetItem', error: 'InternalServerError', status: 500 },
  { service: 'secretsmanager', operation: 'GetSecretValue', error: 'InternalServiceError', status: 500 },
  { service: 'lambda', operation: 'Invoke', error: 'TooManyRequestsException', status: 429 },
];

const apiFaultArb: fc.Arbitrary<ApiFaultStep> = fc
  .record({
    target: fc.constantFrom(
      ...API_TARGETS,
      { service: 'ec2', operation: '*', error: 'RequestLimitExceeded' },
      { service: 'ssm', operation: '*', error: 'ThrottlingException' },
    ),
    kind: fc.constantFrom('throttling', 'throttling', '5xx', 'chosen'),
    limit: timesOrRate,
  })
  .map(({ target, kind, limit }) => ({
    service: target.service,
    operation: target.operation,
    ...(kind === 'throttling'
      ? {
          error: target.service === 'ec2' ? 'RequestLimitExceeded' : target.service === 'lambda' ? 'TooManyRequestsException' : 'ThrottlingException',
          status: 400,
        }
      : kind === '5xx'
        ? { error: target.service === 'ec2' ? 'InternalError' : 'InternalFailure', status: 500 }
        : { error: target.error, ...(target.status && { status: target.status }) }),
    ...limit,
  }));

/** Side effects a handler makes and could die just after. Publish's response is not lost: see RELIABILITY.md. */
const CRASH_TARGETS: Array<{ service: string; operation: string; contains?: string; modes: CrashStep['mode'][] }> = [
  { service: 'ec2', operation: 'CreateLaunchTemplateVersion', modes: ['lost-response', 'fail-after'] },
  { service: 'ec2', operation: 'ModifyLaunchTemplate', modes: ['lost-response', 'fail-after'] },
  { service: 'ec2', operation: 'RunInstances', modes: ['lost-response', 'fail-after'] },
  { service: 'ec2', operation: 'TerminateInstances', modes: ['lost-response', 'fail-after'] },
  { service: 'ec2', operation: 'CreateTags', modes: ['lost-response', 'fail-after'] },
  { service: 'ec2', operation: 'DeregisterImage', modes: ['lost-response', 'fail-after'] },
  { service: 'ssm', operation: 'PutParameter', modes: ['lost-response', 'fail-after'] },
  { service: 'ssm', operation: 'SendCommand', modes: ['fail-after'] },
  { service: 'autoscaling', operation: 'StartInstanceRefresh', modes: ['lost-response', 'fail-after'] },
  { service: 'imagebuilder', operation: 'StartImagePipelineExecution', modes: ['lost-response', 'fail-after'] },
  { service: 'states', operation: 'StartExecution', modes: ['lost-response', 'fail-after'] },
  { service: 'states', operation: 'SendTaskSuccess', modes: ['lost-response'] },
  { service: 'sns', operation: 'Publish', modes: ['fail-after'] },
  // Locks, task tokens, launch template change records, the notification ledger and Powertools idempotency records.
  { service: 'dynamodb', operation: 'PutItem', modes: ['lost-response', 'fail-after'] },
  { service: 'dynamodb', operation: 'PutItem', contains: 'LOCK', modes: ['lost-response', 'fail-after'] },
  { service: 'dynamodb', operation: 'PutItem', contains: 'TOKEN', modes: ['lost-response', 'fail-after'] },
  { service: 'dynamodb', operation: 'PutItem', contains: 'LT#', modes: ['lost-response', 'fail-after'] },
  { service: 'dynamodb', operation: 'PutItem', contains: 'NOTIFY#', modes: ['lost-response', 'fail-after'] },
  { service: 'dynamodb', operation: 'PutItem', contains: 'on-refresh-event', modes: ['lost-response', 'fail-after'] },
  { service: 'dynamodb', operation: 'UpdateItem', modes: ['lost-response', 'fail-after'] },
  { service: 'dynamodb', operation: 'DeleteItem', modes: ['lost-response', 'fail-after'] },
];

const crashArb: fc.Arbitrary<CrashStep> = fc
  .constantFrom(...CRASH_TARGETS)
  .chain((t) =>
    fc
      .record({ mode: fc.constantFrom(...t.modes), times: fc.integer({ min: 1, max: 2 }) })
      .map(({ mode, times }) => ({ service: t.service, operation: t.operation, mode, times })),
  );

/** Fewer faults more often: most scenarios have one or two things going wrong, some have none. */
const few = <T>(arb: fc.Arbitrary<T>, max: number) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant([] as T[]) }, { weight: 3, arbitrary: fc.array(arb, { minLength: 1, maxLength: max }) });

export const scenarioArb: fc.Arbitrary<Omit<FaultScenario, 'seed'>> = fleetArb.chain((pipelines) =>
  fc.record({
    pipelines: fc.constant(pipelines),
    groupSize: fc.constantFrom(1, 1, 2),
    triggers: triggersArb(pipelines),
    outcomes: outcomesArb(pipelines),
    eventFaults: few(eventFaultArb, 2),
    apiFaults: few(apiFaultArb, 3),
    crashes: few(crashArb, 2),
  }),
);

/** The scenario of a seed: always the same one. */
export function generateScenario(seed: number): FaultScenario {
  const [scenario] = fc.sample(scenarioArb, { seed, numRuns: 1 });
  return { seed, ...scenario };
}
