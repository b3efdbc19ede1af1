import type { Image } from '@aws-sdk/client-ec2';
import type { ImageRecord } from './store.ts';
import { tagList } from './tag-specifications.ts';

/** An image in the shape DescribeImages returns. EC2 gives its dates as ISO strings with milliseconds. */
export function imageShape(image: ImageRecord): Image {
  return {
    ImageId: image.imageId,
    ImageLocation: `${image.ownerAlias ?? image.ownerId}/${image.name}`,
    State: image.state,
    OwnerId: image.ownerId,
    CreationDate: new Date(image.createdAt).toISOString(),
    Public: image.public,
    Architecture: image.architecture as Image['Architecture'],
    ImageType: 'machine',
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    BlockDeviceMappings: structuredClone(image.blockDeviceMappings),
    Description: image.description,
    EnaSupport: image.enaSupport,
    Hypervisor: 'xen',
    ImageOwnerAlias: image.ownerAlias,
    Name: image.name,
    RootDeviceName: image.rootDeviceName,
    RootDeviceType: 'ebs',
    SriovNetSupport: 'simple',
    Tags: tagList(image.tags),
    VirtualizationType: image.virtualizationType as Image['VirtualizationType'],
    BootMode: image.bootMode as Image['BootMode'],
    ImdsSupport: image.imdsSupport as Image['ImdsSupport'],
    DeprecationTime: image.deprecationTime === undefined ? undefined : new Date(image.deprecationTime).toISOString(),
  };
}
