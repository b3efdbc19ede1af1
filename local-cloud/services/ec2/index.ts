import type { CloudRuntime } from '../../cloud.ts';
import type { ServiceDefinition } from '../../service.ts';
import type { Ec2Internal, RegisterImageParams } from '../index.ts';
import { withDryRun } from './dry-run.ts';
import {
  deregisterImage,
  describeImageAttribute,
  describeImages,
  disableImageDeprecation,
  enableImageDeprecation,
  modifyImageAttribute,
  registerImage,
} from './images.ts';
import { InstanceLifecycle } from './instance-lifecycle.ts';
import { describeInstanceStatus, describeInstances, runInstances, startInstances, stopInstances, terminateInstances } from './instances.ts';
import {
  createLaunchTemplate,
  createLaunchTemplateVersion,
  deleteLaunchTemplate,
  deleteLaunchTemplateVersions,
  describeLaunchTemplates,
  describeLaunchTemplateVersions,
  modifyLaunchTemplate,
} from './launch-templates.ts';
import { registerImageIn } from './register-image.ts';
import { deleteSnapshot, describeSnapshots } from './snapshots.ts';
import { createEc2Store, type Ec2Store } from './store.ts';
import { describeAvailabilityZones, describeSubnets } from './subnets.ts';
import { createTags, deleteTags, describeTags } from './tags.ts';

/** EC2: images and snapshots, launch templates, and instances that boot and shut down on the simulated clock. */
export class Ec2Service implements Ec2Internal {
  readonly definition: ServiceDefinition;
  readonly store: Ec2Store;
  /** Moves instances through their states; operations reach it through `cloud.services.ec2`. */
  readonly lifecycle: InstanceLifecycle;
  private readonly cloud: CloudRuntime;

  constructor(cloud: CloudRuntime) {
    this.cloud = cloud;
    this.store = createEc2Store();
    this.lifecycle = new InstanceLifecycle(cloud, this.store);
    this.definition = {
      signingName: 'ec2',
      model: 'ec2-2016-11-15',
      operations: withDryRun({
        DescribeImages: describeImages,
        RegisterImage: registerImage,
        DeregisterImage: deregisterImage,
        EnableImageDeprecation: enableImageDeprecation,
        DisableImageDeprecation: disableImageDeprecation,
        DescribeImageAttribute: describeImageAttribute,
        ModifyImageAttribute: modifyImageAttribute,
        DescribeSnapshots: describeSnapshots,
        DeleteSnapshot: deleteSnapshot,
        CreateTags: createTags,
        DeleteTags: deleteTags,
        DescribeTags: describeTags,
        CreateLaunchTemplate: createLaunchTemplate,
        CreateLaunchTemplateVersion: createLaunchTemplateVersion,
        DescribeLaunchTemplates: describeLaunchTemplates,
        DescribeLaunchTemplateVersions: describeLaunchTemplateVersions,
        ModifyLaunchTemplate: modifyLaunchTemplate,
        DeleteLaunchTemplate: deleteLaunchTemplate,
        DeleteLaunchTemplateVersions: deleteLaunchTemplateVersions,
        RunInstances: runInstances,
        DescribeInstances: describeInstances,
        DescribeInstanceStatus: describeInstanceStatus,
        TerminateInstances: terminateInstances,
        StopInstances: stopInstances,
        StartInstances: startInstances,
        DescribeSubnets: describeSubnets,
        DescribeAvailabilityZones: describeAvailabilityZones,
      }),
    };
  }

  /**
   * Registers an available AMI with one EBS root snapshot, dated by the simulated clock, as Image Builder's
   * distribution does. Throws EC2's `InvalidAMIName.Duplicate` error when the owner already has an AMI of that name here.
   */
  registerImage(accountId: string, region: string, params: RegisterImageParams): { imageId: string; snapshotIds: string[] } {
    const state = this.store.get(accountId, region);
    const regionStates = this.store
      .entries()
      .filter((entry) => entry.region === region)
      .map((entry) => entry.state);
    const image = registerImageIn({ state, regionStates, accountId, region, now: this.cloud.clock.now() }, params);
    const snapshotIds = image.blockDeviceMappings.flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []));
    return { imageId: image.imageId, snapshotIds };
  }

  resume(): void {
    this.lifecycle.resume();
  }
}
