import { randomUUID } from 'node:crypto';
import type {
  AutoScalingGroup,
  CreateAutoScalingGroupCommandInput,
  CreateAutoScalingGroupCommandOutput,
  DeleteAutoScalingGroupCommandInput,
  DeleteAutoScalingGroupCommandOutput,
  DescribeAutoScalingGroupsCommandInput,
  DescribeAutoScalingGroupsCommandOutput,
  DescribeAutoScalingInstancesCommandInput,
  DescribeAutoScalingInstancesCommandOutput,
  SetDesiredCapacityCommandInput,
  SetDesiredCapacityCommandOutput,
  UpdateAutoScalingGroupCommandInput,
  UpdateAutoScalingGroupCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import type { RequestContext } from '../../service.ts';
import { reconcileCapacity, terminateInstances } from './capacity.ts';
import { Constraints } from './constraints.ts';
import {
  configLockedByRefresh,
  desiredAboveMax,
  desiredBelowMin,
  desiredOutOfBounds,
  groupAlreadyExists,
  groupHasInstances,
  groupNameNotFound,
  groupNotFound,
  instanceIdNotSupported,
  invalidGroupFilter,
  launchConfigurationNotFound,
  maxBelowMin,
  noLaunchSource,
} from './errors.ts';
import type { Fleet } from './fleet.ts';
import { autoScalingInstanceView, groupView } from './group-view.ts';
import { checkSourceConstraints, resolveSource } from './launch-templates.ts';
import { paginate } from './pagination.ts';
import { resolvePlacement } from './placement.ts';
import { activeRefresh, type GroupRecord } from './store.ts';
import { applyTags, checkTagConstraints, checkTagResourceTypes } from './tag-operations.ts';

type Output<T> = Omit<T, '$metadata'>;

type GroupSettings = CreateAutoScalingGroupCommandInput | UpdateAutoScalingGroupCommandInput;

function checkGroupConstraints(input: GroupSettings, c: Constraints): Constraints {
  c.required(input.AutoScalingGroupName, 'autoScalingGroupName')
    .length(input.AutoScalingGroupName, 'autoScalingGroupName', 1, 255)
    .integer(input.MinSize, 'minSize', 0)
    .integer(input.MaxSize, 'maxSize', 0)
    .integer(input.DesiredCapacity, 'desiredCapacity', 0)
    .integer(input.DefaultCooldown, 'defaultCooldown')
    .integer(input.HealthCheckGracePeriod, 'healthCheckGracePeriod')
    .integer(input.DefaultInstanceWarmup, 'defaultInstanceWarmup')
    .integer(input.MaxInstanceLifetime, 'maxInstanceLifetime')
    .length(input.HealthCheckType, 'healthCheckType', 1, 32)
    .length(input.VPCZoneIdentifier, 'vPCZoneIdentifier', 1, 5000)
    .length(input.LaunchConfigurationName, 'launchConfigurationName', 1, 255)
    .length(input.PlacementGroup, 'placementGroup', 1, 255);
  checkSourceConstraints(input.LaunchTemplate, input.MixedInstancesPolicy, '', c);
  return c;
}

/** Refuses launch sources the local cloud cannot serve, before anything is looked up. */
function checkLaunchSourceKind(input: GroupSettings, required: boolean): void {
  const given = [input.LaunchTemplate, input.MixedInstancesPolicy, input.LaunchConfigurationName, 'InstanceId' in input ? input.InstanceId : undefined].filter(
    (v) => v !== undefined,
  );
  if (given.length > 1 || (required && given.length === 0)) throw noLaunchSource();
  if (input.LaunchConfigurationName) throw launchConfigurationNotFound(input.LaunchConfigurationName);
  if ('InstanceId' in input && input.InstanceId) throw instanceIdNotSupported();
}

export async function createAutoScalingGroup(
  input: CreateAutoScalingGroupCommandInput,
  ctx: RequestContext,
  fleet: Fleet,
): Promise<Output<CreateAutoScalingGroupCommandOutput>> {
  const c = checkGroupConstraints(input, new Constraints()).required(input.MinSize, 'minSize').required(input.MaxSize, 'maxSize');
  checkTagConstraints(input.Tags, 'tags', c);
  c.check();
  const name = input.AutoScalingGroupName as string;
  const scope = fleet.scope(ctx.accountId, ctx.region);
  return fleet.withGroupLock(scope, name, async () => {
    if (scope.state.groups[name]) throw groupAlreadyExists(name);
    checkLaunchSourceKind(input, true);
    const min = input.MinSize as number;
    const max = input.MaxSize as number;
    if (max < min) throw maxBelowMin(max, min);
    const desired = input.DesiredCapacity ?? min;
    if (desired < min || desired > max) throw desiredOutOfBounds(desired, min, max);
    checkTagResourceTypes(input.Tags);
    const placement = await resolvePlacement(scope, input.AvailabilityZones, input.VPCZoneIdentifier);
    const source = await resolveSource(scope, input.LaunchTemplate, input.MixedInstancesPolicy);
    const now = ctx.cloud.clock.now();
    const id = randomUUID();
    const group: GroupRecord = {
      name,
      id,
      arn: `arn:aws:autoscaling:${ctx.region}:${ctx.accountId}:autoScalingGroup:${id}:autoScalingGroupName/${name}`,
      createdAt: now,
      minSize: min,
      maxSize: max,
      desiredCapacity: desired,
      defaultCooldown: input.DefaultCooldown ?? 300,
      availabilityZones: placement.availabilityZones,
      subnets: placement.subnets,
      healthCheckType: input.HealthCheckType ?? 'EC2',
      healthCheckGracePeriod: input.HealthCheckGracePeriod ?? 0,
      defaultInstanceWarmup: input.DefaultInstanceWarmup,
      source,
      tags: [],
      terminationPolicies: input.TerminationPolicies?.length ? [...input.TerminationPolicies] : ['Default'],
      newInstancesProtectedFromScaleIn: input.NewInstancesProtectedFromScaleIn ?? false,
      capacityRebalance: input.CapacityRebalance ?? false,
      maxInstanceLifetime: input.MaxInstanceLifetime,
      serviceLinkedRoleArn:
        input.ServiceLinkedRoleARN ?? `arn:aws:iam::${ctx.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      context: input.Context,
      desiredCapacityType: input.DesiredCapacityType,
      placementGroup: input.PlacementGroup,
      instances: [],
    };
    applyTags(group, input.Tags ?? []);
    scope.state.groups[name] = group;
    await reconcileCapacity(scope, group, now);
    return {};
  });
}

const GROUP_FILTERS: Record<string, (group: AutoScalingGroup, values: string[], key?: string) => boolean> = {
  'tag-key': (group, values) => (group.Tags ?? []).some((t) => values.includes(t.Key ?? '')),
  'tag-value': (group, values) => (group.Tags ?? []).some((t) => values.includes(t.Value ?? '')),
  tag: (group, values, key) => (group.Tags ?? []).some((t) => t.Key === key && values.includes(t.Value ?? '')),
};

export function describeAutoScalingGroups(
  input: DescribeAutoScalingGroupsCommandInput,
  ctx: RequestContext,
  fleet: Fleet,
): Output<DescribeAutoScalingGroupsCommandOutput> {
  const c = new Constraints().integer(input.MaxRecords, 'maxRecords', 1, 100);
  input.AutoScalingGroupNames?.forEach((n, i) => {
    c.length(n, `autoScalingGroupNames.${i + 1}.member`, 1, 255);
  });
  c.check();
  const filters = (input.Filters ?? []).map((f) => {
    const name = f.Name ?? 'null';
    const kind = name.startsWith('tag:') ? 'tag' : name;
    if (!GROUP_FILTERS[kind] || name === 'tag') throw invalidGroupFilter(name);
    return { test: GROUP_FILTERS[kind], values: f.Values ?? [], key: kind === 'tag' ? name.slice(4) : undefined };
  });
  const scope = fleet.scope(ctx.accountId, ctx.region);
  const now = ctx.cloud.clock.now();
  const names = input.AutoScalingGroupNames?.length ? new Set(input.AutoScalingGroupNames) : undefined;
  const groups = Object.values(scope.state.groups)
    .filter((g) => !names || names.has(g.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((g) => groupView(g, now))
    .filter((g) => filters.every((f) => f.test(g, f.values, f.key)));
  const { page, NextToken } = paginate(groups, input.MaxRecords, input.NextToken);
  return { AutoScalingGroups: page, NextToken };
}

export async function updateAutoScalingGroup(
  input: UpdateAutoScalingGroupCommandInput,
  ctx: RequestContext,
  fleet: Fleet,
): Promise<Output<UpdateAutoScalingGroupCommandOutput>> {
  checkGroupConstraints(input, new Constraints()).check();
  const name = input.AutoScalingGroupName as string;
  const scope = fleet.scope(ctx.accountId, ctx.region);
  return fleet.withGroupLock(scope, name, async () => {
    const group = scope.state.groups[name];
    if (!group) throw groupNameNotFound();
    checkLaunchSourceKind(input, false);
    const min = input.MinSize ?? group.minSize;
    const max = input.MaxSize ?? group.maxSize;
    if (max < min) throw maxBelowMin(max, min);
    // Without a new DesiredCapacity, AWS moves the current one inside the new bounds.
    const desired = input.DesiredCapacity ?? Math.min(Math.max(group.desiredCapacity, min), max);
    if (desired < min || desired > max) throw desiredOutOfBounds(desired, min, max);
    const changesSource = input.LaunchTemplate !== undefined || input.MixedInstancesPolicy !== undefined;
    if (changesSource && activeRefresh(scope.state, name)?.desiredConfiguration) throw configLockedByRefresh();
    const source = changesSource ? await resolveSource(scope, input.LaunchTemplate, input.MixedInstancesPolicy) : undefined;
    const placement =
      input.AvailabilityZones?.length || input.VPCZoneIdentifier !== undefined
        ? await resolvePlacement(scope, input.AvailabilityZones, input.VPCZoneIdentifier)
        : undefined;
    group.minSize = min;
    group.maxSize = max;
    group.desiredCapacity = desired;
    if (source) group.source = source;
    if (placement) {
      group.availabilityZones = placement.availabilityZones;
      group.subnets = placement.subnets;
    }
    if (input.DefaultCooldown !== undefined) group.defaultCooldown = input.DefaultCooldown;
    if (input.HealthCheckType !== undefined) group.healthCheckType = input.HealthCheckType;
    if (input.HealthCheckGracePeriod !== undefined) group.healthCheckGracePeriod = input.HealthCheckGracePeriod;
    // -1 clears DefaultInstanceWarmup.
    if (input.DefaultInstanceWarmup !== undefined) group.defaultInstanceWarmup = input.DefaultInstanceWarmup < 0 ? undefined : input.DefaultInstanceWarmup;
    if (input.TerminationPolicies?.length) group.terminationPolicies = [...input.TerminationPolicies];
    if (input.NewInstancesProtectedFromScaleIn !== undefined) group.newInstancesProtectedFromScaleIn = input.NewInstancesProtectedFromScaleIn;
    if (input.CapacityRebalance !== undefined) group.capacityRebalance = input.CapacityRebalance;
    if (input.MaxInstanceLifetime !== undefined) group.maxInstanceLifetime = input.MaxInstanceLifetime;
    if (input.ServiceLinkedRoleARN !== undefined) group.serviceLinkedRoleArn = input.ServiceLinkedRoleARN;
    if (input.Context !== undefined) group.context = input.Context;
    if (input.DesiredCapacityType !== undefined) group.desiredCapacityType = input.DesiredCapacityType;
    if (input.PlacementGroup !== undefined) group.placementGroup = input.PlacementGroup;
    await reconcileCapacity(scope, group, ctx.cloud.clock.now());
    return {};
  });
}

export async function deleteAutoScalingGroup(
  input: DeleteAutoScalingGroupCommandInput,
  ctx: RequestContext,
  fleet: Fleet,
): Promise<Output<DeleteAutoScalingGroupCommandOutput>> {
  new Constraints().required(input.AutoScalingGroupName, 'autoScalingGroupName').length(input.AutoScalingGroupName, 'autoScalingGroupName', 1, 255).check();
  const name = input.AutoScalingGroupName as string;
  const scope = fleet.scope(ctx.accountId, ctx.region);
  return fleet.withGroupLock(scope, name, async () => {
    const group = scope.state.groups[name];
    if (!group) throw groupNotFound(name);
    if (!input.ForceDelete && group.instances.length) throw groupHasInstances();
    // ForceDelete terminates the instances and stops any refresh with the group.
    await terminateInstances(
      scope,
      group,
      group.instances.map((i) => i.instanceId),
    );
    for (const refresh of scope.state.refreshes.filter((r) => r.groupName === name)) fleet.cancel(`refresh:${ctx.accountId}/${ctx.region}/${refresh.id}`);
    fleet.cancel(`reconcile:${ctx.accountId}/${ctx.region}/${name}`);
    scope.state.refreshes = scope.state.refreshes.filter((r) => r.groupName !== name);
    delete scope.state.groups[name];
    return {};
  });
}

export async function setDesiredCapacity(
  input: SetDesiredCapacityCommandInput,
  ctx: RequestContext,
  fleet: Fleet,
): Promise<Output<SetDesiredCapacityCommandOutput>> {
  new Constraints()
    .required(input.AutoScalingGroupName, 'autoScalingGroupName')
    .length(input.AutoScalingGroupName, 'autoScalingGroupName', 1, 255)
    .required(input.DesiredCapacity, 'desiredCapacity')
    .integer(input.DesiredCapacity, 'desiredCapacity')
    .check();
  const name = input.AutoScalingGroupName as string;
  const desired = input.DesiredCapacity as number;
  const scope = fleet.scope(ctx.accountId, ctx.region);
  return fleet.withGroupLock(scope, name, async () => {
    const group = scope.state.groups[name];
    if (!group) throw groupNameNotFound();
    if (desired > group.maxSize) throw desiredAboveMax(desired, group.maxSize);
    if (desired < group.minSize) throw desiredBelowMin(desired, group.minSize);
    group.desiredCapacity = desired;
    await reconcileCapacity(scope, group, ctx.cloud.clock.now());
    return {};
  });
}

export function describeAutoScalingInstances(
  input: DescribeAutoScalingInstancesCommandInput,
  ctx: RequestContext,
  fleet: Fleet,
): Output<DescribeAutoScalingInstancesCommandOutput> {
  new Constraints().integer(input.MaxRecords, 'maxRecords', 1, 50).check();
  const scope = fleet.scope(ctx.accountId, ctx.region);
  const now = ctx.cloud.clock.now();
  const wanted = input.InstanceIds?.length ? new Set(input.InstanceIds) : undefined;
  const instances = Object.values(scope.state.groups)
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((group) => group.instances.filter((i) => !wanted || wanted.has(i.instanceId)).map((i) => autoScalingInstanceView(group, i, now)));
  const { page, NextToken } = paginate(instances, input.MaxRecords, input.NextToken);
  return { AutoScalingInstances: page, NextToken };
}
