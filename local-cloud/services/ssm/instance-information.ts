import type { DescribeInstanceInformationCommandInput, DescribeInstanceInformationCommandOutput, InstanceInformation } from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../service.ts';
import { Constraints } from './constraints.ts';
import { invalidFilterKey, invalidInstanceInformationFilterValue } from './errors.ts';
import { describeInstances, type Ec2Instance, pingStatus, platformOf, registeredAt, tagValue } from './managed-instances.ts';
import { page } from './pagination.ts';

type Output<T> = Omit<T, '$metadata'>;

const AGENT_VERSION = '3.3.1142.0';
const LIST_KEYS = ['InstanceIds', 'AgentVersion', 'PingStatus', 'PlatformTypes', 'ActivationIds', 'IamRole', 'ResourceType', 'AssociationStatus'];
const ENUM_VALUES: Record<string, string[]> = {
  PingStatus: ['Online', 'ConnectionLost', 'Inactive'],
  PlatformTypes: ['Windows', 'Linux', 'MacOS'],
  ResourceType: ['EC2Instance', 'ManagedInstance'],
};

interface Filter {
  key: string;
  values: string[];
}

/** Both filter styles, validated and merged into one list. */
function filtersOf(input: DescribeInstanceInformationCommandInput): Filter[] {
  const constraints = new Constraints()
    .range(input.MaxResults, 'maxResults', 5, 50)
    .length(input.InstanceInformationFilterList, 'instanceInformationFilterList', 0, 5)
    .length(input.Filters, 'filters', 0, 5);
  (input.InstanceInformationFilterList ?? []).forEach((f, i) => {
    constraints
      .oneOf(f.key, `instanceInformationFilterList.${i + 1}.member.key`, LIST_KEYS)
      .length(f.valueSet, `instanceInformationFilterList.${i + 1}.member.valueSet`, 1, 100);
  });
  (input.Filters ?? []).forEach((f, i) => {
    constraints.length(f.Key, `filters.${i + 1}.member.key`, 1, 255).length(f.Values, `filters.${i + 1}.member.values`, 1, 100);
  });
  constraints.check();
  const filters: Filter[] = [
    ...(input.InstanceInformationFilterList ?? []).map((f) => ({ key: f.key as string, values: f.valueSet ?? [] })),
    ...(input.Filters ?? []).map((f) => ({ key: f.Key as string, values: f.Values ?? [] })),
  ];
  for (const { key, values } of filters) {
    if (!LIST_KEYS.includes(key) && key !== 'tag-key' && !/^tag:.+/.test(key)) throw invalidFilterKey('The specified key is not valid.');
    const allowed = ENUM_VALUES[key];
    const wrong = allowed && values.find((v) => !allowed.includes(v));
    if (wrong) throw invalidInstanceInformationFilterValue(`${wrong} is not a valid value for the filter key ${key}. Valid values: ${allowed.join(', ')}.`);
  }
  return filters;
}

/** The host name EC2 gives an instance from its private address, e.g. ip-10-0-1-23.ec2.internal. */
function computerName(instance: Ec2Instance, region: string): string | undefined {
  if (!instance.PrivateIpAddress) return undefined;
  const domain = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
  return `ip-${instance.PrivateIpAddress.replaceAll('.', '-')}.${domain}`;
}

function toInformation(instance: Ec2Instance, status: 'Online' | 'ConnectionLost', now: number, region: string): InstanceInformation {
  const platform = platformOf(instance);
  const registered = registeredAt(instance);
  // An online agent pings every few minutes; a stopped instance was last heard from when it stopped.
  const lastPing = status === 'Online' ? now - ((now - registered) % 300_000) : registered;
  return {
    InstanceId: instance.InstanceId,
    PingStatus: status,
    LastPingDateTime: new Date(lastPing),
    AgentVersion: AGENT_VERSION,
    IsLatestVersion: true,
    PlatformType: platform,
    PlatformName: platform === 'Windows' ? 'Microsoft Windows Server 2022 Datacenter' : 'Amazon Linux',
    PlatformVersion: platform === 'Windows' ? '10.0.20348' : '2023',
    IamRole: instance.IamInstanceProfile?.Arn?.split('/').pop(),
    ResourceType: 'EC2Instance',
    IPAddress: instance.PrivateIpAddress,
    ComputerName: computerName(instance, region),
    SourceId: instance.InstanceId,
    SourceType: 'AWS::EC2::Instance',
  };
}

function matches(info: InstanceInformation, instance: Ec2Instance, { key, values }: Filter): boolean {
  switch (key) {
    case 'InstanceIds':
      return values.includes(info.InstanceId as string);
    case 'PingStatus':
      return values.includes(info.PingStatus as string);
    case 'PlatformTypes':
      return values.includes(info.PlatformType as string);
    case 'ResourceType':
      return values.includes(info.ResourceType as string);
    case 'AgentVersion':
      return values.includes(AGENT_VERSION);
    case 'IamRole':
      return values.includes(info.IamRole ?? '');
    case 'tag-key':
      return values.some((k) => tagValue(instance, k) !== undefined);
    case 'ActivationIds':
    case 'AssociationStatus':
      return false;
    default: {
      const value = tagValue(instance, key.slice(4));
      return value !== undefined && values.includes(value);
    }
  }
}

/**
 * The managed nodes of the account: EC2 instances whose SSM Agent has registered (AGENT_REGISTRATION_DELAY_MS
 * after launch). Running ones are Online, stopped ones ConnectionLost; terminated ones are gone.
 */
export async function describeInstanceInformation(
  input: DescribeInstanceInformationCommandInput,
  ctx: RequestContext,
): Promise<Output<DescribeInstanceInformationCommandOutput>> {
  const filters = filtersOf(input);
  const now = ctx.cloud.clock.now();
  const list: InstanceInformation[] = [];
  for (const instance of await describeInstances(ctx.cloud, ctx)) {
    const status = pingStatus(instance, now);
    if (!status) continue;
    const info = toInformation(instance, status, now, ctx.region);
    if (filters.every((filter) => matches(info, instance, filter))) list.push(info);
  }
  const { items, nextToken } = page(list, input.MaxResults ?? 50, input.NextToken);
  return { InstanceInformationList: items, NextToken: nextToken };
}
