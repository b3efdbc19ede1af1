import type {
  DeregisterImageCommandInput,
  DeregisterImageCommandOutput,
  DescribeImageAttributeCommandInput,
  DescribeImageAttributeCommandOutput,
  DescribeImagesCommandInput,
  DescribeImagesCommandOutput,
  DisableImageDeprecationCommandInput,
  DisableImageDeprecationCommandOutput,
  EnableImageDeprecationCommandInput,
  EnableImageDeprecationCommandOutput,
  LaunchPermission,
  ModifyImageAttributeCommandInput,
  ModifyImageAttributeCommandOutput,
  RegisterImageCommandInput,
  RegisterImageCommandOutput,
} from '@aws-sdk/client-ec2';
import type { RequestContext } from '../../service.ts';
import {
  amiMalformed,
  amiNameDuplicate,
  amiNotFound,
  invalidAmiAttributeItemValue,
  invalidParameterCombination,
  invalidParameterValue,
  invalidUserIdMalformed,
  missingParameter,
  snapshotNotFound,
} from './errors.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { isDeprecated, ownedImage, usableImage, usableImages } from './image-access.ts';
import { imageShape } from './image-shape.ts';
import { paginate } from './pagination.ts';
import { checkImageName, imageNamed } from './register-image.ts';
import { isAccountId, isImageId, newImageId } from './resource-ids.ts';
import { type ImageRecord, regionState, statesInRegion } from './store.ts';
import { tagsByResourceType } from './tag-specifications.ts';

type Output<T> = Omit<T, '$metadata'>;

const OWNER_ALIASES = ['amazon', 'aws-marketplace', 'aws-backup-vault'];

const ebsOf = (image: ImageRecord) => image.blockDeviceMappings.map((m) => m.Ebs).filter((ebs) => ebs !== undefined);

const IMAGE_FILTERS: FilterFields<ImageRecord> = {
  architecture: (i) => i.architecture,
  'block-device-mapping.delete-on-termination': (i) => ebsOf(i).map((e) => e.DeleteOnTermination),
  'block-device-mapping.device-name': (i) => i.blockDeviceMappings.map((m) => m.DeviceName),
  'block-device-mapping.snapshot-id': (i) => ebsOf(i).map((e) => e.SnapshotId),
  'block-device-mapping.volume-size': (i) => ebsOf(i).map((e) => e.VolumeSize),
  'block-device-mapping.volume-type': (i) => ebsOf(i).map((e) => e.VolumeType),
  'block-device-mapping.encrypted': (i) => ebsOf(i).map((e) => e.Encrypted),
  'boot-mode': (i) => i.bootMode,
  'creation-date': (i) => new Date(i.createdAt).toISOString(),
  'deprecation-time': (i) => (i.deprecationTime === undefined ? undefined : new Date(i.deprecationTime).toISOString()),
  description: (i) => i.description,
  'ena-support': (i) => i.enaSupport,
  hypervisor: () => 'xen',
  'image-id': (i) => i.imageId,
  'image-type': () => 'machine',
  'imds-support': (i) => i.imdsSupport,
  'is-public': (i) => i.public,
  'manifest-location': (i) => `${i.ownerAlias ?? i.ownerId}/${i.name}`,
  name: (i) => i.name,
  'owner-alias': (i) => i.ownerAlias,
  'owner-id': (i) => i.ownerId,
  'platform-details': () => 'Linux/UNIX',
  'root-device-name': (i) => i.rootDeviceName,
  'root-device-type': () => 'ebs',
  state: (i) => i.state,
  'sriov-net-support': () => 'simple',
  'usage-operation': () => 'RunInstances',
  'virtualization-type': (i) => i.virtualizationType,
};

function ownerMatches(image: ImageRecord, owner: string, accountId: string): boolean {
  if (owner === 'self') return image.ownerId === accountId;
  if (OWNER_ALIASES.includes(owner)) return image.ownerAlias === owner;
  return image.ownerId === owner;
}

function executableBy(image: ImageRecord, user: string, accountId: string): boolean {
  if (user === 'all') return image.public;
  const account = user === 'self' ? accountId : user;
  return image.ownerId === account || image.launchPermissionUserIds.includes(account);
}

export function describeImages(input: DescribeImagesCommandInput, ctx: RequestContext): Output<DescribeImagesCommandOutput> {
  const ids = input.ImageIds ?? [];
  for (const id of ids) if (!isImageId(id)) throw amiMalformed(id);
  for (const owner of input.Owners ?? []) if (owner !== 'self' && !OWNER_ALIASES.includes(owner) && !isAccountId(owner)) throw invalidUserIdMalformed(owner);
  for (const user of input.ExecutableUsers ?? []) if (user !== 'self' && user !== 'all' && !isAccountId(user)) throw invalidUserIdMalformed(user);
  if (ids.length && input.MaxResults !== undefined) throw invalidParameterCombination('The parameter imagesSet cannot be used with the parameter maxResults');

  const now = ctx.cloud.clock.now();
  let images = usableImages(ctx);
  if (ids.length) {
    const missing = ids.filter((id) => !images.some((image) => image.imageId === id));
    if (missing.length) throw amiNotFound(missing);
    images = images.filter((image) => ids.includes(image.imageId));
  } else if (!input.IncludeDeprecated) {
    // Deprecated AMIs stay listed for their owner and when asked for by id.
    images = images.filter((image) => !isDeprecated(image, now) || image.ownerId === ctx.accountId);
  }
  if (input.Owners?.length) images = images.filter((image) => input.Owners?.some((owner) => ownerMatches(image, owner, ctx.accountId)));
  if (input.ExecutableUsers?.length) images = images.filter((image) => input.ExecutableUsers?.some((user) => executableBy(image, user, ctx.accountId)));
  images = applyFilters(images, input.Filters, IMAGE_FILTERS, (image) => image.tags);
  images.sort((a, b) => a.createdAt - b.createdAt);
  const { page, nextToken } = paginate(images, input, { min: 5, max: 1000 });
  return { Images: page.map(imageShape), NextToken: nextToken };
}

/** RegisterImage from an existing snapshot: the EBS-backed case; S3 manifests (instance store) are not served. */
export function registerImage(input: RegisterImageCommandInput, ctx: RequestContext): Output<RegisterImageCommandOutput> {
  if (!input.Name) throw missingParameter('name');
  checkImageName(input.Name);
  if (input.ImageLocation)
    throw invalidParameterValue('The local cloud registers EBS-backed AMIs only: give BlockDeviceMappings with a root SnapshotId instead of ImageLocation.');
  const rootDeviceName = input.RootDeviceName;
  if (!rootDeviceName) throw missingParameter('rootDeviceName');
  const mappings = input.BlockDeviceMappings ?? [];
  const root = mappings.find((m) => m.DeviceName === rootDeviceName);
  if (!root?.Ebs?.SnapshotId) throw invalidParameterCombination(`The root device name ${rootDeviceName} has no matching block device mapping with a snapshot.`);
  const state = regionState(ctx);
  for (const mapping of mappings) {
    const snapshotId = mapping.Ebs?.SnapshotId;
    if (snapshotId && !state.snapshots[snapshotId]) throw snapshotNotFound(snapshotId);
  }
  const existing = imageNamed(statesInRegion(ctx), ctx.accountId, input.Name);
  if (existing) throw amiNameDuplicate(input.Name, existing.imageId);
  const tags = tagsByResourceType(input.TagSpecifications, ['image', 'snapshot']);
  const imageId = newImageId();
  const image: ImageRecord = {
    imageId,
    name: input.Name,
    description: input.Description,
    ownerId: ctx.accountId,
    architecture: input.Architecture ?? 'x86_64',
    state: 'available',
    createdAt: ctx.cloud.clock.now(),
    public: false,
    launchPermissionUserIds: [],
    rootDeviceName,
    blockDeviceMappings: mappings.map((m) => {
      const snapshot = m.Ebs?.SnapshotId ? state.snapshots[m.Ebs.SnapshotId] : undefined;
      if (!m.Ebs || !snapshot) return structuredClone(m);
      return {
        DeviceName: m.DeviceName,
        Ebs: {
          DeleteOnTermination: m.Ebs.DeleteOnTermination ?? true,
          SnapshotId: snapshot.snapshotId,
          VolumeSize: m.Ebs.VolumeSize ?? snapshot.volumeSize,
          VolumeType: m.Ebs.VolumeType ?? 'gp2',
          Encrypted: snapshot.encrypted,
          ...(snapshot.kmsKeyId ? { KmsKeyId: snapshot.kmsKeyId } : {}),
        },
      };
    }),
    virtualizationType: input.VirtualizationType ?? 'hvm',
    enaSupport: input.EnaSupport ?? false,
    bootMode: input.BootMode,
    imdsSupport: input.ImdsSupport,
    tags: tags.get('image') ?? {},
  };
  state.images[imageId] = image;
  for (const [key, value] of Object.entries(tags.get('snapshot') ?? {}))
    for (const m of image.blockDeviceMappings) if (m.Ebs?.SnapshotId) state.snapshots[m.Ebs.SnapshotId].tags[key] = value;
  return { ImageId: imageId };
}

/**
 * Deregisters an AMI; its snapshots stay, as on AWS, unless DeleteAssociatedSnapshots is set. That flag is newer than
 * the API model the wire protocol is read with, so only in-process callers can set it.
 */
export function deregisterImage(input: DeregisterImageCommandInput, ctx: RequestContext): Output<DeregisterImageCommandOutput> {
  if (!input.ImageId) throw missingParameter('imageId');
  const { image, state } = ownedImage(ctx, input.ImageId);
  delete state.images[image.imageId];
  if (input.DeleteAssociatedSnapshots) {
    for (const mapping of image.blockDeviceMappings) {
      const snapshotId = mapping.Ebs?.SnapshotId;
      if (snapshotId && !imagesUsingSnapshot(ctx, snapshotId).length) delete state.snapshots[snapshotId];
    }
  }
  return { Return: true };
}

export function imagesUsingSnapshot(ctx: RequestContext, snapshotId: string): ImageRecord[] {
  return statesInRegion(ctx).flatMap((state) =>
    Object.values(state.images).filter((image) => image.blockDeviceMappings.some((m) => m.Ebs?.SnapshotId === snapshotId)),
  );
}

const MINUTE = 60_000;
const TEN_YEARS = 10 * 365.25 * 24 * 3600_000;

export function enableImageDeprecation(input: EnableImageDeprecationCommandInput, ctx: RequestContext): Output<EnableImageDeprecationCommandOutput> {
  if (!input.ImageId) throw missingParameter('imageId');
  if (!input.DeprecateAt) throw missingParameter('deprecateAt');
  const at = input.DeprecateAt instanceof Date ? input.DeprecateAt.getTime() : Number.NaN;
  if (Number.isNaN(at)) throw invalidParameterValue(`Invalid value for parameter deprecateAt: ${String(input.DeprecateAt)}`);
  const { image } = ownedImage(ctx, input.ImageId);
  // EC2 rounds to the nearest minute; a time within the current minute counts as now.
  const rounded = Math.round(at / MINUTE) * MINUTE;
  const now = ctx.cloud.clock.now();
  if (rounded < Math.floor(now / MINUTE) * MINUTE) throw invalidParameterValue('The deprecation time cannot be in the past.');
  const limit = image.public ? image.createdAt + TEN_YEARS / 5 : now + TEN_YEARS;
  if (rounded > limit) throw invalidParameterValue(`The deprecation time cannot be more than ${image.public ? 2 : 10} years in the future.`);
  image.deprecationTime = rounded;
  return { Return: true };
}

export function disableImageDeprecation(input: DisableImageDeprecationCommandInput, ctx: RequestContext): Output<DisableImageDeprecationCommandOutput> {
  if (!input.ImageId) throw missingParameter('imageId');
  const { image } = ownedImage(ctx, input.ImageId);
  delete image.deprecationTime;
  return { Return: true };
}

const IMAGE_ATTRIBUTES = [
  'description',
  'kernel',
  'ramdisk',
  'launchPermission',
  'productCodes',
  'blockDeviceMapping',
  'sriovNetSupport',
  'bootMode',
  'tpmSupport',
  'uefiData',
  'lastLaunchedTime',
  'imdsSupport',
  'deregistrationProtection',
];

const launchPermissions = (image: ImageRecord): LaunchPermission[] => [
  ...(image.public ? [{ Group: 'all' as const }] : []),
  ...image.launchPermissionUserIds.map((UserId) => ({ UserId })),
];

export function describeImageAttribute(input: DescribeImageAttributeCommandInput, ctx: RequestContext): Output<DescribeImageAttributeCommandOutput> {
  if (!input.ImageId) throw missingParameter('imageId');
  if (!input.Attribute) throw missingParameter('attribute');
  if (!IMAGE_ATTRIBUTES.includes(input.Attribute))
    throw invalidParameterValue(`Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`);
  const image = usableImage(ctx, input.ImageId);
  const value = (v: string | undefined) => (v === undefined ? {} : { Value: v });
  switch (input.Attribute) {
    case 'launchPermission':
      return { ImageId: image.imageId, LaunchPermissions: image.ownerId === ctx.accountId ? launchPermissions(image) : [] };
    case 'description':
      return { ImageId: image.imageId, Description: value(image.description) };
    case 'blockDeviceMapping':
      return { ImageId: image.imageId, BlockDeviceMappings: structuredClone(image.blockDeviceMappings) };
    case 'bootMode':
      return { ImageId: image.imageId, BootMode: value(image.bootMode) };
    case 'imdsSupport':
      return { ImageId: image.imageId, ImdsSupport: value(image.imdsSupport) };
    case 'sriovNetSupport':
      return { ImageId: image.imageId, SriovNetSupport: value('simple') };
    case 'productCodes':
      return { ImageId: image.imageId, ProductCodes: [] };
    case 'deregistrationProtection':
      return { ImageId: image.imageId, DeregistrationProtection: value('disabled') };
    default:
      return { ImageId: image.imageId };
  }
}

/** Changes an AMI's description or launch permissions (accounts, or the `all` group that makes it public). */
export function modifyImageAttribute(input: ModifyImageAttributeCommandInput, ctx: RequestContext): Output<ModifyImageAttributeCommandOutput> {
  if (!input.ImageId) throw missingParameter('imageId');
  const { image } = ownedImage(ctx, input.ImageId);
  const attribute =
    input.Attribute ?? (input.LaunchPermission || input.UserIds || input.UserGroups ? 'launchPermission' : input.Description ? 'description' : undefined);
  if (attribute === 'description') {
    const description = input.Description?.Value ?? input.Value;
    if (description === undefined) throw missingParameter('description');
    image.description = description;
    return {};
  }
  if (attribute !== 'launchPermission') {
    if (attribute === undefined) throw missingParameter('attribute');
    throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
  }
  const add: LaunchPermission[] = [...(input.LaunchPermission?.Add ?? [])];
  const remove: LaunchPermission[] = [...(input.LaunchPermission?.Remove ?? [])];
  const listed = [...(input.UserIds ?? []).map((UserId) => ({ UserId })), ...(input.UserGroups ?? []).map((Group) => ({ Group: Group as 'all' }))];
  if (listed.length) {
    if (input.OperationType === 'add') add.push(...listed);
    else if (input.OperationType === 'remove') remove.push(...listed);
    else throw missingParameter('operationType');
  }
  if (!add.length && !remove.length) throw missingParameter('launchPermission');
  for (const permission of [...add, ...remove]) {
    if (permission.Group !== undefined && permission.Group !== 'all') throw invalidAmiAttributeItemValue('group', permission.Group);
    if (permission.UserId !== undefined && !isAccountId(permission.UserId)) throw invalidAmiAttributeItemValue('userId', permission.UserId);
    if (permission.OrganizationArn || permission.OrganizationalUnitArn)
      throw invalidParameterValue('The local cloud does not share AMIs with organizations or organizational units.');
  }
  for (const permission of add) {
    if (permission.Group === 'all') image.public = true;
    if (permission.UserId && !image.launchPermissionUserIds.includes(permission.UserId)) image.launchPermissionUserIds.push(permission.UserId);
  }
  for (const permission of remove) {
    if (permission.Group === 'all') image.public = false;
    if (permission.UserId) image.launchPermissionUserIds = image.launchPermissionUserIds.filter((id) => id !== permission.UserId);
  }
  return {};
}
