import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeInstanceRefreshesCommand,
  StartInstanceRefreshCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParameterHistoryCommand, LabelParameterVersionCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { hasMoto, type MotoServer, motoSuite, startMoto } from './moto-server.ts';
import { type Shape, shapeDifferences, shapeOf } from './response-shape.ts';

const AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

/** One endpoint under comparison, with SDK v3 clients for it and the ids its earlier calls produced. */
interface Side {
  ssm: SSMClient;
  ec2: EC2Client;
  asg: AutoScalingClient;
  secrets: SecretsManagerClient;
  sts: STSClient;
  imageId: string;
  ids: Record<string, string>;
}

type Outcome = { shape: Shape; error?: undefined } | { error: { name: string; status: number | undefined } };

function sideFor(endpoint: string): Side {
  const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  return {
    ssm: new SSMClient(config),
    ec2: new EC2Client(config),
    asg: new AutoScalingClient(config),
    secrets: new SecretsManagerClient(config),
    sts: new STSClient(config),
    imageId: '',
    ids: {},
  };
}

async function outcomeOf(call: Promise<unknown>, maps: readonly string[]): Promise<Outcome> {
  try {
    return { shape: shapeOf(await call, maps) };
  } catch (e) {
    const error = e as { name: string; $metadata?: { httpStatusCode?: number } };
    return { error: { name: error.name, status: error.$metadata?.httpStatusCode } };
  }
}

describe.skipIf(!hasMoto)(motoSuite('Parity: SDK v3 response shapes against moto'), () => {
  let moto: MotoServer;
  let cloud: TestCloud;
  let reference: Side;
  let local: Side;

  beforeAll(async () => {
    [moto, cloud] = await Promise.all([startMoto(), startTestCloud()]);
    reference = sideFor(moto.endpoint);
    local = sideFor(cloud.endpoint);
    for (const side of [reference, local]) {
      const { Parameter } = await side.ssm.send(new GetParameterCommand({ Name: AL2023 }));
      side.imageId = Parameter?.Value as string;
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all([moto?.stop(), cloud?.stop()]);
  });

  /** Runs the same call against moto and the local cloud. */
  async function both(call: (side: Side) => Promise<unknown>, maps: readonly string[] = []): Promise<[Outcome, Outcome]> {
    return [await outcomeOf(call(reference), maps), await outcomeOf(call(local), maps)];
  }

  function expectSameShape([ref, actual]: [Outcome, Outcome], ignore: readonly string[] = []): void {
    expect(ref.error, 'moto failed the call').toBeUndefined();
    expect(actual.error, 'the local cloud failed the call').toBeUndefined();
    if (ref.error || actual.error) return;
    expect(shapeDifferences(ref.shape, actual.shape, ignore)).toEqual([]);
  }

  function expectSameError([ref, actual]: [Outcome, Outcome], name: string, status: number): void {
    expect(ref.error).toEqual({ name, status });
    expect(actual.error).toEqual({ name, status });
  }

  describe('SSM (awsJson 1.1)', () => {
    it('matches PutParameter, GetParameter and GetParameterHistory', async () => {
      // Act
      const put = await both((s) => s.ssm.send(new PutParameterCommand({ Name: '/parity/app', Value: 'one', Type: 'String' })));
      await both((s) => s.ssm.send(new PutParameterCommand({ Name: '/parity/app', Value: 'two', Overwrite: true })));
      const get = await both((s) => s.ssm.send(new GetParameterCommand({ Name: '/parity/app' })));
      const history = await both((s) => s.ssm.send(new GetParameterHistoryCommand({ Name: '/parity/app' })));
      // Assess
      expectSameShape(put);
      expectSameShape(get);
      expectSameShape(history);
    });

    it('matches LabelParameterVersion', async () => {
      // Prepare
      await both((s) => s.ssm.send(new PutParameterCommand({ Name: '/parity/labelled', Value: 'one', Type: 'String' })));
      // Act
      const labelled = await both((s) => s.ssm.send(new LabelParameterVersionCommand({ Name: '/parity/labelled', ParameterVersion: 1, Labels: ['prod'] })));
      // Assess
      expectSameShape(labelled);
    });

    it('matches ParameterNotFound and ParameterAlreadyExists', async () => {
      // Prepare
      await both((s) => s.ssm.send(new PutParameterCommand({ Name: '/parity/taken', Value: 'one', Type: 'String' })));
      // Act
      const missing = await both((s) => s.ssm.send(new GetParameterCommand({ Name: '/parity/missing' })));
      const taken = await both((s) => s.ssm.send(new PutParameterCommand({ Name: '/parity/taken', Value: 'two', Type: 'String' })));
      // Assess
      expectSameError(missing, 'ParameterNotFound', 400);
      expectSameError(taken, 'ParameterAlreadyExists', 400);
    });

    it('matches ParameterVersionNotFound for a label on a version that does not exist', async () => {
      // Prepare
      await both((s) => s.ssm.send(new PutParameterCommand({ Name: '/parity/versions', Value: 'one', Type: 'String' })));
      // Act
      const missing = await both((s) => s.ssm.send(new LabelParameterVersionCommand({ Name: '/parity/versions', ParameterVersion: 9, Labels: ['prod'] })));
      // Assess
      expectSameError(missing, 'ParameterVersionNotFound', 400);
    });
  });

  describe('EC2 (ec2Query)', () => {
    it('matches DescribeImages for the Amazon Linux 2023 image', async () => {
      // Act
      const images = await both((s) => s.ec2.send(new DescribeImagesCommand({ ImageIds: [s.imageId] })));
      // Assess
      // moto lists empty Tags and ProductCodes on every image; AWS leaves both out of an Amazon Linux image.
      // moto's Platform is an AWS member for Windows images only.
      expectSameShape(images, ['Images[].Tags', 'Images[].ProductCodes', 'Images[].Platform']);
    });

    it('matches InvalidAMIID.NotFound, InvalidInstanceID.NotFound and a duplicate launch template name', async () => {
      // Prepare
      await both((s) => s.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'parity-taken', LaunchTemplateData: { InstanceType: 't3.micro' } })));
      // Act
      const image = await both((s) => s.ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] })));
      const instance = await both((s) => s.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })));
      const taken = await both((s) =>
        s.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'parity-taken', LaunchTemplateData: { InstanceType: 't3.micro' } })),
      );
      // Assess
      expectSameError(image, 'InvalidAMIID.NotFound', 400);
      expectSameError(instance, 'InvalidInstanceID.NotFound', 400);
      expectSameError(taken, 'InvalidLaunchTemplateName.AlreadyExistsException', 400);
    });

    it('matches CreateLaunchTemplate, CreateLaunchTemplateVersion and DescribeLaunchTemplateVersions', async () => {
      // Act
      const created = await both((s) =>
        s.ec2.send(
          new CreateLaunchTemplateCommand({
            LaunchTemplateName: 'parity-web',
            LaunchTemplateData: { ImageId: s.imageId, InstanceType: 't3.micro' },
            TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'team', Value: 'platform' }] }],
          }),
        ),
      );
      const version = await both((s) =>
        s.ec2.send(
          new CreateLaunchTemplateVersionCommand({ LaunchTemplateName: 'parity-web', SourceVersion: '1', LaunchTemplateData: { InstanceType: 't3.small' } }),
        ),
      );
      const versions = await both((s) =>
        s.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateName: 'parity-web', Versions: ['$Latest', '1'] })),
      );
      // Assess
      expectSameShape(created);
      expectSameShape(version);
      // moto copies the launch template's own tags into LaunchTemplateData.TagSpecifications; AWS keeps them on
      // the template (TagSpecifications of CreateLaunchTemplate tag the template, not what it launches).
      expectSameShape(versions, ['LaunchTemplateVersions[].LaunchTemplateData.TagSpecifications']);
    });

    it('matches RunInstances, DescribeInstances and TerminateInstances', async () => {
      // Prepare
      const run = (s: Side) =>
        s.ec2
          .send(
            new RunInstancesCommand({
              ImageId: s.imageId,
              InstanceType: 't3.micro',
              MinCount: 1,
              MaxCount: 1,
              TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'parity' }] }],
            }),
          )
          .then((out) => {
            s.ids.instance = out.Instances?.[0]?.InstanceId as string;
            return out;
          });
      // Act
      const launched = await both(run);
      const described = await both((s) => s.ec2.send(new DescribeInstancesCommand({ InstanceIds: [s.ids.instance] })));
      const terminated = await both((s) => s.ec2.send(new TerminateInstancesCommand({ InstanceIds: [s.ids.instance] })));
      // Assess
      // The local cloud models no network interfaces, public addresses, kernels or hibernation options on an
      // instance, and gives a StateReason only after a stop or termination; Goldsmith reads none of them.
      const notModelled = ['NetworkInterfaces', 'PublicIpAddress', 'KernelId', 'HibernationOptions', 'SriovNetSupport', 'StateReason'];
      expectSameShape(
        launched,
        notModelled.map((m) => `Instances[].${m}`),
      );
      expectSameShape(
        described,
        notModelled.map((m) => `Reservations[].Instances[].${m}`),
      );
      expectSameShape(terminated);
    });
  });

  describe('Auto Scaling (awsQuery)', () => {
    beforeAll(async () => {
      await both((s) =>
        s.ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'parity-asg', LaunchTemplateData: { ImageId: s.imageId, InstanceType: 't3.micro' } })),
      );
    });

    it('matches CreateAutoScalingGroup and DescribeAutoScalingGroups', async () => {
      // Act
      const created = await both((s) =>
        s.asg.send(
          new CreateAutoScalingGroupCommand({
            AutoScalingGroupName: 'parity-web',
            LaunchTemplate: { LaunchTemplateName: 'parity-asg', Version: '$Latest' },
            MinSize: 1,
            MaxSize: 2,
            DesiredCapacity: 1,
            AvailabilityZones: ['us-east-1a'],
          }),
        ),
      );
      const described = await both((s) => s.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['parity-web'] })));
      const none = await both((s) => s.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['parity-none'] })));
      // Assess
      expectSameShape(created);
      expectSameShape(described);
      expectSameShape(none);
    });

    it('matches ValidationError for a group whose minimum size exceeds its maximum', async (context) => {
      // Act
      const invalid = await both((s) =>
        s.asg.send(
          new CreateAutoScalingGroupCommand({
            AutoScalingGroupName: 'parity-invalid',
            LaunchTemplate: { LaunchTemplateName: 'parity-asg' },
            MinSize: 3,
            MaxSize: 2,
            AvailabilityZones: ['us-east-1a'],
          }),
        ),
      );
      // Assess
      expect(invalid[1].error).toEqual({ name: 'ValidationError', status: 400 });
      // AWS documents ValidationError for MinSize > MaxSize; moto accepts the group. AWS wins: no comparison.
      if (!invalid[0].error) context.skip('moto accepts MinSize > MaxSize, which AWS refuses');
      expectSameError(invalid, 'ValidationError', 400);
    });

    it('matches StartInstanceRefresh and DescribeInstanceRefreshes where moto serves them', async (context) => {
      // Act
      const started = await both((s) =>
        s.asg.send(
          new StartInstanceRefreshCommand({
            AutoScalingGroupName: 'parity-web',
            Preferences: { MinHealthyPercentage: 90, CheckpointPercentages: [50, 100], CheckpointDelay: 60 },
          }),
        ),
      );
      const described = await both((s) => s.asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'parity-web' })));
      // Assess
      expect(started[1].error).toBeUndefined();
      expect(described[1].error).toBeUndefined();
      // moto 5 does not implement instance refreshes (its server answers an HTML 500 page): nothing to compare with.
      if (started[0].error) context.skip('moto does not implement StartInstanceRefresh');
      expectSameShape(started);
      expectSameShape(described);
    });
  });

  describe('Secrets Manager (awsJson 1.1)', () => {
    it('matches CreateSecret, GetSecretValue and DescribeSecret', async () => {
      // Act
      const created = await both((s) => s.secrets.send(new CreateSecretCommand({ Name: 'parity/token', SecretString: 's3cr3t' })));
      const value = await both((s) => s.secrets.send(new GetSecretValueCommand({ SecretId: 'parity/token' })));
      const described = await both((s) => s.secrets.send(new DescribeSecretCommand({ SecretId: 'parity/token' })), ['VersionIdsToStages']);
      // Assess
      expectSameShape(created);
      expectSameShape(value);
      expectSameShape(described);
    });

    it('matches ResourceExistsException for a secret name in use', async () => {
      // Prepare
      await both((s) => s.secrets.send(new CreateSecretCommand({ Name: 'parity/taken', SecretString: 'one' })));
      // Act
      const taken = await both((s) => s.secrets.send(new CreateSecretCommand({ Name: 'parity/taken', SecretString: 'two' })));
      // Assess
      expectSameError(taken, 'ResourceExistsException', 400);
    });

    it('matches ResourceNotFoundException by name; AWS documents HTTP 400 where moto answers 404', async () => {
      // Act
      const [ref, actual] = await both((s) => s.secrets.send(new GetSecretValueCommand({ SecretId: 'parity/missing' })));
      // Assess
      expect(ref.error?.name).toBe('ResourceNotFoundException');
      // The Secrets Manager API reference gives ResourceNotFoundException HTTP status 400; moto sends 404.
      expect(actual.error).toEqual({ name: 'ResourceNotFoundException', status: 400 });
    });
  });

  describe('STS (awsQuery)', () => {
    it('matches GetCallerIdentity', async () => {
      // Act
      const identity = await both((s) => s.sts.send(new GetCallerIdentityCommand({})));
      // Assess
      expectSameShape(identity);
    });
  });
});
