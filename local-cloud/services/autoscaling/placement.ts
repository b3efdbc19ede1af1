import type { DescribeSubnetsResult } from '@aws-sdk/client-ec2';
import { AwsServiceError } from '../../errors.ts';
import { noZones, validationError } from './errors.ts';
import type { Scope } from './fleet.ts';
import type { GroupRecord } from './store.ts';

/** Where a group may launch: its Availability Zones, or the subnets of VPCZoneIdentifier and their zones. */
export interface Placement {
  availabilityZones: string[];
  subnets: GroupRecord['subnets'];
}

export const subnetIdsOf = (vpcZoneIdentifier: string | undefined) =>
  (vpcZoneIdentifier ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Resolves AvailabilityZones and VPCZoneIdentifier as AWS does: at least one is needed, and subnets
 * must exist in EC2. When the local EC2 does not describe subnets, zones are learnt from launches.
 */
export async function resolvePlacement(scope: Scope, availabilityZones: string[] | undefined, vpcZoneIdentifier: string | undefined): Promise<Placement> {
  const subnetIds = [...new Set(subnetIdsOf(vpcZoneIdentifier))];
  const zones = [...new Set(availabilityZones ?? [])];
  if (!subnetIds.length && !zones.length) throw noZones();
  const subnets: Placement['subnets'] = subnetIds.map((subnetId) => ({ subnetId }));
  if (subnetIds.length) {
    try {
      const output = await scope.fleet.ec2<DescribeSubnetsResult>(scope, 'DescribeSubnets', { SubnetIds: subnetIds });
      for (const subnet of subnets) subnet.availabilityZone = output.Subnets?.find((s) => s.SubnetId === subnet.subnetId)?.AvailabilityZone;
    } catch (error) {
      if (error instanceof AwsServiceError && error.code.startsWith('InvalidSubnetID')) throw validationError(error.message);
      // Differs from AWS: without subnet support in the local EC2, any subnet id is taken as given.
      if (!(error instanceof AwsServiceError && error.status === 501)) throw error;
    }
  }
  const subnetZones = [...new Set(subnets.map((s) => s.availabilityZone).filter((z): z is string => Boolean(z)))];
  const availability = zones.length ? zones : subnetZones.length ? subnetZones : [`${scope.region}a`];
  return { availabilityZones: availability, subnets };
}
