import type { BlockDeviceMapping, InstanceStateName, RequestLaunchTemplateData } from '@aws-sdk/client-ec2';
import { RegionalStore, type RequestContext } from '../../service.ts';

/** Tags as EC2 keeps them: one value per key, in the order they were added. */
export type TagMap = Record<string, string>;

export interface ImageRecord {
  imageId: string;
  name: string;
  description?: string;
  ownerId: string;
  /** `amazon` for Amazon's public images. */
  ownerAlias?: string;
  architecture: string;
  state: 'available' | 'pending' | 'failed';
  /** Epoch ms. */
  createdAt: number;
  public: boolean;
  /** Accounts given launch permission with ModifyImageAttribute. */
  launchPermissionUserIds: string[];
  /** Epoch ms, rounded to the minute as EnableImageDeprecation does. */
  deprecationTime?: number;
  rootDeviceName: string;
  blockDeviceMappings: BlockDeviceMapping[];
  virtualizationType: string;
  enaSupport: boolean;
  bootMode?: string;
  imdsSupport?: string;
  tags: TagMap;
}

export interface SnapshotRecord {
  snapshotId: string;
  volumeId: string;
  volumeSize: number;
  encrypted: boolean;
  kmsKeyId?: string;
  ownerId: string;
  ownerAlias?: string;
  public: boolean;
  description: string;
  /** Epoch ms. */
  startTime: number;
  tags: TagMap;
}

export interface LaunchTemplateVersionRecord {
  versionNumber: number;
  description?: string;
  /** Epoch ms. */
  createTime: number;
  createdBy: string;
  /** The data in the SDK's request shape, exactly as given (overlaid on the source version). */
  data: RequestLaunchTemplateData;
  clientToken?: string;
}

export interface LaunchTemplateRecord {
  launchTemplateId: string;
  name: string;
  /** Epoch ms. */
  createTime: number;
  createdBy: string;
  defaultVersion: number;
  /** Version numbers are never reused: the next version takes this number. */
  nextVersionNumber: number;
  versions: LaunchTemplateVersionRecord[];
  tags: TagMap;
  clientToken?: string;
}

export interface InstanceMetadataRecord {
  HttpTokens: string;
  HttpPutResponseHopLimit: number;
  HttpEndpoint: string;
  HttpProtocolIpv6: string;
  InstanceMetadataTags: string;
}

export interface InstanceRecord {
  instanceId: string;
  reservationId: string;
  ownerId: string;
  imageId: string;
  instanceType: string;
  state: InstanceStateName;
  /** Epoch ms when the current transitional state (pending, stopping, shutting-down) ends. */
  transitionDueAt?: number;
  /** Epoch ms of the last launch or start. */
  launchTime: number;
  /** Epoch ms of the last state change. */
  stateChangedAt: number;
  stateTransitionReason: string;
  stateReason?: { Code: string; Message: string };
  amiLaunchIndex: number;
  architecture: string;
  availabilityZone: string;
  subnetId: string;
  vpcId: string;
  privateIpAddress: string;
  rootDeviceName: string;
  rootVolumeId: string;
  metadataOptions: InstanceMetadataRecord;
  iamInstanceProfile?: { Arn: string; Id: string };
  keyName?: string;
  securityGroupIds: string[];
  userData?: string;
  clientToken?: string;
  ebsOptimized: boolean;
  tags: TagMap;
  /** Epoch ms when the instance reached `terminated`; it stays visible for an hour after, as on AWS. */
  terminatedAt?: number;
}

export interface Ec2State {
  images: Record<string, ImageRecord>;
  snapshots: Record<string, SnapshotRecord>;
  launchTemplates: Record<string, LaunchTemplateRecord>;
  instances: Record<string, InstanceRecord>;
}

export const createEc2Store = () => new RegionalStore<Ec2State>(() => ({ images: {}, snapshots: {}, launchTemplates: {}, instances: {} }));

export type Ec2Store = ReturnType<typeof createEc2Store>;

/** The EC2 state of the caller's account and region. */
export function regionState(ctx: RequestContext): Ec2State {
  return ctx.cloud.services.ec2.store.get(ctx.accountId, ctx.region);
}

/** Every account's EC2 state in the caller's region: images and snapshots can be shared across accounts. */
export function statesInRegion(ctx: RequestContext): Ec2State[] {
  return ctx.cloud.services.ec2.store
    .entries()
    .filter((entry) => entry.region === ctx.region)
    .map((entry) => entry.state);
}
