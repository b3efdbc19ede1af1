import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { awsCliAt, cliSuite, hasAwsCli } from './aws-cli.ts';

const ACCOUNT = '123456789012';

describe.skipIf(!hasAwsCli)(cliSuite('AWS CLI: EC2'), () => {
  let cloud: TestCloud;
  let aws: ReturnType<typeof awsCliAt>;
  let imageId: string;
  beforeAll(async () => {
    cloud = await startTestCloud();
    aws = awsCliAt(cloud.endpoint);
    ({ imageId } = cloud.runtime.services.ec2.registerImage(ACCOUNT, 'us-east-1', { name: 'golden-web-2026.11', tags: { pipeline: 'web' } }));
  });
  afterAll(() => cloud.stop());

  it('describes an image by owner and filter, with ISO 8601 creation date and tags', async () => {
    // Act
    const result = await aws(
      'ec2',
      'describe-images',
      '--owners',
      'self',
      '--filters',
      'Name=name,Values=golden-web-*,golden-api-*',
      'Name=tag:pipeline,Values=web',
    );
    // Assess
    expect(result.exitCode).toBe(0);
    expect(result.json.Images).toHaveLength(1);
    expect(result.json.Images[0]).toMatchObject({
      ImageId: imageId,
      Name: 'golden-web-2026.11',
      OwnerId: ACCOUNT,
      State: 'available',
      Public: false,
      CreationDate: new Date(cloud.clock.now()).toISOString(),
      Tags: [{ Key: 'pipeline', Value: 'web' }],
    });
  });

  it('answers InvalidAMIID.NotFound for an image that does not exist', async () => {
    // Act
    const result = await aws('ec2', 'describe-images', '--image-ids', 'ami-0123456789abcdef0');
    // Assess
    expect(result.exitCode).toBe(255);
    expect(result.errorCode).toBe('InvalidAMIID.NotFound');
    expect(result.errorMessage).toBe("The image id '[ami-0123456789abcdef0]' does not exist");
  });

  it('creates a launch template and a new version, and describes both versions', async () => {
    // Prepare
    const data = JSON.stringify({
      ImageId: imageId,
      InstanceType: 't3.micro',
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'app', Value: 'web' }] }],
    });
    // Act
    const created = await aws(
      'ec2',
      'create-launch-template',
      '--launch-template-name',
      'cli-web',
      '--launch-template-data',
      data,
      '--tag-specifications',
      'ResourceType=launch-template,Tags=[{Key=team,Value=platform}]',
    );
    const version = await aws(
      'ec2',
      'create-launch-template-version',
      '--launch-template-name',
      'cli-web',
      '--source-version',
      '1',
      '--version-description',
      'bigger',
      '--launch-template-data',
      '{"InstanceType":"t3.small"}',
    );
    const versions = await aws('ec2', 'describe-launch-template-versions', '--launch-template-name', 'cli-web', '--versions', '1', '$Latest');
    // Assess
    expect(created.exitCode).toBe(0);
    expect(created.json.LaunchTemplate).toMatchObject({
      LaunchTemplateName: 'cli-web',
      DefaultVersionNumber: 1,
      LatestVersionNumber: 1,
      CreateTime: new Date(cloud.clock.now()).toISOString(),
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
    expect(created.json.LaunchTemplate.LaunchTemplateId).toMatch(/^lt-[0-9a-f]{17}$/);
    expect(version.json.LaunchTemplateVersion).toMatchObject({ VersionNumber: 2, VersionDescription: 'bigger', DefaultVersion: false });
    expect(version.json.LaunchTemplateVersion.LaunchTemplateData).toMatchObject({ ImageId: imageId, InstanceType: 't3.small' });
    expect(versions.json.LaunchTemplateVersions.map((v: { VersionNumber: number; DefaultVersion: boolean }) => [v.VersionNumber, v.DefaultVersion])).toEqual([
      [2, false],
      [1, true],
    ]);
  });

  it('runs an instance from a launch template, describes it by tag filter, and terminates it', async () => {
    // Prepare
    await aws(
      'ec2',
      'create-launch-template',
      '--launch-template-name',
      'cli-run',
      '--launch-template-data',
      JSON.stringify({ ImageId: imageId, InstanceType: 't3.micro' }),
    );
    // Act
    const run = await aws(
      'ec2',
      'run-instances',
      '--launch-template',
      'LaunchTemplateName=cli-run,Version=$Latest',
      '--count',
      '1',
      '--tag-specifications',
      'ResourceType=instance,Tags=[{Key=Name,Value=cli-smoke},{Key=purpose,Value=parity}]',
    );
    const instanceId: string = run.json?.Instances?.[0]?.InstanceId;
    cloud.clock.advance(60_000);
    const described = await aws('ec2', 'describe-instances', '--filters', 'Name=tag:Name,Values=cli-smoke', 'Name=instance-state-name,Values=pending,running');
    const terminated = await aws('ec2', 'terminate-instances', '--instance-ids', instanceId);
    // Assess
    expect(run.exitCode).toBe(0);
    expect(run.json.Instances[0]).toMatchObject({ ImageId: imageId, InstanceType: 't3.micro', State: { Code: 0, Name: 'pending' } });
    expect(run.json.Instances[0].Tags).toEqual(
      expect.arrayContaining([
        { Key: 'Name', Value: 'cli-smoke' },
        { Key: 'purpose', Value: 'parity' },
      ]),
    );
    expect(described.json.Reservations.flatMap((r: { Instances: Array<{ InstanceId: string; State: unknown }> }) => r.Instances)).toEqual([
      expect.objectContaining({ InstanceId: instanceId, State: { Code: 16, Name: 'running' } }),
    ]);
    expect(terminated.json).toEqual({
      TerminatingInstances: [{ InstanceId: instanceId, CurrentState: { Code: 32, Name: 'shutting-down' }, PreviousState: { Code: 16, Name: 'running' } }],
    });
  });

  it('answers InvalidAMIID.NotFound when running an image that does not exist', async () => {
    // Act
    const result = await aws('ec2', 'run-instances', '--image-id', 'ami-0123456789abcdef0', '--instance-type', 't3.micro', '--count', '1');
    // Assess
    expect(result.exitCode).toBe(255);
    expect(result.errorCode).toBe('InvalidAMIID.NotFound');
  });

  it('answers DryRunOperation for a dry run that would have succeeded', async () => {
    // Act
    const result = await aws('ec2', 'run-instances', '--dry-run', '--image-id', imageId, '--instance-type', 't3.micro', '--count', '1');
    // Assess
    expect(result.exitCode).toBe(255);
    expect(result.errorCode).toBe('DryRunOperation');
    expect(result.errorMessage).toBe('Request would have succeeded, but DryRun flag is set.');
  });

  it('round-trips XML-special characters, emoji and line breaks in tag values', async () => {
    // Prepare
    const value = 'a&b <c> "d" \'e\' é😀 x+y=z%20 ]]> \\ \r\n\tend';
    const tags = JSON.stringify([{ Key: 'odd', Value: value }]);
    // Act
    const created = await aws('ec2', 'create-tags', '--resources', imageId, '--tags', tags);
    const described = await aws('ec2', 'describe-tags', '--filters', `Name=resource-id,Values=${imageId}`, 'Name=key,Values=odd');
    // Assess
    expect(created.exitCode).toBe(0);
    expect(described.json.Tags).toEqual([{ Key: 'odd', ResourceId: imageId, ResourceType: 'image', Value: value }]);
  });

  it('parses every timestamp of an instance when botocore is told to', async () => {
    // Prepare
    const run = await aws('ec2', 'run-instances', '--image-id', imageId, '--instance-type', 't3.micro', '--count', '1');
    const instanceId: string = run.json.Instances[0].InstanceId;
    // Act
    const described = await awsCliAt(cloud.endpoint, { timestamps: 'iso8601' })('ec2', 'describe-instances', '--instance-ids', instanceId);
    // Assess
    expect(described.exitCode).toBe(0);
    const instance = described.json.Reservations[0].Instances[0];
    expect(new Date(instance.LaunchTime).getTime()).toBe(cloud.clock.now());
    expect(instance.LaunchTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
  });
});
