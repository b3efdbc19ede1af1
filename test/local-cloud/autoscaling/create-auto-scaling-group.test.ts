import { CreateAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, idsOf, startAsgTestCloud, type Template } from './asg-test-cloud.ts';

describe('Auto Scaling: CreateAutoScalingGroup', () => {
  let t: AsgTestCloud;
  let lt: Template;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    lt = await t.createTemplate();
  });
  afterAll(() => t.cloud.stop());

  it('launches the desired capacity through EC2, Pending until the instances pass their health checks', async () => {
    // Act
    const group = await t.createGroup({
      AutoScalingGroupName: 'create-basic',
      MinSize: 1,
      MaxSize: 4,
      DesiredCapacity: 2,
      LaunchTemplate: { LaunchTemplateName: lt.name, Version: '$Latest' },
      Tags: [
        { Key: 'team', Value: 'platform', PropagateAtLaunch: true },
        { Key: 'cost-centre', Value: '42', PropagateAtLaunch: false },
      ],
    });
    // Assess
    expect(group).toMatchObject({
      AutoScalingGroupName: 'create-basic',
      AutoScalingGroupARN: expect.stringMatching(
        /^arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName\/create-basic$/,
      ),
      LaunchTemplate: { LaunchTemplateId: lt.id, LaunchTemplateName: lt.name, Version: '$Latest' },
      MinSize: 1,
      MaxSize: 4,
      DesiredCapacity: 2,
      DefaultCooldown: 300,
      HealthCheckType: 'EC2',
      HealthCheckGracePeriod: 0,
      TerminationPolicies: ['Default'],
      CreatedTime: t.cloud.clock.date(),
    });
    expect(group.Instances).toHaveLength(2);
    expect(group.Instances?.map((i) => [i.LifecycleState, i.HealthStatus, i.LaunchTemplate?.Version])).toEqual([
      ['Pending', 'Healthy', '3'],
      ['Pending', 'Healthy', '3'],
    ]);
    expect(new Set(group.Instances?.map((i) => i.AvailabilityZone))).toEqual(new Set(['us-east-1a', 'us-east-1b']));
    const reservations = await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: idsOf(group) }));
    const instances = reservations.Reservations?.flatMap((r) => r.Instances ?? []) ?? [];
    expect(instances.map((i) => i.ImageId)).toEqual([lt.images[2], lt.images[2]]);
    for (const instance of instances) {
      expect(instance.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'aws:autoscaling:groupName', Value: 'create-basic' },
          { Key: 'team', Value: 'platform' },
        ]),
      );
      expect(instance.Tags?.some((tag) => tag.Key === 'cost-centre')).toBe(false);
    }
    await t.advance(120);
    expect((await t.group('create-basic')).Instances?.map((i) => i.LifecycleState)).toEqual(['InService', 'InService']);
  });

  it('launches from a mixed instances policy with its instance type override', async () => {
    // Act
    const group = await t.createGroup({
      AutoScalingGroupName: 'create-mixed',
      DesiredCapacity: 1,
      MixedInstancesPolicy: {
        LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateId: lt.id, Version: '2' }, Overrides: [{ InstanceType: 'm7i.large' }] },
      },
    });
    // Assess
    expect(group.LaunchTemplate).toBeUndefined();
    expect(group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification).toEqual({
      LaunchTemplateId: lt.id,
      LaunchTemplateName: lt.name,
      Version: '2',
    });
    expect(group.Instances?.[0]).toMatchObject({ InstanceType: 'm7i.large', LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } });
  });

  it('launches into the subnets of VPCZoneIdentifier', async () => {
    // Act
    const group = await t.createGroup({
      AutoScalingGroupName: 'create-subnets',
      AvailabilityZones: undefined,
      VPCZoneIdentifier: 'subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2',
      DesiredCapacity: 2,
      LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' },
    });
    // Assess
    expect(group.VPCZoneIdentifier).toBe('subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2');
    const reservations = await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: idsOf(group) }));
    const subnets = reservations.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.SubnetId);
    expect(new Set(subnets)).toEqual(new Set(['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2']));
    expect(group.AvailabilityZones?.length).toBeGreaterThan(0);
  });

  it('retries a launch EC2 refuses, as a failed scaling activity is retried', async () => {
    // Prepare
    t.cloud.setScenario({ api: [{ service: 'ec2', operation: 'RunInstances', error: 'InsufficientInstanceCapacity', times: 1 }] });
    // Act
    const refused = await t.createGroup({
      AutoScalingGroupName: 'create-retry',
      DesiredCapacity: 1,
      LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' },
    });
    await t.advance(30);
    // Assess
    expect(refused.Instances).toEqual([]);
    expect((await t.group('create-retry')).Instances).toHaveLength(1);
    t.cloud.setScenario({});
  });

  it('refuses a group name that already exists with AlreadyExistsFault', async () => {
    // Prepare
    await t.createGroup({ AutoScalingGroupName: 'create-twice', LaunchTemplate: { LaunchTemplateId: lt.id } });
    // Act
    const call = t.asg.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'create-twice',
        MinSize: 0,
        MaxSize: 1,
        AvailabilityZones: ['us-east-1a'],
        LaunchTemplate: { LaunchTemplateId: lt.id },
      }),
    );
    // Assess
    await expectAsgError(call, 'AlreadyExistsFault', 'AutoScalingGroup by this name already exists - A group with the name create-twice already exists');
  });

  it('reports every missing required member in one ValidationError', async () => {
    // Act
    const call = t.asg.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: 'create-missing' } as never));
    // Assess
    await expectAsgError(
      call,
      'ValidationError',
      "2 validation errors detected: Value null at 'minSize' failed to satisfy constraint: Member must not be null; Value null at 'maxSize' failed to satisfy constraint: Member must not be null",
    );
  });

  it.each([
    [{ MinSize: 3, MaxSize: 2 }, 'Max bound, 2, must be greater than or equal to min bound, 3'],
    [{ MinSize: 1, MaxSize: 2, DesiredCapacity: 3 }, 'Desired capacity:3 must be between the specified min size:1 and max size:2'],
    [
      { LaunchTemplate: undefined },
      'Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.',
    ],
    [
      { LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0', LaunchTemplateName: 'web' } },
      'Valid requests must contain either launchTemplateId or LaunchTemplateName',
    ],
    [
      { LaunchTemplate: { LaunchTemplateName: 'web', Version: 'latest' } },
      "Invalid launch template version: either '$Default', '$Latest', or a numeric version are allowed.",
    ],
    [
      { LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0' } },
      'You must use a valid fully-formed launch template. The specified launch template, with template ID lt-0123456789abcdef0, does not exist.',
    ],
    [{ AvailabilityZones: undefined }, 'At least one Availability Zone or VPC Subnet is required.'],
  ])('refuses %j with ValidationError and creates nothing', async (overrides, message) => {
    // Act
    const call = t.asg.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: 'create-refused',
        MinSize: 0,
        MaxSize: 1,
        AvailabilityZones: ['us-east-1a'],
        LaunchTemplate: { LaunchTemplateId: lt.id },
        ...overrides,
      }),
    );
    // Assess
    await expectAsgError(call, 'ValidationError', message);
    const described = await t.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['create-refused'] }));
    expect(described.AutoScalingGroups).toEqual([]);
  });
});
