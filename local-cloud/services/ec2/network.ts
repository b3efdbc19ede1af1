import { createHash, randomInt } from 'node:crypto';

/**
 * The local cloud models no VPC resources: each account and region has one default VPC with a default
 * subnet in each of three zones (a, b, c), all with stable ids. Any other well-formed subnet id a
 * request names is taken as a subnet of that VPC, in a zone derived from its id.
 */
const stableHex = (seed: string) => createHash('sha256').update(seed).digest('hex').slice(0, 17);

export const ZONE_LETTERS = ['a', 'b', 'c'];

export const defaultVpcId = (accountId: string, region: string) => `vpc-${stableHex(`vpc/${accountId}/${region}`)}`;

export const defaultSubnetId = (accountId: string, _region: string, zone: string) => `subnet-${stableHex(`subnet/${accountId}/${zone}`)}`;

export const defaultSecurityGroupId = (accountId: string, region: string) => `sg-${stableHex(`sg/${accountId}/${region}`)}`;

export const zonesOf = (region: string) => ZONE_LETTERS.map((letter) => `${region}${letter}`);

export const isSubnetId = (id: string) => /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id);

/** The default subnet of a zone, when the id is one. */
export function defaultZoneOf(subnetId: string, accountId: string, region: string): string | undefined {
  return zonesOf(region).find((zone) => defaultSubnetId(accountId, region, zone) === subnetId);
}

/** The availability zone of a subnet: stable, so an instance always reports the same zone. */
export function availabilityZoneOf(subnetId: string, accountId: string, region: string): string {
  const zones = zonesOf(region);
  return defaultZoneOf(subnetId, accountId, region) ?? zones[Number.parseInt(stableHex(subnetId).slice(0, 4), 16) % zones.length];
}

/** A stable /20 of the default VPC's 172.31.0.0/16 for a subnet. */
export function cidrOf(subnetId: string, accountId: string, region: string): string {
  const zone = defaultZoneOf(subnetId, accountId, region);
  const index = zone ? ZONE_LETTERS.indexOf(zone.slice(-1)) : 3 + (Number.parseInt(stableHex(subnetId).slice(0, 4), 16) % 12);
  return `172.31.${index * 16}.0/20`;
}

export function newPrivateIp(cidr: string): string {
  const third = Number(cidr.split('.')[2]);
  return `172.31.${third + randomInt(0, 16)}.${randomInt(4, 255)}`;
}

export function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

export const instanceProfileId = (arn: string) => `AIPA${stableHex(arn).toUpperCase()}`;
