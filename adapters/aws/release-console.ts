/**
 * What an operator's console (the goldsmith command) asks of a cloud about releases, the same way locally
 * and on AWS: start a release execution, follow its history, read how it ended, and the state of the
 * channels, launch templates and instance refreshes it touched. Callers get plain data, never SDK shapes.
 */
import { AutoScalingClient, DescribeInstanceRefreshesCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeLaunchTemplatesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeExecutionCommand,
  type ExecutionListItem,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { GetParameterHistoryCommand, type ParameterHistory, SSMClient } from '@aws-sdk/client-ssm';
import type { RegionalAmi, ReleaseInput } from '../../core/release/contracts.ts';
import { type AwsTarget, clientSettings } from './local-deployer-clients.ts';
import { isAwsError, RegionalClients } from './regional-clients.ts';

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

/** The parts of the release state machine's output an operator is shown. */
export interface ReleaseOutput {
  plan?: { action?: string; reason?: string };
  image?: { amis?: RegionalAmi[]; imageBuildVersionArn?: string };
  retired?: { deprecated?: RegionalAmi[]; deregistered?: RegionalAmi[]; kept?: number };
}

/** One event of an execution's history, reduced to what progress shows. */
export interface ExecutionEvent {
  /** Step Functions' event type: `TaskStateEntered`, `LambdaFunctionFailed`, `ExecutionSucceeded`, … */
  type: string;
  /** Epoch ms; 0 when the event carries no timestamp. */
  at: number;
  /** The state a `…StateEntered` or `…StateExited` event is about. */
  state?: string;
  /** A failed, timed-out or aborted event's error and cause. */
  error?: string;
  cause?: string;
  /** The child execution a `states:startExecution` task submitted. */
  childExecutionArn?: string;
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

export interface LaunchTemplateState {
  name: string;
  defaultVersion?: number;
  latestVersion?: number;
}

export interface RefreshState {
  status?: string;
  percentageComplete?: number;
  statusReason?: string;
}

export class ReleaseConsole {
  private readonly sfn: SFNClient;
  private readonly ec2: EC2Client;
  private readonly autoScaling: AutoScalingClient;
  /** Channels live in every distribution region. */
  private readonly ssm: RegionalClients<SSMClient>;

  constructor(target: AwsTarget) {
    const settings = clientSettings(target);
    this.sfn = new SFNClient(settings);
    this.ec2 = new EC2Client(settings);
    this.autoScaling = new AutoScalingClient(settings);
    this.ssm = new RegionalClients((region) => new SSMClient(clientSettings({ ...target, region })));
  }

  /** Starts a release execution named by its release id; returns its ARN. */
  async startRelease(stateMachineArn: string, input: ReleaseInput): Promise<string> {
    const started = await this.sfn.send(new StartExecutionCommand({ stateMachineArn, name: input.releaseId, input: JSON.stringify(input) }));
    return started.executionArn as string;
  }

  /** False while Step Functions does not know the execution (yet). */
  async executionExists(executionArn: string): Promise<boolean> {
    try {
      await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return true;
    } catch (error) {
      if (isAwsError(error, 'ExecutionDoesNotExist')) return false;
      throw error;
    }
  }

  /** Releases of a pipeline, newest first. Execution names start with the pipeline's name; the input says for sure. */
  async listReleases(stateMachineArn: string, pipeline: string, limit = 10): Promise<ReleaseView[]> {
    const items: ExecutionListItem[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken }));
      items.push(...(page.executions ?? []).filter((e) => e.name?.startsWith(`${pipeline}-`)));
      nextToken = page.nextToken;
    } while (nextToken);
    items.sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0));
    const releases: ReleaseView[] = [];
    for (const item of items) {
      if (releases.length >= limit) break;
      const release = await this.describeRelease(item.executionArn as string);
      if (release.input?.pipeline === pipeline) releases.push(release);
    }
    return releases;
  }

  async describeRelease(executionArn: string): Promise<ReleaseView> {
    const execution = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
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

  /** An execution's whole history, oldest first. */
  async executionHistory(executionArn: string): Promise<ExecutionEvent[]> {
    const events: ExecutionEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
      events.push(...(page.events ?? []).map(executionEventOf));
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  }

  /** A channel parameter in one region: its value now, the one before, and its whole history. */
  async channelState(region: string, name: string): Promise<ChannelState> {
    const history: ParameterHistory[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const page = await this.ssm.in(region).send(new GetParameterHistoryCommand({ Name: name, MaxResults: 50, NextToken: nextToken }));
        history.push(...(page.Parameters ?? []));
        nextToken = page.NextToken;
      } while (nextToken);
    } catch (error) {
      if (isAwsError(error, 'ParameterNotFound')) return { region, history: [] };
      throw error;
    }
    const versions = history
      .map((p) => ({ value: p.Value ?? '', version: p.Version ?? 0, ...(p.LastModifiedDate ? { lastModified: p.LastModifiedDate } : {}) }))
      .sort((a, b) => a.version - b.version);
    const current = versions.at(-1);
    const previous = current && [...versions].reverse().find((v) => v.value !== current.value);
    return { region, history: versions, ...(current ? { current } : {}), ...(previous ? { previous } : {}) };
  }

  /** A launch template by name or `lt-` id; a missing one has no versions. */
  async launchTemplateState(name: string): Promise<LaunchTemplateState> {
    try {
      const found = await this.ec2.send(
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
  async latestRefresh(group: string): Promise<RefreshState | undefined> {
    const refreshes = await this.autoScaling.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: group, MaxRecords: 1 }));
    const refresh = refreshes.InstanceRefreshes?.[0];
    return refresh && { status: refresh.Status, percentageComplete: refresh.PercentageComplete, statusReason: refresh.StatusReason };
  }

  destroy(): void {
    for (const client of [this.sfn, this.ec2, this.autoScaling, ...this.ssm.created()]) client.destroy();
  }
}

function executionEventOf(event: HistoryEvent): ExecutionEvent {
  const state = event.stateEnteredEventDetails?.name ?? event.stateExitedEventDetails?.name;
  const failure =
    event.taskFailedEventDetails ??
    event.lambdaFunctionFailedEventDetails ??
    event.executionFailedEventDetails ??
    event.taskTimedOutEventDetails ??
    event.lambdaFunctionTimedOutEventDetails ??
    event.executionTimedOutEventDetails ??
    event.executionAbortedEventDetails;
  const child = childExecutionOf(event);
  return {
    type: event.type ?? '',
    at: event.timestamp ? new Date(event.timestamp).getTime() : 0,
    ...(state ? { state } : {}),
    ...(failure?.error ? { error: failure.error } : {}),
    ...(failure?.cause ? { cause: failure.cause } : {}),
    ...(child ? { childExecutionArn: child } : {}),
  };
}

/** The child execution a `states:startExecution` task submitted: its output names it. */
function childExecutionOf(event: HistoryEvent): string | undefined {
  if (event.type !== 'TaskSubmitted' || event.taskSubmittedEventDetails?.resourceType !== 'states') return undefined;
  try {
    const output = JSON.parse(event.taskSubmittedEventDetails.output ?? '{}') as { ExecutionArn?: string; executionArn?: string };
    return output.ExecutionArn ?? output.executionArn;
  } catch {
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
