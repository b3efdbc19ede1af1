/**
 * One deploy harness for the end-to-end tests: an in-memory local cloud, the app deployed to it by the
 * local deployer exactly as `npm start` deploys it, the fleet fixtures, the notification inbox, and
 * fast-forward, so a release takes as long as its code runs. Tests assert the resulting state of the cloud.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DescribeAutoScalingGroupsCommand, DescribeInstanceRefreshesCommand, type InstanceRefresh } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand, DescribeLaunchTemplatesCommand, DescribeLaunchTemplateVersionsCommand, type Instance } from '@aws-sdk/client-ec2';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetExecutionHistoryCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { type DeployClients, deployClients, destroyClients } from '../../adapters/aws/local-deployer-clients.ts';
import { type ChannelState, ReleaseConsole, type ReleaseView } from '../../adapters/aws/release-console.ts';
import { type Connection, sessionConnection } from '../../cli/connection.ts';
import { deployLocally, type LocalDeployment } from '../../cli/local-deploy.ts';
import { type LocalSession, startLocalSession } from '../../cli/local-session.ts';
import type { InboxMessage } from '../../cli/notification-inbox.ts';
import type { Project } from '../../cli/project.ts';
import { releaseStateMachineArn, skipIdleTimeUntilClosed, startRelease } from '../../cli/release-run.ts';
import { type GoldsmithConfigInput, type LoadedConfig, loadConfig } from '../../core/config/index.ts';
import type { RegionalAmi, ReleaseInput } from '../../core/release/contracts.ts';
import { executionNames } from '../../core/release/execution-names.ts';
import type { Scenario } from '../../local-cloud/scenario.ts';
import { resolvedOf } from '../core/app-model/app-model-fixture.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE_CONFIG = `${ROOT}goldsmith.config.ts`;

/** The example fleet's config as written, to vary in a test. */
export async function exampleConfig(): Promise<LoadedConfig> {
  return loadConfig(EXAMPLE_CONFIG);
}

/** A project from a config input, with component documents read from the repository. */
export function projectOf(input: GoldsmithConfigInput): Project {
  const resolved = resolvedOf(input);
  return { resolved: { ...resolved, configPath: EXAMPLE_CONFIG, rootDir: ROOT }, projectDir: ROOT, pipelines: resolved.pipelines.map((p) => p.config.name) };
}

export interface FleetOptions {
  /** Default: the example fleet. */
  project?: Project;
  scenario?: Scenario;
  /** Instances per Auto Scaling group. Default 1: the smallest fleet that still refreshes. */
  groupSize?: number;
}

export interface Fleet {
  readonly project: Project;
  readonly session: LocalSession;
  readonly connection: Connection;
  readonly clients: DeployClients;
  readonly deployment: LocalDeployment;
  readonly region: string;
  /** Notifications the inbox received. */
  readonly messages: InboxMessage[];
  setScenario(scenario: Scenario): void;
  /** Starts a release as `goldsmith run` does; returns the execution ARN. */
  start(pipeline: string, extra?: Partial<ReleaseInput>): Promise<{ executionArn: string; releaseId: string }>;
  /** Waits for an execution to end, skipping idle simulated time. */
  finish(executionArn: string): Promise<ReleaseView>;
  /** Starts a release and waits for its end. */
  release(pipeline: string, extra?: Partial<ReleaseInput>): Promise<ReleaseView>;
  /** Puts a `Release Requested` event as CI does. */
  requestRelease(pipeline: string, requestId: string): Promise<void>;
  /** The AMIs a release built, read from its history: a failed release has no output. */
  amisOf(executionArn: string): Promise<RegionalAmi[]>;
  /** The last states an execution entered, for failure messages. */
  trail(executionArn: string, count?: number): Promise<string>;
  /** Every execution of the release state machine, newest first. */
  executions(): Promise<{ name: string; status: string; executionArn: string }[]>;
  channel(name: string, region?: string): Promise<ChannelState>;
  launchTemplate(name: string): Promise<{ defaultVersion: number; latestVersion: number; defaultImageId?: string }>;
  refreshes(group: string): Promise<InstanceRefresh[]>;
  groupInstances(group: string): Promise<{ instanceId: string; imageId?: string }[]>;
  /** EC2 instances with a tag, in any state. */
  instancesTagged(key: string, value: string): Promise<Instance[]>;
  close(): Promise<void>;
}

export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const project = options.project ?? (await exampleProject());
  const session = await startLocalSession({ projectDir: project.projectDir, inMemory: true, scenario: options.scenario });
  let connection: Connection | undefined;
  let clients: DeployClients | undefined;
  try {
    connection = await sessionConnection(project, session);
    const deployment = await deployLocally(project, connection, { groupSize: options.groupSize ?? 1 });
    clients = deployClients(connection.target);
    return fleetOf(project, session, connection, clients, deployment);
  } catch (error) {
    if (clients) destroyClients(clients);
    await session.close();
    throw error;
  }
}

async function exampleProject(): Promise<Project> {
  const resolved = await exampleConfig();
  return { resolved, projectDir: ROOT, pipelines: resolved.pipelines.map((p) => p.config.name) };
}

function fleetOf(project: Project, session: LocalSession, connection: Connection, clients: DeployClients, deployment: LocalDeployment): Fleet {
  const region = connection.scope.region;
  const releases = new ReleaseConsole(connection.target);
  const fleet: Fleet = {
    project,
    session,
    connection,
    clients,
    deployment,
    region,
    messages: session.inbox.messages,
    setScenario: (scenario) => {
      session.cloud.setScenario(scenario);
    },
    async start(pipeline, extra = {}) {
      const releaseId = extra.releaseId ?? executionNames.manual(pipeline, randomUUID());
      const input: ReleaseInput = { pipeline, releaseId, trigger: { kind: 'manual', detail: 'e2e' }, ...extra };
      return { executionArn: await startRelease(connection, releases, input), releaseId };
    },
    async finish(executionArn) {
      await skipIdleTimeUntilClosed(session, executionArn, 120_000);
      return releases.describeRelease(executionArn);
    },
    async release(pipeline, extra) {
      const { executionArn } = await fleet.start(pipeline, extra);
      return fleet.finish(executionArn);
    },
    async requestRelease(pipeline, requestId) {
      await clients.events.send(
        new PutEventsCommand({
          Entries: [{ Source: 'goldsmith', DetailType: 'Release Requested', Detail: JSON.stringify({ pipeline, requestId }), EventBusName: 'default' }],
        }),
      );
    },
    async amisOf(executionArn) {
      const history = await clients.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, reverseOrder: true }));
      for (const event of history.events ?? []) {
        const output = event.stateExitedEventDetails?.output;
        const amis = output ? (JSON.parse(output) as { image?: { amis?: RegionalAmi[] } }).image?.amis : undefined;
        if (amis?.length) return amis;
      }
      return [];
    },
    async trail(executionArn, count = 12) {
      const history = await clients.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, reverseOrder: true }));
      return (history.events ?? [])
        .slice(0, count)
        .reverse()
        .map((e) => `${e.type}${e.stateEnteredEventDetails ? ` ${e.stateEnteredEventDetails.name}` : ''}`)
        .join(' → ');
    },
    async executions() {
      const listed = await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn: releaseStateMachineArn(connection), maxResults: 1000 }));
      return (listed.executions ?? [])
        .sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0))
        .map((e) => ({ name: e.name as string, status: e.status as string, executionArn: e.executionArn as string }));
    },
    channel: (name, r = region) => releases.channelState(r, name),
    async launchTemplate(name) {
      const template = (await clients.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [name] }))).LaunchTemplates?.[0];
      const versions = await clients.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: name, Versions: ['$Default'] }));
      return {
        defaultVersion: template?.DefaultVersionNumber ?? 0,
        latestVersion: template?.LatestVersionNumber ?? 0,
        defaultImageId: versions.LaunchTemplateVersions?.[0]?.LaunchTemplateData?.ImageId,
      };
    },
    async refreshes(group) {
      return (await clients.autoScaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: group }))).InstanceRefreshes ?? [];
    },
    async groupInstances(group) {
      const found = await clients.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [group] }));
      const ids = (found.AutoScalingGroups?.[0]?.Instances ?? []).map((i) => i.InstanceId as string);
      if (!ids.length) return [];
      const described = await clients.ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
      return (described.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => ({ instanceId: i.InstanceId as string, imageId: i.ImageId }));
    },
    async instancesTagged(key, value) {
      const described = await clients.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: `tag:${key}`, Values: [value] }] }));
      return (described.Reservations ?? []).flatMap((r) => r.Instances ?? []);
    },
    async close() {
      releases.destroy();
      destroyClients(clients);
      await session.close();
    },
  };
  return fleet;
}
