import { DescribeInstanceStatusCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DescribeInstanceStatus', () => {
  let t: Ec2TestCloud;
  let instanceId: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    const { imageId } = t.registerImage();
    instanceId = (await t.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }))).Instances?.[0]?.InstanceId as string;
  });
  afterAll(() => t.cloud.stop());

  it('describes running instances only, initializing and then ok', async () => {
    // Act
    const whilePending = await t.ec2.send(new DescribeInstanceStatusCommand({}));
    const allWhilePending = await t.ec2.send(new DescribeInstanceStatusCommand({ IncludeAllInstances: true }));
    t.cloud.clock.advance(30_000);
    const justRunning = await t.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [instanceId] }));
    t.cloud.clock.advance(60_000);
    const settled = await t.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [instanceId] }));
    // Assess
    expect(whilePending.InstanceStatuses).toEqual([]);
    expect(allWhilePending.InstanceStatuses?.[0]).toMatchObject({
      InstanceId: instanceId,
      InstanceState: { Name: 'pending' },
      InstanceStatus: { Status: 'not-applicable' },
    });
    expect(justRunning.InstanceStatuses?.[0]).toMatchObject({ InstanceState: { Name: 'running' }, InstanceStatus: { Status: 'initializing' } });
    expect(settled.InstanceStatuses?.[0]).toMatchObject({
      InstanceStatus: { Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] },
      SystemStatus: { Status: 'ok' },
    });
  });

  it('refuses an instance id that does not exist', async () => {
    // Act
    const call = t.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: ['i-0123456789abcdef0'] }));
    // Assess
    await expectEc2Error(call, 'InvalidInstanceID.NotFound', "The instance ID 'i-0123456789abcdef0' does not exist");
  });
});
