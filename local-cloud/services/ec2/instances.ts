import type {
  DescribeInstanceStatusCommandInput,
  DescribeInstanceStatusCommandOutput,
  DescribeInstancesCommandInput,
  DescribeInstancesCommandOutput,
  InstanceStateChange,
  RequestLaunchTemplateData,
  Reservation,
  RunInstancesCommandInput,
  RunInstancesCommandOutput,
  StartInstancesCommandInput,
  StartInstancesCommandOutput,
  StopInstancesCommandInput,
  StopInstancesCommandOutput,
  TerminateInstancesCommandInput,
  TerminateInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import type { RequestContext } from '../../service.ts';
import {
  amiUnavailable,
  cannotStart,
  cannotStop,
  instanceMalformed,
  instanceNotFound,
  invalidAvailabilityZone,
  invalidInstanceType,
  invalidParameterCombination,
  invalidParameterValue,
  invalidSubnetIdMalformed,
  missingParameter,
  neverRunning,
} from './errors.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { usableImage } from './image-access.ts';
import { STATE_CODES, TERMINATED_VISIBLE_MS } from './instance-lifecycle.ts';
import { instanceShape, stateShape, statusChecks } from './instance-shape.ts';
import { findTemplate, findVersion } from './launch-template-access.ts';
import { checkLaunchData, LAUNCH_TAGGABLE, resolveImageAlias } from './launch-template-data.ts';
import {
  availabilityZoneOf,
  cidrOf,
  defaultSecurityGroupId,
  defaultSubnetId,
  defaultVpcId,
  instanceProfileId,
  isSubnetId,
  newPrivateIp,
  zonesOf,
} from './network.ts';
import { paginate } from './pagination.ts';
import { isInstanceId, newInstanceId, newReservationId, newVolumeId } from './resource-ids.ts';
import { type Ec2State, type InstanceRecord, regionState } from './store.ts';
import { tagsByResourceType } from './tag-specifications.ts';

type Output<T> = Omit<T, '$metadata'>;

/** The most instances one RunInstances call launches here. */
const MAX_LAUNCH = 100;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;

function checkCount(name: string, value: unknown): number {
  if (value === undefined) throw missingParameter(name);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw invalidParameterValue(
      `Value (${String(value)}) for parameter ${name.charAt(0).toLowerCase()}${name.slice(1)} is invalid. Expected a value greater than 0.`,
    );
  return value;
}

/** The instances of the caller's region that are still visible: terminated ones disappear after an hour. */
function visibleInstances(ctx: RequestContext): InstanceRecord[] {
  const state = regionState(ctx);
  const now = ctx.cloud.clock.now();
  for (const instance of Object.values(state.instances)) {
    if (instance.terminatedAt !== undefined && now - instance.terminatedAt > TERMINATED_VISIBLE_MS) delete state.instances[instance.instanceId];
  }
  return Object.values(state.instances);
}

/** The instances a request names, or EC2's error for malformed and unknown ids. */
function namedInstances(ctx: RequestContext, ids: string[]): InstanceRecord[] {
  for (const id of ids) if (!isInstanceId(id)) throw instanceMalformed(id);
  const visible = new Map(visibleInstances(ctx).map((i) => [i.instanceId, i]));
  const missing = ids.filter((id) => !visible.has(id));
  if (missing.length) throw instanceNotFound(missing);
  return [...new Set(ids)].map((id) => visible.get(id) as InstanceRecord);
}

function reservationOf(instances: InstanceRecord[], ctx: RequestContext): Reservation {
  const first = instances[0];
  return {
    ReservationId: first.reservationId,
    OwnerId: first.ownerId,
    Groups: [],
    Instances: instances.map((i) => instanceShape(i, ctx.region)),
  };
}

function launchedWithToken(state: Ec2State, token: string | undefined): InstanceRecord[] {
  if (!token) return [];
  return Object.values(state.instances)
    .filter((i) => i.clientToken === token)
    .sort((a, b) => a.amiLaunchIndex - b.amiLaunchIndex);
}

export async function runInstances(input: RunInstancesCommandInput, ctx: RequestContext): Promise<Output<RunInstancesCommandOutput>> {
  const maxCount = checkCount('MaxCount', input.MaxCount);
  const minCount = checkCount('MinCount', input.MinCount);
  if (minCount > maxCount)
    throw invalidParameterValue(`Value (${minCount}) for parameter minCount is invalid. Expected a value less than or equal to maxCount (${maxCount}).`);
  if (minCount > MAX_LAUNCH) throw invalidParameterValue(`The local cloud launches at most ${MAX_LAUNCH} instances per request; MinCount was ${minCount}.`);
  const state = regionState(ctx);
  // A retried request with the same client token gets the first launch's reservation, launching nothing new.
  const earlier = launchedWithToken(state, input.ClientToken);
  if (earlier.length) return reservationOf(earlier, ctx);

  let template: { id: string; version: number; data: RequestLaunchTemplateData } | undefined;
  if (input.LaunchTemplate) {
    const record = findTemplate(ctx, input.LaunchTemplate);
    const version = findVersion(record, input.LaunchTemplate.Version);
    template = { id: record.launchTemplateId, version: version.versionNumber, data: version.data };
  }
  const fromTemplate: RequestLaunchTemplateData = template?.data ?? {};
  const explicit: RequestLaunchTemplateData = {
    ImageId: input.ImageId,
    InstanceType: input.InstanceType,
    MetadataOptions: input.MetadataOptions,
    IamInstanceProfile: input.IamInstanceProfile,
    KeyName: input.KeyName,
    UserData: input.UserData,
    EbsOptimized: input.EbsOptimized,
    SecurityGroupIds: input.SecurityGroupIds,
  };
  checkLaunchData({ ...explicit, TagSpecifications: undefined });
  // Parameters given in the request override the launch template's.
  const pick = <K extends keyof RequestLaunchTemplateData>(key: K) => explicit[key] ?? fromTemplate[key];

  const imageId = await resolveImageAlias(pick('ImageId'), ctx);
  if (!imageId) throw missingParameter('ImageId');
  const image = usableImage(ctx, imageId);
  if (image.state !== 'available') throw amiUnavailable(image.imageId);

  const instanceType = pick('InstanceType') ?? 'm1.small';
  if (!INSTANCE_TYPE.test(instanceType)) throw invalidInstanceType(instanceType);

  const metadata = pick('MetadataOptions') ?? {};
  const imdsV2 = image.imdsSupport === 'v2.0';
  const metadataOptions = {
    HttpTokens: metadata.HttpTokens ?? (imdsV2 ? 'required' : 'optional'),
    HttpPutResponseHopLimit: metadata.HttpPutResponseHopLimit ?? (imdsV2 ? 2 : 1),
    HttpEndpoint: metadata.HttpEndpoint ?? 'enabled',
    HttpProtocolIpv6: metadata.HttpProtocolIpv6 ?? 'disabled',
    InstanceMetadataTags: metadata.InstanceMetadataTags ?? 'disabled',
  };

  const profile = pick('IamInstanceProfile');
  if (profile?.Arn && profile.Name)
    throw invalidParameterCombination('The parameter iamInstanceProfile.name may not be used in combination with iamInstanceProfile.arn');
  const profileArn = profile?.Arn ?? (profile?.Name ? `arn:aws:iam::${ctx.accountId}:instance-profile/${profile.Name}` : undefined);

  // A subnet decides the zone; without one, the default subnet of the requested (or first) zone is used.
  const requestedZone = input.Placement?.AvailabilityZone ?? fromTemplate.Placement?.AvailabilityZone;
  if (requestedZone !== undefined && !zonesOf(ctx.region).includes(requestedZone)) throw invalidAvailabilityZone(requestedZone);
  const subnetId =
    input.SubnetId ??
    input.NetworkInterfaces?.[0]?.SubnetId ??
    fromTemplate.NetworkInterfaces?.[0]?.SubnetId ??
    defaultSubnetId(ctx.accountId, ctx.region, requestedZone ?? zonesOf(ctx.region)[0]);
  if (!isSubnetId(subnetId)) throw invalidSubnetIdMalformed(subnetId);
  const availabilityZone = availabilityZoneOf(subnetId, ctx.accountId, ctx.region);
  const cidr = cidrOf(subnetId, ctx.accountId, ctx.region);

  // Tags from the template and the request are merged; the request's value wins for the same key.
  // Unlike AWS, `aws:` tag keys are accepted here, so that Auto Scaling can tag the instances it launches.
  const templateTags = tagsByResourceType(fromTemplate.TagSpecifications, LAUNCH_TAGGABLE);
  const requestTags = tagsByResourceType(input.TagSpecifications, LAUNCH_TAGGABLE, { allowAwsPrefix: true });
  const tags: Record<string, string> = { ...(templateTags.get('instance') ?? {}), ...(requestTags.get('instance') ?? {}) };
  if (template) Object.assign(tags, { 'aws:ec2launchtemplate:id': template.id, 'aws:ec2launchtemplate:version': String(template.version) });

  const securityGroupIds = pick('SecurityGroupIds') ?? [defaultSecurityGroupId(ctx.accountId, ctx.region)];
  const now = ctx.cloud.clock.now();
  const reservationId = newReservationId();
  const count = Math.min(maxCount, MAX_LAUNCH);
  const instances: InstanceRecord[] = [];
  for (let index = 0; index < count; index++) {
    const instance: InstanceRecord = {
      instanceId: newInstanceId(),
      reservationId,
      ownerId: ctx.accountId,
      imageId: image.imageId,
      instanceType,
      state: 'pending',
      launchTime: now,
      stateChangedAt: now,
      stateTransitionReason: '',
      amiLaunchIndex: index,
      architecture: image.architecture,
      availabilityZone,
      subnetId,
      vpcId: defaultVpcId(ctx.accountId, ctx.region),
      privateIpAddress: newPrivateIp(cidr),
      rootDeviceName: image.rootDeviceName,
      rootVolumeId: newVolumeId(),
      metadataOptions,
      iamInstanceProfile: profileArn ? { Arn: profileArn, Id: instanceProfileId(profileArn) } : undefined,
      keyName: pick('KeyName'),
      securityGroupIds,
      userData: pick('UserData'),
      clientToken: input.ClientToken,
      ebsOptimized: pick('EbsOptimized') ?? false,
      tags: { ...tags },
    };
    state.instances[instance.instanceId] = instance;
    instances.push(instance);
  }
  const lifecycle = ctx.cloud.services.ec2.lifecycle;
  for (const instance of instances) lifecycle.enter(ctx.accountId, ctx.region, instance, 'pending');
  return reservationOf(instances, ctx);
}

const INSTANCE_FILTERS: FilterFields<InstanceRecord> = {
  architecture: (i) => i.architecture,
  'availability-zone': (i) => i.availabilityZone,
  'client-token': (i) => i.clientToken,
  'iam-instance-profile.arn': (i) => i.iamInstanceProfile?.Arn,
  'iam-instance-profile.id': (i) => i.iamInstanceProfile?.Id,
  'image-id': (i) => i.imageId,
  'instance-id': (i) => i.instanceId,
  'instance-lifecycle': () => undefined,
  'instance-state-code': (i) => STATE_CODES[i.state],
  'instance-state-name': (i) => i.state,
  'instance-type': (i) => i.instanceType,
  'instance.group-id': (i) => i.securityGroupIds,
  'key-name': (i) => i.keyName,
  'launch-time': (i) => new Date(i.launchTime).toISOString(),
  'metadata-options.http-endpoint': (i) => i.metadataOptions.HttpEndpoint,
  'metadata-options.http-put-response-hop-limit': (i) => i.metadataOptions.HttpPutResponseHopLimit,
  'metadata-options.http-tokens': (i) => i.metadataOptions.HttpTokens,
  'metadata-options.instance-metadata-tags': (i) => i.metadataOptions.InstanceMetadataTags,
  'owner-id': (i) => i.ownerId,
  'placement-group-name': () => undefined,
  'platform-details': () => 'Linux/UNIX',
  'private-ip-address': (i) => (i.state === 'terminated' ? undefined : i.privateIpAddress),
  'reservation-id': (i) => i.reservationId,
  'root-device-name': (i) => i.rootDeviceName,
  'root-device-type': () => 'ebs',
  'subnet-id': (i) => (i.state === 'terminated' ? undefined : i.subnetId),
  tenancy: () => 'default',
  'virtualization-type': () => 'hvm',
  'vpc-id': (i) => (i.state === 'terminated' ? undefined : i.vpcId),
};

export function describeInstances(input: DescribeInstancesCommandInput, ctx: RequestContext): Output<DescribeInstancesCommandOutput> {
  const ids = input.InstanceIds ?? [];
  if (ids.length && input.MaxResults !== undefined)
    throw invalidParameterCombination('The parameter instancesSet cannot be used with the parameter maxResults');
  let instances = ids.length ? namedInstances(ctx, ids) : visibleInstances(ctx);
  instances = applyFilters(instances, input.Filters, INSTANCE_FILTERS, (i) => i.tags);
  instances.sort((a, b) => a.launchTime - b.launchTime);
  const { page, nextToken } = paginate(instances, input, { min: 5, max: 1000 });
  const byReservation = new Map<string, InstanceRecord[]>();
  for (const instance of page) byReservation.set(instance.reservationId, [...(byReservation.get(instance.reservationId) ?? []), instance]);
  return { Reservations: [...byReservation.values()].map((group) => reservationOf(group, ctx)), NextToken: nextToken };
}

function requireIds(ids: string[] | undefined): string[] {
  if (!ids?.length) throw missingParameter('InstanceId');
  return ids;
}

export function terminateInstances(input: TerminateInstancesCommandInput, ctx: RequestContext): Output<TerminateInstancesCommandOutput> {
  const instances = namedInstances(ctx, requireIds(input.InstanceIds));
  const lifecycle = ctx.cloud.services.ec2.lifecycle;
  const changes: InstanceStateChange[] = [];
  for (const instance of instances) {
    const previous = stateShape(instance);
    if (instance.state !== 'terminated' && instance.state !== 'shutting-down') {
      const at = new Date(ctx.cloud.clock.now())
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' GMT');
      instance.stateTransitionReason = `User initiated (${at})`;
      instance.stateReason = { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' };
      lifecycle.enter(ctx.accountId, ctx.region, instance, 'shutting-down');
    }
    changes.push({ InstanceId: instance.instanceId, PreviousState: previous, CurrentState: stateShape(instance) });
  }
  return { TerminatingInstances: changes };
}

export function stopInstances(input: StopInstancesCommandInput, ctx: RequestContext): Output<StopInstancesCommandOutput> {
  const instances = namedInstances(ctx, requireIds(input.InstanceIds));
  // Check every instance first: a bad one fails the whole request and changes nothing.
  for (const instance of instances) {
    if (instance.state === 'pending') throw neverRunning(instance.instanceId);
    if (instance.state === 'terminated' || instance.state === 'shutting-down') throw cannotStop(instance.instanceId);
  }
  const lifecycle = ctx.cloud.services.ec2.lifecycle;
  return {
    StoppingInstances: instances.map((instance) => {
      const previous = stateShape(instance);
      if (instance.state === 'running') {
        instance.stateTransitionReason = `User initiated (${new Date(ctx.cloud.clock.now())
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, ' GMT')})`;
        instance.stateReason = { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' };
        lifecycle.enter(ctx.accountId, ctx.region, instance, 'stopping');
      }
      return { InstanceId: instance.instanceId, PreviousState: previous, CurrentState: stateShape(instance) };
    }),
  };
}

export function startInstances(input: StartInstancesCommandInput, ctx: RequestContext): Output<StartInstancesCommandOutput> {
  const instances = namedInstances(ctx, requireIds(input.InstanceIds));
  for (const instance of instances)
    if (instance.state !== 'stopped' && instance.state !== 'running' && instance.state !== 'pending') throw cannotStart(instance.instanceId);
  const lifecycle = ctx.cloud.services.ec2.lifecycle;
  return {
    StartingInstances: instances.map((instance) => {
      const previous = stateShape(instance);
      if (instance.state === 'stopped') {
        instance.launchTime = ctx.cloud.clock.now();
        instance.stateTransitionReason = '';
        instance.stateReason = undefined;
        lifecycle.enter(ctx.accountId, ctx.region, instance, 'pending');
      }
      return { InstanceId: instance.instanceId, PreviousState: previous, CurrentState: stateShape(instance) };
    }),
  };
}

export function describeInstanceStatus(input: DescribeInstanceStatusCommandInput, ctx: RequestContext): Output<DescribeInstanceStatusCommandOutput> {
  const ids = input.InstanceIds ?? [];
  if (ids.length && input.MaxResults !== undefined)
    throw invalidParameterCombination('The parameter instancesSet cannot be used with the parameter maxResults');
  const now = ctx.cloud.clock.now();
  let instances = ids.length ? namedInstances(ctx, ids) : visibleInstances(ctx);
  // By default only running instances are described.
  if (!input.IncludeAllInstances) instances = instances.filter((i) => i.state === 'running');
  instances = applyFilters(instances, input.Filters, {
    'availability-zone': (i) => i.availabilityZone,
    'instance-state-code': (i) => STATE_CODES[i.state],
    'instance-state-name': (i) => i.state,
    'instance-status.status': (i) => statusChecks(i, now).Status,
    'instance-status.reachability': (i) => statusChecks(i, now).Details?.[0]?.Status,
    'system-status.status': (i) => statusChecks(i, now).Status,
    'system-status.reachability': (i) => statusChecks(i, now).Details?.[0]?.Status,
  });
  const { page, nextToken } = paginate(instances, input, { min: 5, max: 1000 });
  return {
    InstanceStatuses: page.map((i) => ({
      InstanceId: i.instanceId,
      AvailabilityZone: i.availabilityZone,
      InstanceState: stateShape(i),
      InstanceStatus: statusChecks(i, now),
      SystemStatus: statusChecks(i, now),
      AttachedEbsStatus: i.state === 'running' ? { Status: statusChecks(i, now).Status, Details: [] } : undefined,
      Events: [],
    })),
    NextToken: nextToken,
  };
}
