import { CreateTagsCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DescribeSnapshots', () => {
  let t: Ec2TestCloud;
  let small: string;
  let large: string;
  let amazon: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    small = t.registerImage({ volumeSizeGiB: 8 }).snapshotIds[0];
    large = t.registerImage({ volumeSizeGiB: 30, encrypted: true }).snapshotIds[0];
    amazon = t.registerImage({ ownerAlias: 'amazon' }).snapshotIds[0];
    await t.ec2.send(new CreateTagsCommand({ Resources: [large], Tags: [{ Key: 'retain', Value: 'yes' }] }));
  });
  afterAll(() => t.cloud.stop());

  const ids = (output: { Snapshots?: Array<{ SnapshotId?: string }> }) => output.Snapshots?.map((s) => s.SnapshotId);

  it('describes snapshots by owner', async () => {
    // Act
    const mine = await t.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }));
    const amazons = await t.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['amazon'] }));
    // Assess
    expect(ids(mine)).toEqual([small, large]);
    expect(ids(amazons)).toEqual([amazon]);
  });

  it('filters by tag, size and encryption', async () => {
    // Act
    const byTag = await t.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: [{ Name: 'tag:retain', Values: ['yes'] }] }));
    const bySize = await t.ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: [{ Name: 'volume-size', Values: ['8'] }] }));
    const encrypted = await t.ec2.send(new DescribeSnapshotsCommand({ Filters: [{ Name: 'encrypted', Values: ['true'] }] }));
    // Assess
    expect(ids(byTag)).toEqual([large]);
    expect(ids(bySize)).toEqual([small]);
    expect(ids(encrypted)).toEqual([large]);
  });

  it('describes a snapshot by id', async () => {
    // Act
    const described = await t.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [large] }));
    // Assess
    expect(described.Snapshots?.[0]).toMatchObject({
      SnapshotId: large,
      State: 'completed',
      Progress: '100%',
      VolumeSize: 30,
      Encrypted: true,
      Tags: [{ Key: 'retain', Value: 'yes' }],
    });
  });

  it('refuses a snapshot id that does not exist', async () => {
    // Act
    const call = t.ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: ['snap-0123456789abcdef0'] }));
    // Assess
    await expectEc2Error(call, 'InvalidSnapshot.NotFound', "The snapshot 'snap-0123456789abcdef0' does not exist.");
  });
});
