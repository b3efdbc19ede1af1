import { StopInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, type DescribeInstanceInformationCommandInput } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: DescribeInstanceInformation', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
  });
  afterAll(() => t.cloud.stop());

  const describeIds = async (input: DescribeInstanceInformationCommandInput = {}) =>
    (await t.ssm.send(new DescribeInstanceInformationCommand(input))).InstanceInformationList?.map((i) => i.InstanceId);

  it('lists an instance as Online once its agent has registered', async () => {
    // Prepare
    const instanceId = await t.launchInstance({ tags: { Name: 'smoke' } });
    // Act
    t.cloud.clock.advance(30_000);
    const early = await describeIds({ Filters: [{ Key: 'InstanceIds', Values: [instanceId] }] });
    t.cloud.clock.advance(30_000);
    const { InstanceInformationList } = await t.ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [instanceId] }] }));
    // Assess
    expect(early).toEqual([]);
    expect(InstanceInformationList?.[0]).toMatchObject({
      InstanceId: instanceId,
      PingStatus: 'Online',
      PlatformType: 'Linux',
      PlatformName: 'Amazon Linux',
      ResourceType: 'EC2Instance',
      IsLatestVersion: true,
    });
  });

  it('filters by ping status and tag', async () => {
    // Prepare
    const web = await t.managedInstance({ tags: { Tier: 'web' } });
    const stopped = await t.managedInstance({ tags: { Tier: 'batch' } });
    await t.ec2.send(new StopInstancesCommand({ InstanceIds: [stopped] }));
    t.cloud.clock.advance(60_000);
    // Act
    const lost = await describeIds({ Filters: [{ Key: 'PingStatus', Values: ['ConnectionLost'] }] });
    const tagged = await describeIds({ Filters: [{ Key: 'tag:Tier', Values: ['web'] }] });
    const listed = await describeIds({ InstanceInformationFilterList: [{ key: 'PingStatus', valueSet: ['Online'] }] });
    // Assess
    expect(lost).toEqual([stopped]);
    expect(tagged).toEqual([web]);
    expect(listed).toContain(web);
    expect(listed).not.toContain(stopped);
  });

  it('throws InvalidFilterKey for an unknown filter key', async () => {
    // Act
    const call = t.ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'Color', Values: ['blue'] }] }));
    // Assess
    await expectAwsError(call, 'InvalidFilterKey', 'The specified key is not valid.');
  });

  it('throws InvalidInstanceInformationFilterValue for an unknown ping status', async () => {
    // Act
    const call = t.ssm.send(new DescribeInstanceInformationCommand({ Filters: [{ Key: 'PingStatus', Values: ['Asleep'] }] }));
    // Assess
    await expectAwsError(
      call,
      'InvalidInstanceInformationFilterValue',
      'Asleep is not a valid value for the filter key PingStatus. Valid values: Online, ConnectionLost, Inactive.',
    );
  });
});
