import { CreateLaunchTemplateCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { awsCliAt, cliSuite, hasAwsCli } from './aws-cli.ts';

const ACCOUNT = '123456789012';

describe.skipIf(!hasAwsCli)(cliSuite('AWS CLI: Auto Scaling'), () => {
  let cloud: TestCloud;
  let aws: ReturnType<typeof awsCliAt>;
  let templateId: string;
  beforeAll(async () => {
    cloud = await startTestCloud();
    aws = awsCliAt(cloud.endpoint);
    const { imageId } = cloud.runtime.services.ec2.registerImage(ACCOUNT, 'us-east-1', { name: 'golden-asg-cli' });
    const created = await new EC2Client(cloud.config()).send(
      new CreateLaunchTemplateCommand({ LaunchTemplateName: 'cli-asg', LaunchTemplateData: { ImageId: imageId, InstanceType: 't3.micro' } }),
    );
    templateId = created.LaunchTemplate?.LaunchTemplateId as string;
  });
  afterAll(() => cloud.stop());

  const createGroup = (name: string, ...extra: string[]) =>
    aws(
      'autoscaling',
      'create-auto-scaling-group',
      '--auto-scaling-group-name',
      name,
      '--launch-template',
      'LaunchTemplateName=cli-asg,Version=$Latest',
      '--min-size',
      '1',
      '--max-size',
      '4',
      '--desired-capacity',
      '2',
      '--availability-zones',
      'us-east-1a',
      'us-east-1b',
      ...extra,
    );

  it('creates a group and describes it with empty lists, booleans and tags as botocore parses them', async () => {
    // Act
    const created = await createGroup('cli-web', '--tags', 'Key=app,Value=web,PropagateAtLaunch=true');
    const described = await aws('autoscaling', 'describe-auto-scaling-groups', '--auto-scaling-group-names', 'cli-web');
    // Assess
    expect(created.exitCode).toBe(0);
    expect(created.json).toBeUndefined();
    expect(described.exitCode).toBe(0);
    const [group] = described.json.AutoScalingGroups;
    expect(group).toMatchObject({
      AutoScalingGroupName: 'cli-web',
      LaunchTemplate: { LaunchTemplateId: templateId, LaunchTemplateName: 'cli-asg', Version: '$Latest' },
      MinSize: 1,
      MaxSize: 4,
      DesiredCapacity: 2,
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      LoadBalancerNames: [],
      TargetGroupARNs: [],
      SuspendedProcesses: [],
      NewInstancesProtectedFromScaleIn: false,
      CreatedTime: new Date(cloud.clock.now()).toISOString(),
      Tags: [{ ResourceId: 'cli-web', ResourceType: 'auto-scaling-group', Key: 'app', Value: 'web', PropagateAtLaunch: true }],
    });
    expect(group.AutoScalingGroupARN).toMatch(/^arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName\/cli-web$/);
    expect(group.Instances).toHaveLength(2);
  });

  it('answers an empty list for a group that does not exist', async () => {
    // Act
    const described = await aws('autoscaling', 'describe-auto-scaling-groups', '--auto-scaling-group-names', 'cli-none');
    // Assess
    expect(described.exitCode).toBe(0);
    expect(described.json).toEqual({ AutoScalingGroups: [] });
  });

  it('answers ValidationError when the minimum size exceeds the maximum', async () => {
    // Act
    const result = await aws(
      'autoscaling',
      'create-auto-scaling-group',
      '--auto-scaling-group-name',
      'cli-bad',
      '--launch-template',
      'LaunchTemplateName=cli-asg',
      '--min-size',
      '5',
      '--max-size',
      '2',
      '--availability-zones',
      'us-east-1a',
    );
    // Assess
    expect(result.exitCode).toBe(255);
    expect(result.errorCode).toBe('ValidationError');
    expect(result.errorMessage).toBe('Max bound, 2, must be greater than or equal to min bound, 5');
  });

  it('starts an instance refresh with nested preferences and describes it', async () => {
    // Prepare
    await createGroup('cli-refresh');
    const preferences = JSON.stringify({
      MinHealthyPercentage: 50,
      InstanceWarmup: 60,
      CheckpointPercentages: [50, 100],
      CheckpointDelay: 600,
      SkipMatching: false,
      AlarmSpecification: { Alarms: [] },
    });
    // Act
    const started = await aws('autoscaling', 'start-instance-refresh', '--auto-scaling-group-name', 'cli-refresh', '--preferences', preferences);
    const described = await aws('autoscaling', 'describe-instance-refreshes', '--auto-scaling-group-name', 'cli-refresh');
    // Assess
    expect(started.exitCode).toBe(0);
    expect(started.json.InstanceRefreshId).toMatch(/^[0-9a-f-]{36}$/);
    const [refresh] = described.json.InstanceRefreshes;
    expect(refresh).toMatchObject({
      InstanceRefreshId: started.json.InstanceRefreshId,
      AutoScalingGroupName: 'cli-refresh',
      StartTime: new Date(cloud.clock.now()).toISOString(),
      Preferences: { MinHealthyPercentage: 50, InstanceWarmup: 60, CheckpointPercentages: [50, 100], CheckpointDelay: 600, SkipMatching: false },
    });
    expect(['Pending', 'InProgress']).toContain(refresh.Status);
  });

  it('answers InstanceRefreshInProgress for a second refresh and ValidationError for an unknown group', async () => {
    // Prepare
    await createGroup('cli-busy');
    await aws('autoscaling', 'start-instance-refresh', '--auto-scaling-group-name', 'cli-busy');
    // Act
    const second = await aws('autoscaling', 'start-instance-refresh', '--auto-scaling-group-name', 'cli-busy');
    const unknown = await aws('autoscaling', 'start-instance-refresh', '--auto-scaling-group-name', 'cli-nowhere');
    // Assess
    expect(second.exitCode).toBe(255);
    expect(second.errorCode).toBe('InstanceRefreshInProgress');
    expect(unknown.exitCode).toBe(255);
    expect(unknown.errorCode).toBe('ValidationError');
    expect(unknown.errorMessage).toBe("AutoScalingGroup name not found - AutoScalingGroup 'cli-nowhere' not found");
  });
});
