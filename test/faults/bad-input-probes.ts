/**
 * Bad input for every event-driven handler (trigger-release, watch-upstream, on-image-event, on-refresh-event),
 * as EventBridge and Scheduler would deliver it: foreign sources, missing fields, wrong types, huge payloads,
 * unknown pipelines. Each names the fields a clear error must mention (DESIGN §5.7).
 */

export interface EventProbe {
  /** The function's catalogue name. */
  target: string;
  description: string;
  payload: unknown;
  expectFields: string[];
  /** A well-formed event Goldsmith did not cause may be ignored instead of rejected. */
  ignorable?: boolean;
  /** A product bug this probe shows, not fixed yet: its test expects the contract to break (it.fails). */
  knownBug?: string;
}

const envelope = (fields: Record<string, unknown>) => ({
  version: '0',
  id: 'f0a1b2c3-0000-4000-8000-000000000001',
  account: '123456789012',
  time: '2026-11-24T10:00:00Z',
  region: 'eu-central-1',
  resources: [],
  ...fields,
});

const requested = (detail: unknown) => envelope({ source: 'goldsmith', 'detail-type': 'Release Requested', detail });
const imageEvent = (fields: Record<string, unknown>) =>
  envelope({
    source: 'aws.imagebuilder',
    'detail-type': 'EC2 Image Builder Image State Change',
    resources: ['arn:aws:imagebuilder:eu-central-1:123456789012:image/faults-web/1.0.0/1'],
    detail: { 'previous-state': { status: 'BUILDING' }, state: { status: 'AVAILABLE' } },
    ...fields,
  });
const refreshEvent = (fields: Record<string, unknown>) =>
  envelope({
    source: 'aws.autoscaling',
    'detail-type': 'EC2 Auto Scaling Instance Refresh Succeeded',
    detail: { InstanceRefreshId: 'c613620e-07e2-4ed2-a9e2-ef8258911ade', AutoScalingGroupName: 'web-canary-0-g0' },
    ...fields,
  });
const HUGE = 'x'.repeat(200_000);

export const eventProbes: EventProbe[] = [
  {
    target: 'trigger-release',
    description: 'a Release Requested event for an unknown pipeline',
    payload: requested({ pipeline: 'nope' }),
    expectFields: ['detail.pipeline', 'nope'],
  },
  {
    target: 'trigger-release',
    description: 'a Release Requested event without a pipeline',
    payload: requested({ reason: 'ci' }),
    expectFields: ['detail.pipeline'],
  },
  {
    target: 'trigger-release',
    description: 'a Release Requested event whose pipeline is a number',
    payload: requested({ pipeline: 42 }),
    expectFields: ['detail.pipeline'],
  },
  {
    target: 'trigger-release',
    description: 'a Release Requested event with a 200 KB reason',
    payload: requested({ pipeline: 'web', reason: HUGE }),
    expectFields: ['detail.reason'],
  },
  {
    target: 'trigger-release',
    description: 'a foreign EC2 event',
    payload: envelope({
      source: 'aws.ec2',
      'detail-type': 'EC2 Instance State-change Notification',
      detail: { 'instance-id': 'i-0123456789abcdef0', state: 'running' },
    }),
    expectFields: ['detail-type'],
  },
  {
    target: 'trigger-release',
    description: 'a schedule payload with a time that is not ISO 8601',
    payload: { kind: 'scheduled', pipeline: 'web', scheduledTime: 'yesterday' },
    expectFields: ['scheduledTime'],
  },
  { target: 'trigger-release', description: 'an empty object', payload: {}, expectFields: ['kind'] },
  {
    target: 'trigger-release',
    description: 'an Image Published event without a release id',
    payload: envelope({ source: 'goldsmith', 'detail-type': 'Goldsmith Image Published', detail: { pipeline: 'web', amis: [], channel: 'stable' } }),
    expectFields: ['detail.releaseId'],
  },
  {
    target: 'watch-upstream',
    description: 'a watch payload for an unknown pipeline',
    payload: { kind: 'upstream-watch', pipeline: 'nope' },
    expectFields: ['pipeline', 'nope'],
  },
  { target: 'watch-upstream', description: 'a Release Requested event', payload: requested({ pipeline: 'web' }), expectFields: ['kind'] },
  { target: 'on-image-event', description: 'an image event from a foreign source', payload: imageEvent({ source: 'aws.ec2' }), expectFields: ['source'] },
  {
    target: 'on-image-event',
    description: 'an image event without resources',
    payload: imageEvent({ resources: [] }),
    expectFields: ['resources'],
  },
  {
    target: 'on-image-event',
    description: 'an image event whose status is a number',
    payload: imageEvent({ detail: { state: { status: 7 } } }),
    expectFields: ['detail.state.status'],
  },
  { target: 'on-image-event', description: 'an image event without detail', payload: imageEvent({ detail: undefined }), expectFields: ['detail'] },
  { target: 'on-image-event', description: 'an event of an image Goldsmith never built', payload: imageEvent({}), expectFields: [], ignorable: true },
  {
    target: 'on-refresh-event',
    description: 'a refresh event of an unknown kind',
    payload: refreshEvent({ 'detail-type': 'EC2 Auto Scaling Instance Refresh Exploded' }),
    expectFields: ['detail-type'],
  },
  {
    target: 'on-refresh-event',
    description: 'a refresh event without its refresh id',
    payload: refreshEvent({ detail: { AutoScalingGroupName: 'web-canary-0-g0' } }),
    expectFields: ['detail.InstanceRefreshId'],
  },
  {
    target: 'on-refresh-event',
    description: 'a refresh event whose group is a list',
    payload: refreshEvent({ detail: { InstanceRefreshId: 'c613620e-07e2-4ed2-a9e2-ef8258911ade', AutoScalingGroupName: ['web-canary-0-g0'] } }),
    expectFields: ['detail.AutoScalingGroupName'],
  },
  {
    target: 'on-refresh-event',
    description: 'a refresh event with a 200 KB group name',
    payload: refreshEvent({ detail: { InstanceRefreshId: 'x', AutoScalingGroupName: HUGE } }),
    expectFields: ['detail.AutoScalingGroupName'],
  },
  { target: 'on-refresh-event', description: 'an event of a refresh no wave started', payload: refreshEvent({}), expectFields: [], ignorable: true },
];

/** Configs and component documents that fail validation, as goldsmith.config.ts text and extra files. */
export interface ConfigProbe {
  description: string;
  /** Changes to the valid pipeline, merged over it. */
  pipeline: Record<string, unknown>;
  files?: Record<string, string>;
  expectFields: string[];
}

export const configProbes: ConfigProbe[] = [
  {
    description: 'a group rolled out by two waves',
    pipeline: {
      rollout: {
        waves: [
          { name: 'canary', targets: [{ launchTemplate: 'web-canary-0', autoScalingGroups: ['web-shared'] }] },
          { name: 'production', targets: [{ launchTemplate: 'web-production-0', autoScalingGroups: ['web-shared'] }] },
        ],
      },
    },
    expectFields: ['autoScalingGroups', 'web-shared'],
  },
  {
    description: 'checkpoints that do not end at 100',
    pipeline: {
      rollout: {
        waves: [
          { name: 'canary', targets: [{ launchTemplate: 'web-canary-0', autoScalingGroups: ['web-canary-0-g0'], preferences: { checkpoints: [20, 50] } }] },
        ],
      },
    },
    expectFields: ['checkpoints'],
  },
  { description: 'a misspelt field', pipeline: { schedul: { expression: 'cron(0 3 ? * TUE#2 *)' } }, expectFields: ['schedul'] },
  { description: 'a negative findings threshold', pipeline: { validation: { findings: { critical: -1 } } }, expectFields: ['critical'] },
  {
    description: 'a component document whose phases is a string',
    pipeline: { components: ['components/broken.yml'] },
    files: { 'components/broken.yml': 'name: broken\ndescription: Broken on purpose.\nschemaVersion: 1.0\nphases: build\n' },
    expectFields: ['phases'],
  },
  {
    description: 'a component document with an unknown action',
    pipeline: { components: ['components/unknown-action.yml'] },
    files: {
      'components/unknown-action.yml':
        'name: unknown-action\ndescription: An action AWSTOE does not have.\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Boom\n        action: ExecuteTeleport\n        inputs:\n          commands: [echo]\n',
    },
    expectFields: ['ExecuteTeleport'],
  },
];
