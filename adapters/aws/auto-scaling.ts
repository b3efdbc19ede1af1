/** EC2 Auto Scaling for the release: instance refreshes (start, read, roll back, cancel) and groups' launch templates. */
import {
  AutoScalingClient,
  CancelInstanceRefreshCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  type InstanceRefresh,
  RollbackInstanceRefreshCommand,
  StartInstanceRefreshCommand,
} from '@aws-sdk/client-auto-scaling';
import type { AutoScalingPort, GroupLaunchTemplate, RefreshPreferences, RefreshView } from '../../core/release/ports.ts';
import { type AdapterOptions, isAwsError, RegionalClients } from './regional-clients.ts';

// The SDK names Auto Scaling's error codes with a Fault suffix (InstanceRefreshInProgress → InstanceRefreshInProgressFault).
const IN_PROGRESS = ['InstanceRefreshInProgressFault', 'InstanceRefreshInProgress'];
const NOTHING_ACTIVE = ['ActiveInstanceRefreshNotFoundFault', 'ActiveInstanceRefreshNotFound'];
const IRREVERSIBLE = ['IrreversibleInstanceRefreshFault', 'IrreversibleInstanceRefresh'];

function refreshView(refresh: InstanceRefresh): RefreshView {
  const template = refresh.DesiredConfiguration?.LaunchTemplate;
  return {
    instanceRefreshId: refresh.InstanceRefreshId as string,
    autoScalingGroupName: refresh.AutoScalingGroupName as string,
    status: refresh.Status ?? 'Unknown',
    ...(refresh.StatusReason && { statusReason: refresh.StatusReason }),
    ...(refresh.StartTime && { startTime: new Date(refresh.StartTime).getTime() }),
    ...(template && { desired: { launchTemplateId: template.LaunchTemplateId, launchTemplateName: template.LaunchTemplateName, version: template.Version } }),
  };
}

export class AutoScalingAdapter implements AutoScalingPort {
  private readonly clients: RegionalClients<AutoScalingClient>;
  /**
   * StartInstanceRefresh has no client token: when its answer is lost, a retry inside the SDK could start a second
   * refresh once the first ended. It is sent once; the step's retry looks for the refresh it started before it
   * starts one (core/release/start-refresh.ts).
   */
  private readonly once: RegionalClients<AutoScalingClient>;

  constructor(options: AdapterOptions) {
    this.clients = new RegionalClients((region) => new AutoScalingClient({ region }), options.instrument);
    this.once = new RegionalClients((region) => new AutoScalingClient({ region, maxAttempts: 1 }), options.instrument);
  }

  async startRefresh(
    region: string,
    input: { autoScalingGroupName: string; launchTemplateId: string; version: number; preferences: RefreshPreferences },
  ): Promise<{ instanceRefreshId: string } | { inProgress: true }> {
    const p = input.preferences;
    try {
      const out = await this.once.in(region).send(
        new StartInstanceRefreshCommand({
          AutoScalingGroupName: input.autoScalingGroupName,
          Strategy: 'Rolling',
          // The numbered version, never $Latest/$Default: that is what makes rollback possible.
          DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: input.launchTemplateId, Version: String(input.version) } },
          Preferences: {
            MinHealthyPercentage: p.minHealthyPercentage,
            ...(p.maxHealthyPercentage !== undefined && { MaxHealthyPercentage: p.maxHealthyPercentage }),
            ...(p.instanceWarmupSeconds !== undefined && { InstanceWarmup: p.instanceWarmupSeconds }),
            ...(p.checkpointPercentages?.length && { CheckpointPercentages: p.checkpointPercentages, CheckpointDelay: p.checkpointDelaySeconds }),
            SkipMatching: p.skipMatching,
            AutoRollback: p.autoRollback,
            ...(p.alarms?.length && { AlarmSpecification: { Alarms: p.alarms } }),
          },
        }),
      );
      return { instanceRefreshId: out.InstanceRefreshId as string };
    } catch (error) {
      if (isAwsError(error, ...IN_PROGRESS)) return { inProgress: true };
      throw error;
    }
  }

  async refreshes(region: string, autoScalingGroupName: string, instanceRefreshIds?: string[]): Promise<RefreshView[]> {
    const views: RefreshView[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.clients
        .in(region)
        .send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: autoScalingGroupName, InstanceRefreshIds: instanceRefreshIds, NextToken }));
      views.push(...(page.InstanceRefreshes ?? []).map(refreshView));
      NextToken = page.NextToken || undefined;
    } while (NextToken);
    return views;
  }

  async rollback(region: string, autoScalingGroupName: string): Promise<boolean> {
    try {
      await this.clients.in(region).send(new RollbackInstanceRefreshCommand({ AutoScalingGroupName: autoScalingGroupName }));
      return true;
    } catch (error) {
      if (isAwsError(error, ...NOTHING_ACTIVE, ...IRREVERSIBLE)) return false;
      throw error;
    }
  }

  async cancel(region: string, autoScalingGroupName: string): Promise<boolean> {
    try {
      await this.clients.in(region).send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: autoScalingGroupName }));
      return true;
    } catch (error) {
      if (isAwsError(error, ...NOTHING_ACTIVE)) return false;
      throw error;
    }
  }

  async launchTemplates(region: string, autoScalingGroupNames: string[]): Promise<GroupLaunchTemplate[]> {
    if (autoScalingGroupNames.length === 0) return [];
    const groups: GroupLaunchTemplate[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.clients.in(region).send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: autoScalingGroupNames, NextToken }));
      for (const group of page.AutoScalingGroups ?? []) {
        const template = group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
        groups.push({
          autoScalingGroupName: group.AutoScalingGroupName as string,
          ...(template?.LaunchTemplateId && { launchTemplateId: template.LaunchTemplateId }),
          ...(template?.LaunchTemplateName && { launchTemplateName: template.LaunchTemplateName }),
          ...(template?.Version && { version: template.Version }),
        });
      }
      NextToken = page.NextToken || undefined;
    } while (NextToken);
    return groups;
  }
}
