import { DeregisterImageCommand, DescribeImagesCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DeregisterImage', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('deregisters the AMI and keeps its snapshot', async () => {
    // Prepare
    const { imageId, snapshotIds } = t.registerImage();
    // Act
    await t.ec2.send(new DeregisterImageCommand({ ImageId: imageId }));
    // Assess
    const owned = await t.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(owned.Images?.map((i) => i.ImageId)).not.toContain(imageId);
    const snapshots = await t.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }));
    expect(snapshots.Snapshots).toHaveLength(1);
  });

  it('deletes the snapshots too when an in-process caller asks', async () => {
    // Prepare
    const { imageId, snapshotIds } = t.registerImage();
    // Act
    await t.cloud.runtime.invoke(
      'ec2',
      'DeregisterImage',
      { ImageId: imageId, DeleteAssociatedSnapshots: true },
      { accountId: '123456789012', region: 'us-east-1' },
    );
    // Assess
    const call = t.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }));
    await expectEc2Error(call, 'InvalidSnapshot.NotFound', `The snapshot '${snapshotIds[0]}' does not exist.`);
  });

  it('refuses an AMI that does not exist', async () => {
    // Act
    const call = t.ec2.send(new DeregisterImageCommand({ ImageId: 'ami-0123456789abcdef0' }));
    // Assess
    await expectEc2Error(call, 'InvalidAMIID.NotFound', "The image id '[ami-0123456789abcdef0]' does not exist");
  });

  it('refuses an AMI owned by another account', async () => {
    // Prepare
    const { imageId } = t.registerImage({ name: 'al2023-public', ownerAlias: 'amazon' });
    const other = new EC2Client({ ...t.cloud.config(), credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    // Act
    const call = other.send(new DeregisterImageCommand({ ImageId: imageId }));
    // Assess
    await expectEc2Error(call, 'AuthFailure', `Not authorized for image:${imageId}`);
  });
});
