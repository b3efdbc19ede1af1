import type { Instance, InstanceState, InstanceStatusSummary } from '@aws-sdk/client-ec2';
import { STATE_CODES } from './instance-lifecycle.ts';
import { privateDnsName } from './network.ts';
import type { InstanceRecord } from './store.ts';
import { tagList } from './tag-specifications.ts';

export const stateShape = (instance: InstanceRecord): InstanceState => ({ Code: STATE_CODES[instance.state], Name: instance.state });

const gone = (instance: InstanceRecord) => instance.state === 'terminated';

/** An instance as DescribeInstances and RunInstances return it. A terminated instance loses its network details, as on AWS. */
export function instanceShape(instance: InstanceRecord, region: string): Instance {
  const network = gone(instance)
    ? {}
    : {
        PrivateDnsName: privateDnsName(instance.privateIpAddress, region),
        PrivateIpAddress: instance.privateIpAddress,
        SubnetId: instance.subnetId,
        VpcId: instance.vpcId,
        SecurityGroups: instance.securityGroupIds.map((GroupId) => ({ GroupId, GroupName: GroupId === instance.securityGroupIds[0] ? 'default' : GroupId })),
        SourceDestCheck: true,
      };
  return {
    InstanceId: instance.instanceId,
    ImageId: instance.imageId,
    State: stateShape(instance),
    PublicDnsName: '',
    StateTransitionReason: instance.stateTransitionReason,
    StateReason: instance.stateReason && { ...instance.stateReason },
    KeyName: instance.keyName,
    AmiLaunchIndex: instance.amiLaunchIndex,
    ProductCodes: [],
    InstanceType: instance.instanceType as Instance['InstanceType'],
    LaunchTime: new Date(instance.launchTime),
    Placement: { AvailabilityZone: instance.availabilityZone, GroupName: '', Tenancy: 'default' },
    Monitoring: { State: 'disabled' },
    Architecture: instance.architecture as Instance['Architecture'],
    RootDeviceType: 'ebs',
    RootDeviceName: instance.rootDeviceName,
    BlockDeviceMappings: gone(instance)
      ? []
      : [
          {
            DeviceName: instance.rootDeviceName,
            Ebs: { AttachTime: new Date(instance.launchTime), DeleteOnTermination: true, Status: 'attached', VolumeId: instance.rootVolumeId },
          },
        ],
    VirtualizationType: 'hvm',
    ClientToken: instance.clientToken ?? '',
    Tags: tagList(instance.tags),
    Hypervisor: 'xen',
    IamInstanceProfile: instance.iamInstanceProfile && { ...instance.iamInstanceProfile },
    EbsOptimized: instance.ebsOptimized,
    EnaSupport: true,
    MetadataOptions: { State: instance.state === 'pending' ? 'pending' : 'applied', ...instance.metadataOptions } as Instance['MetadataOptions'],
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    UsageOperationUpdateTime: new Date(instance.launchTime),
    CurrentInstanceBootMode: 'legacy-bios',
    ...network,
  };
}

/** Status checks pass a minute after an instance starts running. */
export const STATUS_CHECK_MS = 60_000;

export function statusChecks(instance: InstanceRecord, now: number): InstanceStatusSummary {
  if (instance.state !== 'running') return { Status: 'not-applicable' };
  const passed = now - instance.stateChangedAt >= STATUS_CHECK_MS;
  return { Status: passed ? 'ok' : 'initializing', Details: [{ Name: 'reachability', Status: passed ? 'passed' : 'initializing' }] };
}
