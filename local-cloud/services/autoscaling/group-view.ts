import type { AutoScalingGroup, AutoScalingInstanceDetails, Instance, MixedInstancesPolicy, TagDescription } from '@aws-sdk/client-auto-scaling';
import { lifecycleStateOf } from './capacity.ts';
import type { GroupRecord, InstanceRecord, LaunchSource } from './store.ts';

/** Renders stored groups and instances in the shapes DescribeAutoScalingGroups and friends return. */

export function sourceView(source: LaunchSource): Pick<AutoScalingGroup, 'LaunchTemplate' | 'MixedInstancesPolicy'> {
  if (source.launchTemplate) return { LaunchTemplate: { ...source.launchTemplate } };
  if (source.mixedInstancesPolicy) return { MixedInstancesPolicy: structuredClone(source.mixedInstancesPolicy) as MixedInstancesPolicy };
  return {};
}

export function tagsView(group: GroupRecord): TagDescription[] {
  return [...group.tags]
    .sort((a, b) => a.Key.localeCompare(b.Key))
    .map((t) => ({ ResourceId: group.name, ResourceType: 'auto-scaling-group', Key: t.Key, Value: t.Value, PropagateAtLaunch: t.PropagateAtLaunch }));
}

export function instanceView(instance: InstanceRecord, now: number): Instance {
  return {
    InstanceId: instance.instanceId,
    InstanceType: instance.instanceType,
    AvailabilityZone: instance.availabilityZone,
    LifecycleState: lifecycleStateOf(instance, now),
    HealthStatus: instance.health,
    LaunchTemplate: { ...instance.launchTemplate },
    ProtectedFromScaleIn: instance.protectedFromScaleIn,
  };
}

/** DescribeAutoScalingInstances reports health in capitals (HEALTHY), unlike DescribeAutoScalingGroups. */
export function autoScalingInstanceView(group: GroupRecord, instance: InstanceRecord, now: number): AutoScalingInstanceDetails {
  return {
    InstanceId: instance.instanceId,
    InstanceType: instance.instanceType,
    AutoScalingGroupName: group.name,
    AvailabilityZone: instance.availabilityZone,
    LifecycleState: lifecycleStateOf(instance, now),
    HealthStatus: instance.health.toUpperCase(),
    LaunchTemplate: { ...instance.launchTemplate },
    ProtectedFromScaleIn: instance.protectedFromScaleIn,
  };
}

export function groupView(group: GroupRecord, now: number): AutoScalingGroup {
  return {
    AutoScalingGroupName: group.name,
    AutoScalingGroupARN: group.arn,
    ...sourceView(group.source),
    MinSize: group.minSize,
    MaxSize: group.maxSize,
    DesiredCapacity: group.desiredCapacity,
    DefaultCooldown: group.defaultCooldown,
    AvailabilityZones: [...group.availabilityZones],
    LoadBalancerNames: [],
    TargetGroupARNs: [],
    HealthCheckType: group.healthCheckType,
    HealthCheckGracePeriod: group.healthCheckGracePeriod,
    Instances: [...group.instances].sort((a, b) => a.instanceId.localeCompare(b.instanceId)).map((i) => instanceView(i, now)),
    CreatedTime: new Date(group.createdAt),
    SuspendedProcesses: [],
    PlacementGroup: group.placementGroup,
    VPCZoneIdentifier: group.subnets.length ? group.subnets.map((s) => s.subnetId).join(',') : undefined,
    EnabledMetrics: [],
    Tags: tagsView(group),
    TerminationPolicies: [...group.terminationPolicies],
    NewInstancesProtectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
    ServiceLinkedRoleARN: group.serviceLinkedRoleArn,
    MaxInstanceLifetime: group.maxInstanceLifetime,
    CapacityRebalance: group.capacityRebalance,
    Context: group.context,
    DesiredCapacityType: group.desiredCapacityType,
    DefaultInstanceWarmup: group.defaultInstanceWarmup,
    TrafficSources: [],
  };
}
