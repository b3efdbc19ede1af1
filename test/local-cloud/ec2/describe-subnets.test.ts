import { DescribeSubnetsCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DescribeSubnets', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('describes a default subnet in each zone of the default VPC', async () => {
    // Act
    const described = await t.ec2.send(new DescribeSubnetsCommand({}));
    // Assess
    expect(described.Subnets?.map((s) => [s.AvailabilityZone, s.AvailabilityZoneId, s.DefaultForAz, s.State])).toEqual([
      ['us-east-1a', 'use1-az1', true, 'available'],
      ['us-east-1b', 'use1-az2', true, 'available'],
      ['us-east-1c', 'use1-az3', true, 'available'],
    ]);
    expect(new Set(described.Subnets?.map((s) => s.VpcId)).size).toBe(1);
  });

  it('places instances in the subnet of the zone they ask for', async () => {
    // Prepare
    const { imageId } = t.registerImage();
    const zoneB = (await t.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'availability-zone', Values: ['us-east-1b'] }] }))).Subnets?.[0];
    // Act
    const launched = await t.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1, Placement: { AvailabilityZone: 'us-east-1b' } }));
    // Assess
    expect(launched.Instances?.[0]).toMatchObject({ SubnetId: zoneB?.SubnetId, VpcId: zoneB?.VpcId, Placement: { AvailabilityZone: 'us-east-1b' } });
  });

  it('describes a named subnet with a stable zone', async () => {
    // Act
    const first = await t.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0abc0123456789def'] }));
    const again = await t.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0abc0123456789def'] }));
    // Assess
    expect(first.Subnets?.[0]).toMatchObject({ SubnetId: 'subnet-0abc0123456789def', DefaultForAz: false });
    expect(again.Subnets?.[0]?.AvailabilityZone).toBe(first.Subnets?.[0]?.AvailabilityZone);
  });

  it('refuses a malformed subnet id', async () => {
    // Act
    const call = t.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-x'] }));
    // Assess
    await expectEc2Error(call, 'InvalidSubnetID.Malformed', 'Invalid id: "subnet-x" (expecting "subnet-...")');
  });
});
