import type {
  AvailabilityZone,
  DescribeAvailabilityZonesCommandInput,
  DescribeAvailabilityZonesCommandOutput,
  DescribeSubnetsCommandInput,
  DescribeSubnetsCommandOutput,
  Subnet,
} from '@aws-sdk/client-ec2';
import type { RequestContext } from '../../service.ts';
import { invalidParameterValue, invalidSubnetIdMalformed } from './errors.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { availabilityZoneOf, cidrOf, defaultSubnetId, defaultVpcId, defaultZoneOf, isSubnetId, zonesOf } from './network.ts';
import { paginate } from './pagination.ts';

type Output<T> = Omit<T, '$metadata'>;

const DIRECTIONS: Record<string, string> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/** AWS-style zone ids, e.g. `use1-az1` for us-east-1a. */
function zoneId(zone: string): string {
  const [area, direction, number] = zone.slice(0, -1).split('-');
  return `${area}${DIRECTIONS[direction] ?? direction.charAt(0)}${number}-az${zone.charCodeAt(zone.length - 1) - 96}`;
}

function subnetShape(subnetId: string, ctx: RequestContext): Subnet {
  const zone = availabilityZoneOf(subnetId, ctx.accountId, ctx.region);
  return {
    SubnetId: subnetId,
    SubnetArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:subnet/${subnetId}`,
    State: 'available',
    VpcId: defaultVpcId(ctx.accountId, ctx.region),
    CidrBlock: cidrOf(subnetId, ctx.accountId, ctx.region),
    AvailabilityZone: zone,
    AvailabilityZoneId: zoneId(zone),
    AvailableIpAddressCount: 4091,
    DefaultForAz: defaultZoneOf(subnetId, ctx.accountId, ctx.region) !== undefined,
    MapPublicIpOnLaunch: false,
    OwnerId: ctx.accountId,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
  };
}

const SUBNET_FILTERS: FilterFields<Subnet> = {
  'availability-zone': (s) => s.AvailabilityZone,
  'availability-zone-id': (s) => s.AvailabilityZoneId,
  'cidr-block': (s) => s.CidrBlock,
  'default-for-az': (s) => s.DefaultForAz,
  'owner-id': (s) => s.OwnerId,
  state: (s) => s.State,
  'subnet-arn': (s) => s.SubnetArn,
  'subnet-id': (s) => s.SubnetId,
  'vpc-id': (s) => s.VpcId,
};

/**
 * Describes the default VPC's subnets. Differs from AWS: any well-formed subnet id asked for by id is
 * described as a subnet of the default VPC, since the local cloud does not create subnets.
 */
export function describeSubnets(input: DescribeSubnetsCommandInput, ctx: RequestContext): Output<DescribeSubnetsCommandOutput> {
  const ids = input.SubnetIds ?? [];
  for (const id of ids) if (!isSubnetId(id)) throw invalidSubnetIdMalformed(id);
  const all = ids.length ? [...new Set(ids)] : zonesOf(ctx.region).map((zone) => defaultSubnetId(ctx.accountId, ctx.region, zone));
  const subnets = applyFilters(
    all.map((id) => subnetShape(id, ctx)),
    input.Filters,
    SUBNET_FILTERS,
    () => ({}),
  );
  const { page, nextToken } = paginate(subnets, input, { min: 5, max: 1000 });
  return { Subnets: page, NextToken: nextToken };
}

export function describeAvailabilityZones(input: DescribeAvailabilityZonesCommandInput, ctx: RequestContext): Output<DescribeAvailabilityZonesCommandOutput> {
  const zones: AvailabilityZone[] = zonesOf(ctx.region).map((zone) => ({
    ZoneName: zone,
    ZoneId: zoneId(zone),
    State: 'available',
    RegionName: ctx.region,
    ZoneType: 'availability-zone',
    OptInStatus: 'opt-in-not-required',
    GroupName: ctx.region,
    NetworkBorderGroup: ctx.region,
    Messages: [],
  }));
  for (const name of input.ZoneNames ?? [])
    if (!zones.some((z) => z.ZoneName === name))
      throw invalidParameterValue(`The availability zone name (${name}) is not a valid availability zone name for this region.`);
  const named =
    input.ZoneNames?.length || input.ZoneIds?.length
      ? zones.filter((z) => input.ZoneNames?.includes(z.ZoneName as string) || input.ZoneIds?.includes(z.ZoneId as string))
      : zones;
  return {
    AvailabilityZones: applyFilters(named, input.Filters, {
      'zone-name': (z) => z.ZoneName,
      'zone-id': (z) => z.ZoneId,
      state: (z) => z.State,
      'region-name': (z) => z.RegionName,
      'zone-type': (z) => z.ZoneType,
      'group-name': (z) => z.GroupName,
      'opt-in-status': (z) => z.OptInStatus,
    }),
  };
}
