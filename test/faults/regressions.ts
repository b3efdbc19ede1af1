/**
 * Hand-written scenarios: each names the fault it pins down. A scenario that found a product bug stays here with
 * `knownBug` set to the report, and its test is `it.fails` until the fix lands.
 */
import { type FaultScenario, quietScenario } from './fault-scenario.ts';
import type { History } from './history.ts';
import { releaseExecutions } from './history-queries.ts';

export interface Regression {
  scenario: FaultScenario;
  /** Why it is here. */
  why: string;
  /** A product bug this scenario shows, not fixed yet: the test expects the violation. */
  knownBug?: string;
  /** What this scenario must do beyond the invariants (each problem as a sentence). */
  expect?: (history: History) => string[];
}

/** Every release of the scenario succeeded. */
const allSucceeded = (history: History) =>
  releaseExecutions(history)
    .filter((e) => e.status !== 'SUCCEEDED')
    .map((e) => `release ${e.name} ${e.status}: ${e.error ?? ''} ${(e.cause ?? '').slice(0, 300)}`);

const oneWave = [{ name: 'canary', targets: [{ launchTemplate: 'web-canary-0', groups: ['web-canary-0-g0'], checkpoints: true }] }];
const web = (overrides = {}) => ({
  name: 'web',
  extraRegions: [],
  waves: oneWave,
  smokeTests: true,
  testComponents: false,
  approval: false,
  slack: false,
  ...overrides,
});

export const regressions: Regression[] = [
  {
    why: 'A lost AVAILABLE event: the release reconciles with GetImage and still finishes within its bound.',
    scenario: quietScenario({
      name: 'lost-image-event',
      seed: 9001,
      pipelines: [web()],
      eventFaults: [{ source: 'aws.imagebuilder', contains: '"AVAILABLE"', action: 'drop' }],
    }),
  },
  {
    why: 'Duplicated Release Requested and refresh events: one build, one rollout, one notification per outcome.',
    scenario: quietScenario({
      name: 'duplicated-events',
      seed: 9002,
      pipelines: [web()],
      triggers: [
        { pipeline: 'web', kind: 'event', afterSeconds: 0, key: 'request-1' },
        { pipeline: 'web', kind: 'event', afterSeconds: 30, key: 'request-1' },
      ],
      eventFaults: [
        { source: 'goldsmith', action: 'duplicate' },
        { source: 'aws.autoscaling', action: 'duplicate' },
      ],
    }),
  },
  {
    why: 'A refresh that fails at its checkpoint: the wave restores its launch template, stable is not set.',
    scenario: quietScenario({
      name: 'failed-wave',
      seed: 9003,
      pipelines: [
        web({
          waves: [...oneWave, { name: 'production', targets: [{ launchTemplate: 'web-production-0', groups: ['web-production-0-g0'], checkpoints: false }] }],
        }),
      ],
      outcomes: { builds: {}, smoke: [], refreshFailures: { 'web-canary-0-g0': 50 }, alarms: [], approvals: {} },
    }),
  },
  {
    why: 'A failing smoke test: the image is rejected, never published, and the test instance is terminated.',
    scenario: quietScenario({
      name: 'smoke-test-fails',
      seed: 9004,
      pipelines: [web()],
      outcomes: { builds: {}, smoke: [{ status: 'Failed' }], refreshFailures: {}, alarms: [], approvals: {} },
    }),
  },
  {
    why: 'Two runs of one pipeline at once: the second exits as already running, with a reason.',
    scenario: quietScenario({
      name: 'overlapping-runs',
      seed: 9005,
      pipelines: [web()],
      triggers: [
        { pipeline: 'web', kind: 'cli', afterSeconds: 0, key: 'cli-1' },
        { pipeline: 'web', kind: 'cli', afterSeconds: 300, key: 'cli-2' },
      ],
    }),
  },
  {
    why: 'A handler dies after CreateLaunchTemplateVersion, and ModifyLaunchTemplate loses its response: one new version, the default restored on failure.',
    scenario: quietScenario({
      name: 'crash-after-launch-template-version',
      seed: 9006,
      pipelines: [web()],
      crashes: [
        { service: 'ec2', operation: 'CreateLaunchTemplateVersion', mode: 'fail-after', times: 1 },
        { service: 'ec2', operation: 'ModifyLaunchTemplate', mode: 'lost-response', times: 1 },
      ],
    }),
  },
  {
    why: 'Throttling on every SSM call at a rate, and a lost PutParameter response: channels still only point at validated images.',
    scenario: quietScenario({
      name: 'throttled-publish',
      seed: 9007,
      pipelines: [web({ extraRegions: ['eu-west-1'] })],
      apiFaults: [{ service: 'ssm', operation: '*', error: 'ThrottlingException', status: 400, rate: 0.2 }],
      crashes: [{ service: 'ssm', operation: 'PutParameter', mode: 'lost-response', times: 1 }],
    }),
  },
  {
    why: 'An approved release of a pipeline with Slack publishes and rolls out, even when Slack cannot be told.',
    expect: allSucceeded,
    scenario: quietScenario({
      name: 'approval-with-slack',
      seed: 9010,
      pipelines: [web({ approval: true, slack: true })],
      outcomes: { builds: {}, smoke: [], refreshFailures: {}, alarms: [], approvals: { web: 'approve' } },
    }),
  },
  {
    why: 'A release of a pipeline with Slack posts its notifications to the local inbox.',
    expect: (history) => (history.notifications.some((n) => n.channel === 'slack') ? [] : ['no Slack notification reached the inbox']),
    scenario: quietScenario({
      name: 'slack-delivered',
      seed: 9012,
      pipelines: [web({ waves: [], smokeTests: false, slack: true })],
    }),
  },
  {
    why: 'An approved release (no Slack) publishes and rolls out.',
    expect: allSucceeded,
    scenario: quietScenario({
      name: 'approval-approved',
      seed: 9011,
      pipelines: [web({ approval: true })],
      outcomes: { builds: {}, smoke: [], refreshFailures: {}, alarms: [], approvals: { web: 'approve' } },
    }),
  },
  {
    why: 'An approval that times out: the image is never published and the lock is released.',
    scenario: quietScenario({
      name: 'approval-timeout',
      seed: 9008,
      pipelines: [web({ approval: true })],
      outcomes: { builds: {}, smoke: [], refreshFailures: {}, alarms: [], approvals: { web: 'timeout' } },
    }),
  },
  {
    why: 'A chained pipeline released after its parent published stable, with the Image Published event delayed.',
    scenario: quietScenario({
      name: 'chained-release',
      seed: 9009,
      pipelines: [
        web({ waves: [] }),
        { name: 'edge', chainedTo: 'web', extraRegions: [], waves: [], smokeTests: false, testComponents: false, approval: false, slack: true },
      ],
      eventFaults: [{ source: 'goldsmith', detailType: 'Goldsmith Image Published', action: 'delay', delaySeconds: 900 }],
    }),
  },
  {
    why: "The notification ledger's claim is written but its response is lost: the retried step must still send the notification, once.",
    scenario: quietScenario({
      name: 'lost-ledger-claim',
      seed: 9013,
      pipelines: [web({ waves: [], smokeTests: false })],
      crashes: [{ service: 'dynamodb', operation: 'PutItem', contains: 'NOTIFY#', mode: 'lost-response', times: 2 }],
    }),
  },
  {
    why: 'The release lock is written but plan-release dies before it returns: the retried plan takes its own lock again, and the lock is released at the end.',
    scenario: quietScenario({
      name: 'crash-after-lock',
      seed: 9014,
      pipelines: [web({ waves: [], smokeTests: false })],
      crashes: [{ service: 'dynamodb', operation: 'PutItem', contains: 'LOCK', mode: 'fail-after', times: 1 }],
    }),
  },
  {
    why: "An operator's approval is delivered, but SendTaskSuccess's answer is lost: goldsmith approve must not say nothing changed while the release publishes.",
    scenario: quietScenario({
      name: 'lost-approval-response',
      seed: 9015,
      pipelines: [web({ waves: [], smokeTests: false, approval: true })],
      outcomes: { builds: {}, smoke: [], refreshFailures: {}, alarms: [], approvals: { web: 'approve' } },
      crashes: [{ service: 'states', operation: 'SendTaskSuccess', contains: 'approved', mode: 'lost-response', times: 1 }],
    }),
  },
  {
    why: "Seed 198: both answers to an approval's SendTaskSuccess are lost, so goldsmith approve fails and the operator approves again: the second approve must report the first one, which took effect, not that nothing changed.",
    // Seed 198's shrunk scenario as the run printed it: its smoke-test outcome and Slack shape the timing.
    scenario: {
      name: 'lost-approval-answers-twice',
      seed: 198,
      pipelines: [{ name: 'web', extraRegions: [], waves: [], smokeTests: false, testComponents: true, approval: true, slack: true }],
      groupSize: 1,
      triggers: [{ pipeline: 'web', kind: 'event', afterSeconds: 0, key: 'request-1' }],
      outcomes: { builds: { web: { kind: 'ok' } }, smoke: [{ status: 'TimedOut' }], refreshFailures: {}, alarms: [], approvals: { web: 'approve' } },
      eventFaults: [],
      apiFaults: [],
      crashes: [{ service: 'states', operation: 'SendTaskSuccess', mode: 'lost-response', times: 2 }],
    },
  },
  {
    why: "Seed 149: StartInstanceRefresh applies but its answer is lost, and the group's alarm ends that refresh at once: the SDK's own retry must not start a second refresh of the group.",
    scenario: {
      name: 'lost-refresh-start-answer',
      seed: 149,
      pipelines: [
        {
          name: 'web',
          extraRegions: [],
          waves: [
            {
              name: 'canary',
              targets: [
                { launchTemplate: 'web-canary-0', groups: ['web-canary-0-g0'], checkpoints: false, alarm: 'web-canary-0-5xx' },
                { launchTemplate: 'web-canary-1', groups: ['web-canary-1-g0'], checkpoints: false },
              ],
            },
            { name: 'staging', targets: [{ launchTemplate: 'web-staging-0', groups: ['web-staging-0-g0'], checkpoints: false }] },
          ],
          smokeTests: false,
          testComponents: true,
          approval: false,
          slack: true,
        },
      ],
      groupSize: 2,
      triggers: [{ pipeline: 'web', kind: 'schedule', afterSeconds: 30, key: 'schedule-web' }],
      outcomes: { builds: { web: { kind: 'ok' } }, smoke: [], refreshFailures: {}, alarms: ['web-canary-0-5xx'], approvals: {} },
      eventFaults: [],
      apiFaults: [],
      crashes: [{ service: 'autoscaling', operation: 'StartInstanceRefresh', mode: 'lost-response', times: 1 }],
    },
  },
  {
    why: "Seed 39: one group's alarm fails the canary wave while its sibling's start-refresh still runs; the wave is restored first, and the late start must start nothing.",
    scenario: {
      name: 'late-refresh-start-after-restore',
      seed: 39,
      pipelines: [
        {
          name: 'web',
          extraRegions: ['us-east-1'],
          waves: [
            {
              name: 'canary',
              targets: [
                { launchTemplate: 'web-canary-0', groups: ['web-canary-0-g0'], checkpoints: false, alarm: 'web-canary-0-5xx' },
                { launchTemplate: 'web-canary-1', groups: ['web-canary-1-g0'], checkpoints: false },
              ],
            },
            {
              name: 'staging',
              targets: [
                { launchTemplate: 'web-staging-0', groups: ['web-staging-0-g0', 'web-staging-0-g1'], checkpoints: false, alarm: 'web-staging-0-5xx' },
                { launchTemplate: 'web-staging-1', groups: ['web-staging-1-g0', 'web-staging-1-g1'], checkpoints: true },
              ],
            },
          ],
          smokeTests: false,
          testComponents: true,
          approval: true,
          slack: false,
        },
        {
          name: 'edge',
          chainedTo: 'web',
          extraRegions: [],
          waves: [{ name: 'canary', targets: [{ launchTemplate: 'edge-canary-0', groups: ['edge-canary-0-g0'], checkpoints: false }] }],
          smokeTests: false,
          testComponents: true,
          approval: false,
          slack: false,
        },
      ],
      groupSize: 1,
      triggers: [
        { pipeline: 'edge', kind: 'cli', afterSeconds: 1800, key: 'cli-1' },
        { pipeline: 'web', kind: 'event', afterSeconds: 3600, key: 'request-1' },
      ],
      outcomes: {
        builds: { web: { kind: 'ok' }, edge: { kind: 'findings', critical: 0, high: 4 } },
        smoke: [],
        refreshFailures: {},
        alarms: ['web-canary-0-5xx'],
        approvals: { web: 'approve' },
      },
      eventFaults: [{ source: 'goldsmith', action: 'delay', delaySeconds: 30, times: 3 }],
      apiFaults: [],
      crashes: [],
    },
  },
  {
    why: "Seed 59: a sibling's alarm fails the wave while a start-refresh waits out throttled DescribeInstanceRefreshes; the restore lands meanwhile, and the start must still start nothing.",
    scenario: {
      name: 'throttled-refresh-start-after-restore',
      seed: 59,
      pipelines: [
        { name: 'web', extraRegions: ['us-east-1'], waves: [], smokeTests: true, testComponents: true, approval: false, slack: true },
        {
          name: 'api',
          extraRegions: [],
          waves: [
            {
              name: 'canary',
              targets: [{ launchTemplate: 'api-canary-0', groups: ['api-canary-0-g0', 'api-canary-0-g1'], checkpoints: true, alarm: 'api-canary-0-5xx' }],
            },
          ],
          smokeTests: true,
          testComponents: true,
          approval: false,
          slack: false,
        },
      ],
      groupSize: 1,
      triggers: [{ pipeline: 'api', kind: 'event', afterSeconds: 1800, key: 'request-1' }],
      outcomes: { builds: { web: { kind: 'ok' }, api: { kind: 'ok' } }, smoke: [], refreshFailures: {}, alarms: ['api-canary-0-5xx'], approvals: {} },
      eventFaults: [],
      apiFaults: [{ service: 'autoscaling', operation: 'DescribeInstanceRefreshes', error: 'ThrottlingException', status: 400, times: 4 }],
      crashes: [],
    },
  },
  {
    why: 'A handler dies right after SNS took the notification, before the ledger marks it sent: the claim must not stay "sending".',
    scenario: quietScenario({
      name: 'crash-after-publish',
      seed: 9016,
      pipelines: [web({ waves: [], smokeTests: false })],
      crashes: [{ service: 'sns', operation: 'Publish', contains: 'started', mode: 'fail-after', times: 1 }],
    }),
  },
  {
    why: 'As crash-after-publish, but the ledger stays unreachable for every attempt of the SDK at markSent: the claim must still not stay "sending".',
    scenario: quietScenario({
      name: 'crash-after-publish-ledger-down',
      seed: 9017,
      pipelines: [web({ waves: [], smokeTests: false })],
      crashes: [{ service: 'sns', operation: 'Publish', contains: 'started', mode: 'fail-after', times: 1, calls: 12 }],
    }),
  },
];
