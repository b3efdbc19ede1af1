import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DescribeAvailabilityZones', () => {
  let t: Ec2TestCloud;
  beforeAll(async () => {
    t = await startEc2TestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('describes three zones of the region', async () => {
    // Prepare
    const frankfurt = new EC2Client(t.cloud.config('eu-central-1'));
    // Act
    const zones = await frankfurt.send(new DescribeAvailabilityZonesCommand({}));
    // Assess
    expect(zones.AvailabilityZones?.map((z) => [z.ZoneName, z.ZoneId, z.State])).toEqual([
      ['eu-central-1a', 'euc1-az1', 'available'],
      ['eu-central-1b', 'euc1-az2', 'available'],
      ['eu-central-1c', 'euc1-az3', 'available'],
    ]);
  });

  it('refuses a zone name of another region', async () => {
    // Act
    const call = t.ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['eu-west-1a'] }));
    // Assess
    await expectEc2Error(call, 'InvalidParameterValue', 'The availability zone name (eu-west-1a) is not a valid availability zone name for this region.');
  });
});
