import { DeleteSnapshotCommand, DeregisterImageCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DeleteSnapshot', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('deletes a snapshot once its AMI is deregistered', async () => {
    // Prepare
    const { imageId, snapshotIds } = t.registerImage();
    await t.ec2.send(new DeregisterImageCommand({ ImageId: imageId }));
    // Act
    await t.ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotIds[0] }));
    // Assess
    const left = await t.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }));
    expect(left.Snapshots?.map((s) => s.SnapshotId)).not.toContain(snapshotIds[0]);
  });

  it('refuses a snapshot that a registered AMI uses', async () => {
    // Prepare
    const { imageId, snapshotIds } = t.registerImage();
    // Act
    const call = t.ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotIds[0] }));
    // Assess
    await expectEc2Error(call, 'InvalidSnapshot.InUse', `The snapshot ${snapshotIds[0]} is currently in use by ${imageId}`);
  });

  it('refuses a snapshot that does not exist', async () => {
    // Act
    const call = t.ec2.send(new DeleteSnapshotCommand({ SnapshotId: 'snap-0123456789abcdef0' }));
    // Assess
    await expectEc2Error(call, 'InvalidSnapshot.NotFound', "The snapshot 'snap-0123456789abcdef0' does not exist.");
  });
});
