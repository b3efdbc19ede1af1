import { DescribeInstancesCommand, RunInstancesCommand, StopInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: StopInstances', () => {
  let t: Ec2TestCloud;
  let imageId: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    imageId = t.registerImage().imageId;
  });
  afterAll(() => t.cloud.stop());

  const launch = async () => (await t.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }))).Instances?.[0]?.InstanceId as string;

  it('stops a running instance through stopping to stopped', async () => {
    // Prepare
    const instanceId = await launch();
    t.cloud.clock.advance(30_000);
    // Act
    const stopping = await t.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    t.cloud.clock.advance(30_000);
    // Assess
    expect(stopping.StoppingInstances?.[0]).toMatchObject({ PreviousState: { Name: 'running', Code: 16 }, CurrentState: { Name: 'stopping', Code: 64 } });
    const instance = (await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }))).Reservations?.[0]?.Instances?.[0];
    expect(instance?.State).toEqual({ Name: 'stopped', Code: 80 });
    const states = t.cloud.runtime.events.filter((e) => e.detail['instance-id'] === instanceId).map((e) => e.detail.state);
    expect(states).toEqual(['pending', 'running', 'stopping', 'stopped']);
  });

  it('refuses an instance that has never run', async () => {
    // Prepare
    const instanceId = await launch();
    // Act
    const call = t.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    // Assess
    await expectEc2Error(call, 'IncorrectInstanceState', `Instance '${instanceId}' cannot be stopped as it has never reached the 'running' state.`);
  });

  it('refuses a terminated instance', async () => {
    // Prepare
    const instanceId = await launch();
    await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    // Act
    const call = t.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    // Assess
    await expectEc2Error(call, 'IncorrectInstanceState', `The instance '${instanceId}' is not in a state from which it can be stopped.`);
  });
});
