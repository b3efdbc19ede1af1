import { DescribeInstancesCommand, RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: TerminateInstances', () => {
  let t: Ec2TestCloud;
  let imageId: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    imageId = t.registerImage().imageId;
  });
  afterAll(() => t.cloud.stop());

  const stateOf = async (instanceId: string) =>
    (await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations?.[0]?.Instances?.[0]?.State?.Name;

  it('moves a running instance through shutting-down to terminated, with an event for each state', async () => {
    // Prepare
    const launched = await t.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }));
    const instanceId = launched.Instances?.[0]?.InstanceId as string;
    t.cloud.clock.advance(30_000);
    // Act
    const terminating = await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    // Assess
    expect(terminating.TerminatingInstances).toEqual([
      { InstanceId: instanceId, PreviousState: { Code: 16, Name: 'running' }, CurrentState: { Code: 32, Name: 'shutting-down' } },
    ]);
    expect(await stateOf(instanceId)).toBe('shutting-down');
    t.cloud.clock.advance(30_000);
    expect(await stateOf(instanceId)).toBe('terminated');
    const states = t.cloud.runtime.events.filter((e) => e.detail['instance-id'] === instanceId).map((e) => e.detail.state);
    expect(states).toEqual(['pending', 'running', 'shutting-down', 'terminated']);
  });

  it('keeps a terminated instance visible for an hour, then forgets it', async () => {
    // Prepare
    const launched = await t.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }));
    const instanceId = launched.Instances?.[0]?.InstanceId as string;
    await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    t.cloud.clock.advance(30_000);
    // Act
    t.cloud.clock.advance(59 * 60_000);
    const stillThere = await stateOf(instanceId);
    t.cloud.clock.advance(2 * 60_000);
    const call = t.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    // Assess
    expect(stillThere).toBe('terminated');
    await expectEc2Error(call, 'InvalidInstanceID.NotFound', `The instance ID '${instanceId}' does not exist`);
  });

  it('reports an instance already terminated without changing it', async () => {
    // Prepare
    const launched = await t.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }));
    const instanceId = launched.Instances?.[0]?.InstanceId as string;
    await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    t.cloud.clock.advance(30_000);
    // Act
    const again = await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    // Assess
    expect(again.TerminatingInstances?.[0]).toMatchObject({ PreviousState: { Name: 'terminated' }, CurrentState: { Name: 'terminated' } });
  });

  it('refuses instance ids that do not exist and terminates none', async () => {
    // Prepare
    const launched = await t.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }));
    const instanceId = launched.Instances?.[0]?.InstanceId as string;
    // Act
    const call = t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId, 'i-0123456789abcdef0', 'i-0123456789abcdef1'] }));
    // Assess
    await expectEc2Error(call, 'InvalidInstanceID.NotFound', "The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist");
    expect(await stateOf(instanceId)).toBe('pending');
  });
});
