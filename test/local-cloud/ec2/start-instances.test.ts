import { RunInstancesCommand, StartInstancesCommand, StopInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: StartInstances', () => {
  let t: Ec2TestCloud;
  let imageId: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    imageId = t.registerImage().imageId;
  });
  afterAll(() => t.cloud.stop());

  const launch = async () => (await t.ec2.send(new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }))).Instances?.[0]?.InstanceId as string;

  it('starts a stopped instance again', async () => {
    // Prepare
    const instanceId = await launch();
    t.cloud.clock.advance(30_000);
    await t.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    t.cloud.clock.advance(30_000);
    // Act
    const starting = await t.ec2.send(new StartInstancesCommand({ InstanceIds: [instanceId] }));
    t.cloud.clock.advance(30_000);
    // Assess
    expect(starting.StartingInstances).toEqual([
      { InstanceId: instanceId, PreviousState: { Code: 80, Name: 'stopped' }, CurrentState: { Code: 0, Name: 'pending' } },
    ]);
    expect(t.cloud.runtime.events.filter((e) => e.detail['instance-id'] === instanceId).map((e) => e.detail.state)).toEqual([
      'pending',
      'running',
      'stopping',
      'stopped',
      'pending',
      'running',
    ]);
  });

  it('refuses a terminated instance', async () => {
    // Prepare
    const instanceId = await launch();
    await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    // Act
    const call = t.ec2.send(new StartInstancesCommand({ InstanceIds: [instanceId] }));
    // Assess
    await expectEc2Error(call, 'IncorrectInstanceState', `The instance '${instanceId}' is not in a state from which it can be started.`);
  });
});
