/**
 * Hand-made histories for the checkers' unit tests: `healthyRelease()` is one release that did everything right
 * (build, findings, smoke test, candidate, one wave, stable, notifications, lock released); tests change one
 * thing in it to break one contract.
 */
import { type Effect, type ExecutionFacts, emptyHistory, type History, type PipelineFacts } from './history.ts';

export const T0 = Date.UTC(2026, 10, 10, 2, 0, 0);
export const at = (seconds: number) => T0 + seconds * 1000;

export const RELEASE_ARN = 'arn:aws:states:us-east-1:123456789012:execution:acme-release:web-req-1';
export const WAVE_ARN = 'arn:aws:states:us-east-1:123456789012:execution:acme-rollout-wave:web-req-1-w0';
export const BUILD_ARN = 'arn:aws:imagebuilder:us-east-1:123456789012:image/acme-web/1.0.1/1';
export const OLD_AMI = 'ami-0000000000000000a';
export const NEW_AMI = 'ami-0000000000000000b';

export function webPipeline(overrides: Partial<PipelineFacts> = {}): PipelineFacts {
  return {
    name: 'web',
    imagePipelineName: 'acme-web',
    homeRegion: 'us-east-1',
    regions: ['us-east-1'],
    channels: { candidate: '/goldsmith/web/candidate', stable: '/goldsmith/web/stable' },
    thresholds: { critical: 0, high: 2 },
    smokeTests: true,
    approval: false,
    waves: [{ name: 'staging', targets: [{ launchTemplate: 'web-staging', groups: ['web-staging'] }] }],
    releaseBoundSeconds: 40_000,
    waveBoundSeconds: 20_000,
    ...overrides,
  };
}

let seq = 0;
export function effect(partial: Partial<Effect> & Pick<Effect, 'service' | 'operation'>): Effect {
  return { seq: seq++, at: T0, region: 'us-east-1', caller: 'client', input: {}, ...partial };
}

export function releaseExecution(overrides: Partial<ExecutionFacts> = {}): ExecutionFacts {
  return {
    arn: RELEASE_ARN,
    workflow: 'release',
    name: 'web-req-1',
    input: { pipeline: 'web', releaseId: 'web-req-1', trigger: { kind: 'requested' } },
    status: 'SUCCEEDED',
    startedAt: at(0),
    stoppedAt: at(900),
    states: [
      { name: 'Plan Release', enteredAt: at(0), exitedAt: at(1), output: { action: 'build' } },
      { name: 'Start Build', enteredAt: at(1), exitedAt: at(2), output: { imageBuildVersionArn: BUILD_ARN } },
      { name: 'Publish Candidate', enteredAt: at(299), exitedAt: at(301) },
      { name: 'Roll Out Wave', enteredAt: at(400), exitedAt: at(700) },
      { name: 'Promote Stable', enteredAt: at(799), exitedAt: at(801) },
      { name: 'Release Lock', enteredAt: at(890), exitedAt: at(891) },
    ],
    ...overrides,
  };
}

export function waveExecution(overrides: Partial<ExecutionFacts> = {}): ExecutionFacts {
  return {
    arn: WAVE_ARN,
    workflow: 'rollout-wave',
    name: 'web-req-1-w0',
    input: {
      releaseId: 'web-req-1',
      pipeline: 'web',
      wave: 'staging',
      amis: [{ region: 'us-east-1', imageId: NEW_AMI }],
    },
    status: 'SUCCEEDED',
    startedAt: at(400),
    stoppedAt: at(700),
    states: [{ name: 'Roll Launch Templates', enteredAt: at(400), exitedAt: at(410) }],
    ...overrides,
  };
}

/** One release that kept every contract. */
export function healthyRelease(): History {
  seq = 0;
  return emptyHistory({
    startedAt: T0,
    endedAt: at(1000),
    pipelines: [webPipeline()],
    triggers: [{ at: T0, pipeline: 'web', kind: 'event', key: 'request-1' }],
    executions: [releaseExecution(), waveExecution()],
    builds: [
      {
        arn: BUILD_ARN,
        pipelineName: 'acme-web',
        status: 'AVAILABLE',
        timeline: [
          { status: 'BUILDING', at: at(2) },
          { status: 'AVAILABLE', at: at(100) },
        ],
        amis: [{ region: 'us-east-1', imageId: NEW_AMI }],
        findings: { high: 1 },
        startedAt: at(2),
      },
    ],
    instances: [
      { instanceId: 'i-0000000000000test', region: 'us-east-1', imageId: NEW_AMI, state: 'terminated', tags: {}, launchedAt: at(150), launchedByClient: true },
      { instanceId: 'i-00000000000000asg', region: 'us-east-1', imageId: NEW_AMI, state: 'running', tags: {}, launchedAt: at(500), launchedByClient: false },
    ],
    commands: [
      {
        region: 'us-east-1',
        commandId: 'cmd-1',
        instanceIds: ['i-0000000000000test'],
        requestedAt: at(160),
        invocations: [{ instanceId: 'i-0000000000000test', status: 'Success', finishedAt: at(200) }],
      },
    ],
    launchTemplates: [
      {
        region: 'us-east-1',
        launchTemplateId: 'lt-0000000000000staging',
        name: 'web-staging',
        initialDefault: 1,
        finalDefault: 2,
        versions: [
          { version: 1, imageId: OLD_AMI, createdAt: T0 - 1000 },
          { version: 2, imageId: NEW_AMI, createdAt: at(405) },
        ],
      },
    ],
    refreshes: [
      {
        region: 'us-east-1',
        id: 'refresh-1',
        group: 'web-staging',
        status: 'Successful',
        startedAt: at(420),
        endedAt: at(650),
        desired: { launchTemplateId: 'lt-0000000000000staging', version: '2' },
      },
    ],
    parameterWrites: [
      { region: 'us-east-1', name: '/goldsmith/web/candidate', version: 1, value: NEW_AMI, at: at(300) },
      { region: 'us-east-1', name: '/goldsmith/web/stable', version: 1, value: NEW_AMI, at: at(800) },
    ],
    effects: [
      effect({
        service: 'imagebuilder',
        operation: 'StartImagePipelineExecution',
        at: at(2),
        input: { imagePipelineArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/acme-web', clientToken: 'tok-1' },
        output: { imageBuildVersionArn: BUILD_ARN },
      }),
      effect({
        service: 'ec2',
        operation: 'RunInstances',
        at: at(150),
        input: { ImageId: NEW_AMI },
        output: { Instances: [{ InstanceId: 'i-0000000000000test' }] },
      }),
      effect({ service: 'ssm', operation: 'PutParameter', at: at(300), input: { Name: '/goldsmith/web/candidate', Value: NEW_AMI } }),
      effect({
        service: 'ec2',
        operation: 'CreateLaunchTemplateVersion',
        at: at(405),
        input: { LaunchTemplateName: 'web-staging' },
        output: { LaunchTemplateVersion: { VersionNumber: 2 } },
      }),
      effect({ service: 'ec2', operation: 'ModifyLaunchTemplate', at: at(406), input: { LaunchTemplateId: 'lt-0000000000000staging', DefaultVersion: '2' } }),
      effect({
        service: 'autoscaling',
        operation: 'StartInstanceRefresh',
        at: at(420),
        input: { AutoScalingGroupName: 'web-staging' },
        output: { InstanceRefreshId: 'refresh-1' },
      }),
      effect({ service: 'ssm', operation: 'PutParameter', at: at(800), input: { Name: '/goldsmith/web/stable', Value: NEW_AMI } }),
      effect({
        service: 'events',
        operation: 'PutEvents',
        at: at(810),
        input: { Entries: [{ DetailType: 'Goldsmith Image Published', Detail: JSON.stringify({ pipeline: 'web', releaseId: 'web-req-1' }) }] },
      }),
    ],
    notifications: [
      { at: at(3), channel: 'sns', release: 'web-req-1', outcome: 'started', pipeline: 'web', text: 'started' },
      { at: at(850), channel: 'sns', release: 'web-req-1', outcome: 'succeeded', pipeline: 'web', text: 'succeeded' },
    ],
    secrets: ['https://hooks.slack.example/services/T000/B000/secret'],
    surfaces: [{ where: 'the environment of acme-notify-release', text: 'GOLDSMITH_SLACK_SECRET_ID=goldsmith/slack/platform-releases' }],
  });
}
