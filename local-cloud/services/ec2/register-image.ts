import type { BlockDeviceMapping } from '@aws-sdk/client-ec2';
import type { RegisterImageParams } from '../index.ts';
import { amiNameDuplicate, amiNameMalformed } from './errors.ts';
import { AMAZON_OWNER_ID, newImageId, newSnapshotId, newVolumeId } from './resource-ids.ts';
import type { Ec2State, ImageRecord, SnapshotRecord, TagMap } from './store.ts';

/** AMI names: 3–128 characters of letters, numbers, ( ) [ ] . / - ' @ _ and spaces. */
const AMI_NAME = /^[a-zA-Z0-9()[\] ./\-'@_]{3,128}$/;

export function checkImageName(name: string | undefined): asserts name is string {
  if (!name || !AMI_NAME.test(name)) throw amiNameMalformed();
}

/** The image of that name the owner already has in this region, if any (names are unique per owner and region). */
export function imageNamed(states: Ec2State[], ownerId: string, name: string): ImageRecord | undefined {
  for (const state of states) for (const image of Object.values(state.images)) if (image.ownerId === ownerId && image.name === name) return image;
  return undefined;
}

export interface NewSnapshot {
  ownerId: string;
  ownerAlias?: string;
  public: boolean;
  volumeSize: number;
  encrypted: boolean;
  kmsKeyId?: string;
  description: string;
  tags?: TagMap;
}

export function addSnapshot(state: Ec2State, now: number, fields: NewSnapshot): SnapshotRecord {
  const snapshot: SnapshotRecord = {
    snapshotId: newSnapshotId(),
    volumeId: newVolumeId(),
    startTime: now,
    tags: {},
    ...fields,
  };
  snapshot.tags = { ...(fields.tags ?? {}) };
  state.snapshots[snapshot.snapshotId] = snapshot;
  return snapshot;
}

/**
 * Registers an available EBS-backed AMI with one root snapshot, as Image Builder's distribution
 * leaves it. Stored in `state` (the registering account's), owned by `params.ownerId` or that account.
 */
export interface RegistrationScope {
  /** The registering account's state in the region. */
  state: Ec2State;
  /** Every account's state in the region, where AMI names must be unique per owner. */
  regionStates: Ec2State[];
  accountId: string;
  region: string;
  now: number;
}

export function registerImageIn(scope: RegistrationScope, params: RegisterImageParams): ImageRecord {
  const { state, regionStates, accountId, region, now } = scope;
  checkImageName(params.name);
  const ownerAlias = params.ownerAlias;
  const ownerId = params.ownerId ?? (ownerAlias === 'amazon' ? AMAZON_OWNER_ID : accountId);
  const existing = imageNamed(regionStates, ownerId, params.name);
  if (existing) throw amiNameDuplicate(params.name, existing.imageId);
  const isPublic = params.public ?? ownerAlias === 'amazon';
  const imageId = newImageId();
  const snapshot = addSnapshot(state, now, {
    ownerId,
    ownerAlias,
    public: isPublic,
    volumeSize: params.volumeSizeGiB ?? 8,
    encrypted: params.encrypted ?? false,
    kmsKeyId: params.encrypted ? (params.kmsKeyId ?? `arn:aws:kms:${region}:${ownerId}:alias/aws/ebs`) : undefined,
    description: `Created by RegisterImage for ${imageId}`,
  });
  const root: BlockDeviceMapping = {
    DeviceName: '/dev/xvda',
    Ebs: {
      DeleteOnTermination: true,
      SnapshotId: snapshot.snapshotId,
      VolumeSize: snapshot.volumeSize,
      VolumeType: 'gp3',
      Encrypted: snapshot.encrypted,
      ...(snapshot.kmsKeyId ? { KmsKeyId: snapshot.kmsKeyId } : {}),
    },
  };
  const image: ImageRecord = {
    imageId,
    name: params.name,
    description: params.description,
    ownerId,
    ownerAlias,
    architecture: params.architecture ?? 'x86_64',
    state: 'available',
    createdAt: now,
    public: isPublic,
    launchPermissionUserIds: [],
    rootDeviceName: '/dev/xvda',
    blockDeviceMappings: [root],
    virtualizationType: 'hvm',
    enaSupport: true,
    bootMode: params.architecture === 'arm64' ? 'uefi' : 'uefi-preferred',
    imdsSupport: 'v2.0',
    tags: { ...(params.tags ?? {}) },
  };
  state.images[imageId] = image;
  return image;
}
