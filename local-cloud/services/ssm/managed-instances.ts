import type { CloudRuntime } from '../../cloud.ts';

/**
 * Simulated time from an instance's launch until its SSM Agent has registered with Systems Manager.
 * Until then the instance is not a managed node: SendCommand refuses it and DescribeInstanceInformation
 * does not list it.
 */
export const AGENT_REGISTRATION_DELAY_MS = 60_000;

type Scope = { accountId: string; region: string };

/** The parts of an EC2 instance (as DescribeInstances returns it) that Systems Manager looks at. */
export interface Ec2Instance {
  InstanceId?: string;
  ImageId?: string;
  State?: { Name?: string };
  LaunchTime?: Date | string | number;
  Tags?: Array<{ Key?: string; Value?: string }>;
  PrivateIpAddress?: string;
  Platform?: string;
  PlatformDetails?: string;
  IamInstanceProfile?: { Arn?: string };
}

export type PingStatus = 'Online' | 'ConnectionLost';
export type PlatformType = 'Linux' | 'Windows';

/** Every instance in the account and region, through EC2's own DescribeInstances. */
export async function describeInstances(cloud: CloudRuntime, scope: Scope): Promise<Ec2Instance[]> {
  const instances: Ec2Instance[] = [];
  let token: string | undefined;
  do {
    const page = await cloud.invoke<{ Reservations?: Array<{ Instances?: Ec2Instance[] }>; NextToken?: string }>(
      'ec2',
      'DescribeInstances',
      token ? { NextToken: token } : {},
      scope,
      'ssm',
    );
    for (const reservation of page.Reservations ?? []) instances.push(...(reservation.Instances ?? []));
    token = page.NextToken || undefined;
  } while (token);
  return instances;
}

const epochMs = (value: Date | string | number | undefined) => (value === undefined ? Number.NaN : new Date(value).getTime());

export function registeredAt(instance: Ec2Instance): number {
  return epochMs(instance.LaunchTime) + AGENT_REGISTRATION_DELAY_MS;
}

/**
 * The instance's Systems Manager ping status: Online once its agent has registered while it runs, ConnectionLost
 * when a registered instance is stopped. Undefined when it is not a managed node (not registered yet, or gone).
 */
export function pingStatus(instance: Ec2Instance, now: number): PingStatus | undefined {
  const registered = registeredAt(instance);
  if (!(now >= registered)) return undefined;
  switch (instance.State?.Name) {
    case 'running':
      return 'Online';
    case 'stopping':
    case 'stopped':
      return 'ConnectionLost';
    default:
      return undefined;
  }
}

export function platformOf(instance: Ec2Instance): PlatformType {
  return /windows/i.test(`${instance.Platform ?? ''} ${instance.PlatformDetails ?? ''}`) ? 'Windows' : 'Linux';
}

export function tagValue(instance: Ec2Instance, key: string): string | undefined {
  return instance.Tags?.find((tag) => tag.Key === key)?.Value;
}

/** The AMI names of the given images (an image that EC2 no longer describes has no name). */
export async function imageNames(cloud: CloudRuntime, scope: Scope, imageIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const imageId of new Set(imageIds)) {
    try {
      const { Images } = await cloud.invoke<{ Images?: Array<{ ImageId?: string; Name?: string }> }>(
        'ec2',
        'DescribeImages',
        { ImageIds: [imageId] },
        scope,
        'ssm',
      );
      const name = Images?.find((image) => image.ImageId === imageId)?.Name;
      if (name) names.set(imageId, name);
    } catch {
      // A deregistered or unknown AMI simply has no name to match scenario rules against.
    }
  }
  return names;
}
