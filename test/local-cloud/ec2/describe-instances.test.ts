import { DescribeInstancesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ec2TestCloud, expectEc2Error, startEc2TestCloud } from './ec2-test-cloud.ts';

describe('EC2: DescribeInstances', () => {
  let t: Ec2TestCloud;
  let imageA: string;
  let webIds: string[];
  let workerId: string;
  beforeAll(async () => {
    t = await startEc2TestCloud();
    imageA = t.registerImage().imageId;
    const imageB = t.registerImage().imageId;
    const web = await t.ec2.send(
      new RunInstancesCommand({
        ImageId: imageA,
        MinCount: 2,
        MaxCount: 2,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Role', Value: 'web' }] }],
      }),
    );
    webIds = web.Instances?.map((i) => i.InstanceId as string) ?? [];
    t.cloud.clock.advance(60_000);
    const worker = await t.ec2.send(
      new RunInstancesCommand({
        ImageId: imageB,
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Role', Value: 'worker' }] }],
      }),
    );
    workerId = worker.Instances?.[0]?.InstanceId as string;
  });
  afterAll(() => t.cloud.stop());

  it('groups instances by reservation', async () => {
    // Act
    const described = await t.ec2.send(new DescribeInstancesCommand({}));
    // Assess
    expect(described.Reservations?.map((r) => r.Instances?.map((i) => i.InstanceId))).toEqual([webIds, [workerId]]);
  });

  it('filters by state, image, tag and tag key', async () => {
    // Act
    const running = await t.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running'] }] }));
    const byImage = await t.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'image-id', Values: [imageA] }] }));
    const byTag = await t.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Role', Values: ['work*'] }] }));
    const byKey = await t.ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag-key', Values: ['Role'] },
          { Name: 'instance-id', Values: [webIds[1]] },
        ],
      }),
    );
    // Assess
    const ids = (r: typeof running) => r.Reservations?.flatMap((res) => res.Instances?.map((i) => i.InstanceId));
    expect(ids(running)).toEqual(webIds);
    expect(ids(byImage)).toEqual(webIds);
    expect(ids(byTag)).toEqual([workerId]);
    expect(ids(byKey)).toEqual([webIds[1]]);
  });

  it('describes instances by id', async () => {
    // Act
    const described = await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: [workerId] }));
    // Assess
    expect(described.Reservations?.[0]?.Instances?.[0]).toMatchObject({ InstanceId: workerId, State: { Name: 'pending', Code: 0 } });
  });

  it('refuses an instance id that does not exist', async () => {
    // Act
    const call = t.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] }));
    // Assess
    await expectEc2Error(call, 'InvalidInstanceID.NotFound', "The instance ID 'i-0123456789abcdef0' does not exist");
  });

  it('refuses a malformed instance id', async () => {
    // Act
    const call = t.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-xyz'] }));
    // Assess
    await expectEc2Error(call, 'InvalidInstanceID.Malformed', 'Invalid id: "i-xyz"');
  });

  it('refuses an unknown filter', async () => {
    // Act
    const call = t.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'flavour', Values: ['x'] }] }));
    // Assess
    await expectEc2Error(call, 'InvalidParameterValue', "The filter 'flavour' is invalid");
  });
});
