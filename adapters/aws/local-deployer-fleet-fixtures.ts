/**
 * Fleet fixtures: the infrastructure a Goldsmith user already has before installing it, which a deploy to
 * AWS never creates: the launch templates and Auto Scaling groups the waves roll forward, with running
 * instances. The local cloud starts empty, so the local deploy provisions them once, in the home region,
 * on the parent image the pipeline builds on. The alarms the waves watch have no API in the local cloud:
 * their states come from the scenario (`alarms`).
 */
import { CreateAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { type _InstanceType, CreateLaunchTemplateCommand, DescribeAvailabilityZonesCommand, DescribeLaunchTemplatesCommand } from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { isLaunchTemplateId, type ResolvedConfig, type ResolvedPipeline } from '../../core/config/index.ts';
import { type Change, ChangeLog } from './local-deployer-changes.ts';
import { type AwsTarget, deployClients, destroyClients } from './local-deployer-clients.ts';
import { isAwsError } from './regional-clients.ts';

export interface FleetFixtureOptions {
  /** Instances per Auto Scaling group. Default 2: small, so refreshes finish fast. */
  groupSize?: number;
  log?: (line: string) => void;
}

/** Tags that mark a fixture as the example fleet's, not Goldsmith's. */
const FIXTURE_TAGS = { 'goldsmith:fixture': 'true' };

/** Creates the launch templates and groups the config's waves name, where missing. Existing ones are left as they are. */
export async function provisionFleetFixtures(resolved: ResolvedConfig, target: AwsTarget, options: FleetFixtureOptions = {}): Promise<Change[]> {
  const clients = deployClients(target);
  const changes = new ChangeLog(options.log);
  const size = options.groupSize ?? 2;
  let zoneNames: string[] = [];
  try {
    const zones = await clients.ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'state', Values: ['available'] }] }));
    zoneNames = (zones.AvailabilityZones ?? []).map((z) => z.ZoneName as string).slice(0, 2);
    for (const pipeline of resolved.pipelines) {
      const targets = pipeline.config.rollout.waves.flatMap((wave) => wave.targets);
      if (!targets.length) continue;
      const imageId = await fixtureImage(resolved, pipeline, (name) => clients.ssm.send(new GetParameterCommand({ Name: name })));
      for (const target of targets) {
        // A template given by id must exist already: an id cannot be chosen at creation.
        if (isLaunchTemplateId(target.launchTemplate)) continue;
        await ensureLaunchTemplate(target.launchTemplate, { imageId, instanceType: pipeline.config.instanceTypes[0], pipeline: pipeline.config.name });
        for (const group of target.autoScalingGroups) await ensureGroup(group, target.launchTemplate);
      }
    }
    return changes.changes;
  } finally {
    destroyClients(clients);
  }

  async function ensureLaunchTemplate(name: string, settings: { imageId: string; instanceType: string; pipeline: string }): Promise<void> {
    try {
      await clients.ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [name] }));
      return changes.add('launch template', name, 'unchanged');
    } catch (error) {
      if (!isAwsError(error, 'InvalidLaunchTemplateName.NotFoundException')) throw error;
    }
    await clients.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: name,
        VersionDescription: 'The fleet before Goldsmith (local fixture)',
        LaunchTemplateData: {
          ImageId: settings.imageId,
          InstanceType: settings.instanceType as _InstanceType,
          MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
        },
        TagSpecifications: [
          { ResourceType: 'launch-template', Tags: Object.entries({ ...FIXTURE_TAGS, app: settings.pipeline }).map(([Key, Value]) => ({ Key, Value })) },
        ],
      }),
    );
    changes.add('launch template', name, 'created');
  }

  async function ensureGroup(name: string, launchTemplate: string): Promise<void> {
    const existing = await clients.autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
    if (existing.AutoScalingGroups?.length) return changes.add('auto scaling group', name, 'unchanged');
    await clients.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: name,
        // A numbered version, not $Default or $Latest: instance refresh rollback needs one.
        LaunchTemplate: { LaunchTemplateName: launchTemplate, Version: '1' },
        MinSize: Math.min(1, size),
        MaxSize: size * 2,
        DesiredCapacity: size,
        AvailabilityZones: zoneNames,
        DefaultInstanceWarmup: 60,
        Tags: Object.entries(FIXTURE_TAGS).map(([Key, Value]) => ({
          Key,
          Value,
          PropagateAtLaunch: true,
          ResourceId: name,
          ResourceType: 'auto-scaling-group',
        })),
      }),
    );
    changes.add('auto scaling group', name, 'created');
  }
}

/**
 * The AMI the fleet runs before Goldsmith's first release: the pipeline's parent image (through the chain
 * for a chained pipeline), or AWS's Amazon Linux 2023 for the architecture when the parent is an AMI id the
 * local cloud does not have.
 */
async function fixtureImage(
  resolved: ResolvedConfig,
  pipeline: ResolvedPipeline,
  getParameter: (name: string) => Promise<{ Parameter?: { Value?: string } }>,
): Promise<string> {
  let current: ResolvedPipeline | undefined = pipeline;
  const seen = new Set<string>();
  while (current?.parentImage.kind === 'pipeline' && !seen.has(current.config.name)) {
    seen.add(current.config.name);
    const parentName: string = current.parentImage.pipeline;
    current = resolved.pipelines.find((p) => p.config.name === parentName);
  }
  const parent = current?.parentImage;
  const parameter =
    parent?.kind === 'ssm-parameter' ? parent.parameterName : `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${pipeline.config.architecture}`;
  const value = (await getParameter(parameter)).Parameter?.Value;
  if (!value) throw new Error(`The parameter ${parameter} holds no AMI id for the fleet fixtures.`);
  return value;
}
