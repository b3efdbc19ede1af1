/**
 * What the CLI reads about releases, the same way locally and on AWS: executions of the release state
 * machine, channel parameters with their history, launch template versions and instance refreshes.
 */
import { type AutoScalingClient, DescribeInstanceRefreshesCommand, type InstanceRefresh } from '@aws-sdk/client-auto-scaling';
import { DescribeLaunchTemplatesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { DescribeExecutionCommand, type ExecutionListItem, ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { GetParameterHistoryCommand, type ParameterHistory, type SSMClient } from '@aws-sdk/client-ssm';
import type { RegionalAmi, ReleaseInput } from '../core/release/contracts.ts';

export interface ReleaseView {
  name: string;
  executionArn: string;
  status: string;
  startDate: Date;
  stopDate?: Date;
  input?: ReleaseInput;
  /** The release's final state (`$.image.amis`, `$.retired`, …) when it succeeded. */
  output?: ReleaseOutput;
  error?: string;
  cause?: string;
}

/** The parts of the release state machine's output the CLI shows. */
export interface ReleaseOutput {
  plan?: { action?: string; reason?: string };
  image?: { amis?: RegionalAmi[]; imageBuildVersionArn?: string };
  retired?: { deprecated?: RegionalAmi[]; deregistered?: RegionalAmi[]; kept?: number };
}

/** Releases of a pipeline, newest first. Execution names start with the pipeline's name; the input says for sure. */
export async function listReleases(sfn: SFNClient, stateMachineArn: string, pipeline: string, limit = 10): Promise<ReleaseView[]> {
  const items: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken }));
    items.push(...(page.executions ?? []).filter((e) => e.name?.startsWith(`${pipeline}-`)));
    nextToken = page.nextToken;
  } while (nextToken);
  items.sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0));
  const releases: ReleaseView[] = [];
  for (const item of items) {
    if (releases.length >= limit) break;
    const release = await describeRelease(sfn, item.executionArn as string);
    if (release.input?.pipeline === pipeline) releases.push(release);
  }
  return releases;
}

export async function describeRelease(sfn: SFNClient, executionArn: string): Promise<ReleaseView> {
  const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  return {
    name: execution.name as string,
    executionArn,
    status: execution.status as string,
    startDate: execution.startDate as Date,
    ...(execution.stopDate ? { stopDate: execution.stopDate } : {}),
    ...(execution.input ? { input: parseJson(execution.input) as ReleaseInput } : {}),
    ...(execution.output ? { output: parseJson(execution.output) as ReleaseOutput } : {}),
    ...(execution.error ? { error: execution.error } : {}),
    ...(execution.cause ? { cause: execution.cause } : {}),
  };
}

export interface ChannelVersion {
  value: string;
  version: number;
  lastModified?: Date;
}

export interface ChannelState {
  region: string;
  current?: ChannelVersion;
  /** The latest version before `current` that held another AMI. */
  previous?: ChannelVersion;
  /** Every version, oldest first. */
  history: ChannelVersion[];
}

/** A channel parameter in one region: its value now, the one before, and its whole history. */
export async function channelState(ssm: SSMClient, region: string, name: string): Promise<ChannelState> {
  const history: ParameterHistory[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await ssm.send(new GetParameterHistoryCommand({ Name: name, MaxResults: 50, NextToken: nextToken }));
      history.push(...(page.Parameters ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
  } catch (error) {
    if ((error as Error).name === 'ParameterNotFound') return { region, history: [] };
    throw error;
  }
  const versions = history
    .map((p) => ({ value: p.Value ?? '', version: p.Version ?? 0, ...(p.LastModifiedDate ? { lastModified: p.LastModifiedDate } : {}) }))
    .sort((a, b) => a.version - b.version);
  const current = versions.at(-1);
  const previous = current && [...versions].reverse().find((v) => v.value !== current.value);
  return { region, history: versions, ...(current ? { current } : {}), ...(previous ? { previous } : {}) };
}

export interface LaunchTemplateState {
  name: string;
  defaultVersion?: number;
  latestVersion?: number;
}

export async function launchTemplateState(ec2: EC2Client, name: string): Promise<LaunchTemplateState> {
  try {
    const found = await ec2.send(
      new DescribeLaunchTemplatesCommand({ ...(name.startsWith('lt-') ? { LaunchTemplateIds: [name] } : { LaunchTemplateNames: [name] }) }),
    );
    const template = found.LaunchTemplates?.[0];
    return { name, defaultVersion: template?.DefaultVersionNumber, latestVersion: template?.LatestVersionNumber };
  } catch (error) {
    if (/NotFound/.test((error as Error).name)) return { name };
    throw error;
  }
}

/** The group's newest instance refresh. */
export async function latestRefresh(autoScaling: AutoScalingClient, group: string): Promise<InstanceRefresh | undefined> {
  const refreshes = await autoScaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: group, MaxRecords: 1 }));
  return refreshes.InstanceRefreshes?.[0];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
