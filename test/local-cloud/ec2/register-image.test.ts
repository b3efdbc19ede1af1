import { DescribeImagesCommand, DescribeSnapshotsCommand, RegisterImageCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../local-cloud/errors.ts';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: registerImage (internal)', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('registers an available AMI with one encrypted EBS root snapshot, dated by the simulated clock', async () => {
    // Act
    const { imageId, snapshotIds } = t.registerImage({
      name: 'golden-base 2024-06-01T00-00-00.000Z',
      description: 'Built by Image Builder',
      architecture: 'arm64',
      encrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abcd',
      volumeSizeGiB: 20,
      tags: { Ec2ImageBuilderArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image/golden-base/1.0.0/1' },
    });
    // Assess
    expect(imageId).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(snapshotIds).toHaveLength(1);
    const image = (await t.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0];
    expect(image).toMatchObject({
      Name: 'golden-base 2024-06-01T00-00-00.000Z',
      Description: 'Built by Image Builder',
      State: 'available',
      Architecture: 'arm64',
      OwnerId: '123456789012',
      CreationDate: t.cloud.clock.date().toISOString(),
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: {
            SnapshotId: snapshotIds[0],
            VolumeSize: 20,
            Encrypted: true,
            KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abcd',
            DeleteOnTermination: true,
          },
        },
      ],
      Tags: [{ Key: 'Ec2ImageBuilderArn', Value: 'arn:aws:imagebuilder:us-east-1:123456789012:image/golden-base/1.0.0/1' }],
    });
    const snapshot = (await t.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }))).Snapshots?.[0];
    expect(snapshot).toMatchObject({ State: 'completed', VolumeSize: 20, Encrypted: true, OwnerId: '123456789012' });
  });

  it('registers public Amazon images under Amazon’s owner id', async () => {
    // Act
    const { imageId } = t.registerImage({ name: 'al2023-ami-minimal', ownerAlias: 'amazon' });
    // Assess
    const image = (await t.ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0];
    expect(image).toMatchObject({ OwnerId: '137112412989', ImageOwnerAlias: 'amazon', Public: true, ImageLocation: 'amazon/al2023-ami-minimal' });
  });

  it('refuses a name the owner already uses', () => {
    // Prepare
    const { imageId } = t.registerImage({ name: 'golden-twice' });
    // Act
    const register = () => t.registerImage({ name: 'golden-twice' });
    // Assess
    expect(register).toThrow(new AwsServiceError('InvalidAMIName.Duplicate', `AMI name golden-twice is already in use by AMI ${imageId}`));
  });
});

describe('EC2: RegisterImage', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('registers an AMI from an existing snapshot', async () => {
    // Prepare
    const { snapshotIds } = t.registerImage();
    // Act
    const registered = await t.ec2.send(
      new RegisterImageCommand({
        Name: 'from-snapshot',
        Architecture: 'x86_64',
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: snapshotIds[0], VolumeType: 'gp3' } }],
        VirtualizationType: 'hvm',
        EnaSupport: true,
        TagSpecifications: [{ ResourceType: 'image', Tags: [{ Key: 'source', Value: 'snapshot' }] }],
      }),
    );
    // Assess
    const image = (await t.ec2.send(new DescribeImagesCommand({ ImageIds: [registered.ImageId as string] }))).Images?.[0];
    expect(image).toMatchObject({ Name: 'from-snapshot', State: 'available', BlockDeviceMappings: [{ Ebs: { SnapshotId: snapshotIds[0], VolumeSize: 8 } }] });
    expect(image?.Tags).toEqual([{ Key: 'source', Value: 'snapshot' }]);
  });

  it('refuses a snapshot that does not exist', async () => {
    // Act
    const call = t.ec2.send(
      new RegisterImageCommand({
        Name: 'no-snapshot',
        RootDeviceName: '/dev/xvda',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-0123456789abcdef0' } }],
      }),
    );
    // Assess
    await expectEc2Error(call, 'InvalidSnapshot.NotFound', "The snapshot 'snap-0123456789abcdef0' does not exist.");
  });

  it('refuses a malformed name', async () => {
    // Act
    const call = t.ec2.send(new RegisterImageCommand({ Name: 'a:b', RootDeviceName: '/dev/xvda' }));
    // Assess
    await expectEc2Error(
      call,
      'InvalidAMIName.Malformed',
      "AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'",
    );
  });
});
