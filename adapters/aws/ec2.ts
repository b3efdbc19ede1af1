/** EC2 for the release: test instances, AMIs (tags, deprecation, retirement) and launch templates. */
import {
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  EnableImageDeprecationCommand,
  type Filter,
  type Image,
  type Instance,
  ModifyLaunchTemplateCommand,
  RunInstancesCommand,
  type Tag,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { AmiView, ImagesPort, InstancesPort, InstanceView, LaunchTemplatesPort, LaunchTemplateView, TestInstanceSpec } from '../../core/release/ports.ts';
import { type AdapterOptions, isAwsError, RegionalClients } from './regional-clients.ts';

const MINUTE = 60_000;
/** How far ahead a deprecation that EC2 found in the past is moved at most, in one step: about 17 hours. */
const LATEST_DEPRECATION_STEP = 1024 * MINUTE;
const toTags = (tags: Record<string, string>): Tag[] => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
const fromTags = (tags: Tag[] | undefined) => Object.fromEntries((tags ?? []).filter((t) => t.Key).map((t) => [t.Key as string, t.Value ?? '']));
const time = (value: Date | string | undefined) => (value === undefined ? undefined : new Date(value).getTime());

function instanceView(instance: Instance): InstanceView {
  const launchTime = time(instance.LaunchTime);
  return { instanceId: instance.InstanceId as string, state: instance.State?.Name ?? 'unknown', ...(launchTime !== undefined && { launchTime }) };
}

function amiView(region: string, image: Image): AmiView {
  const tags = fromTags(image.Tags);
  const deprecationTime = time(image.DeprecationTime);
  return {
    imageId: image.ImageId as string,
    region,
    creationDate: time(image.CreationDate) ?? 0,
    ...(deprecationTime !== undefined && { deprecationTime }),
    state: image.State ?? 'unknown',
    ...(tags.Ec2ImageBuilderArn && { builderArn: tags.Ec2ImageBuilderArn }),
    snapshotIds: (image.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [])),
    tags,
  };
}

export class Ec2Adapter implements InstancesPort, ImagesPort, LaunchTemplatesPort {
  private readonly clients: RegionalClients<EC2Client>;

  constructor(options: AdapterOptions) {
    this.clients = new RegionalClients((region) => new EC2Client({ region }), options.instrument);
  }

  // ── InstancesPort ──
  async launch(region: string, spec: TestInstanceSpec): Promise<string> {
    const tags = toTags(spec.tags);
    const out = await this.clients.in(region).send(
      new RunInstancesCommand({
        ImageId: spec.imageId,
        InstanceType: spec.instanceType as never,
        MinCount: 1,
        MaxCount: 1,
        ClientToken: spec.clientToken,
        // IMDSv2 only (DESIGN §6).
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
        ...(spec.instanceProfile && {
          IamInstanceProfile: spec.instanceProfile.startsWith('arn:') ? { Arn: spec.instanceProfile } : { Name: spec.instanceProfile },
        }),
        ...(spec.subnetId && { SubnetId: spec.subnetId }),
        ...(spec.securityGroupIds?.length && { SecurityGroupIds: spec.securityGroupIds }),
        InstanceInitiatedShutdownBehavior: 'terminate',
        TagSpecifications: [
          { ResourceType: 'instance', Tags: tags },
          { ResourceType: 'volume', Tags: tags },
        ],
      }),
    );
    return out.Instances?.[0]?.InstanceId as string;
  }

  async instance(region: string, instanceId: string): Promise<InstanceView | undefined> {
    try {
      const out = await this.clients.in(region).send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
      const instance = out.Reservations?.flatMap((r) => r.Instances ?? [])[0];
      return instance ? instanceView(instance) : undefined;
    } catch (error) {
      if (isAwsError(error, 'InvalidInstanceID.NotFound')) return undefined;
      throw error;
    }
  }

  async findByTags(region: string, tags: Record<string, string>): Promise<InstanceView[]> {
    const filters: Filter[] = [
      ...Object.entries(tags).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] })),
      { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] },
    ];
    const found: InstanceView[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.clients.in(region).send(new DescribeInstancesCommand({ Filters: filters, NextToken }));
      for (const reservation of page.Reservations ?? []) for (const instance of reservation.Instances ?? []) found.push(instanceView(instance));
      NextToken = page.NextToken || undefined;
    } while (NextToken);
    return found;
  }

  async terminate(region: string, instanceIds: string[]): Promise<void> {
    await this.clients.in(region).send(new TerminateInstancesCommand({ InstanceIds: instanceIds }));
  }

  // ── ImagesPort ──
  async image(region: string, imageId: string): Promise<AmiView | undefined> {
    try {
      const out = await this.clients.in(region).send(new DescribeImagesCommand({ ImageIds: [imageId], IncludeDeprecated: true }));
      const image = out.Images?.find((i) => i.ImageId === imageId);
      return image ? amiView(region, image) : undefined;
    } catch (error) {
      if (isAwsError(error, 'InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable', 'InvalidAMIID.Malformed')) return undefined;
      throw error;
    }
  }

  async tag(region: string, imageIds: string[], tags: Record<string, string>): Promise<void> {
    if (imageIds.length > 0) await this.clients.in(region).send(new CreateTagsCommand({ Resources: imageIds, Tags: toTags(tags) }));
  }

  async deprecate(region: string, imageId: string, at: number): Promise<void> {
    // EC2 rounds to the minute and refuses a time in the past. `at` is the workflow's time, which stays the same
    // when Step Functions retries the step, so it falls behind EC2's clock: then ask for a little later each time.
    let deprecateAt = Math.ceil(at / MINUTE) * MINUTE;
    for (let step = MINUTE; ; step *= 2) {
      try {
        await this.clients.in(region).send(new EnableImageDeprecationCommand({ ImageId: imageId, DeprecateAt: new Date(deprecateAt) }));
        return;
      } catch (error) {
        if (!isAwsError(error, 'InvalidParameterValue') || !/past/i.test((error as Error).message) || step > LATEST_DEPRECATION_STEP) throw error;
        deprecateAt += step;
      }
    }
  }

  async listBuiltFrom(region: string, recipeImageArnPrefix: string): Promise<AmiView[]> {
    const images: AmiView[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.clients.in(region).send(
        new DescribeImagesCommand({
          Owners: ['self'],
          IncludeDeprecated: true,
          Filters: [{ Name: 'tag:Ec2ImageBuilderArn', Values: [`${recipeImageArnPrefix}*`] }],
          NextToken,
        }),
      );
      for (const image of page.Images ?? []) if (image.ImageId) images.push(amiView(region, image));
      NextToken = page.NextToken || undefined;
    } while (NextToken);
    return images;
  }

  async deregister(region: string, imageId: string): Promise<void> {
    try {
      await this.clients.in(region).send(new DeregisterImageCommand({ ImageId: imageId }));
    } catch (error) {
      // Already gone: retiring is idempotent.
      if (!isAwsError(error, 'InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable')) throw error;
    }
  }

  async deleteSnapshot(region: string, snapshotId: string): Promise<void> {
    try {
      await this.clients.in(region).send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));
    } catch (error) {
      // Gone already, or still used by another AMI (which keeps it).
      if (!isAwsError(error, 'InvalidSnapshot.NotFound', 'InvalidSnapshot.InUse')) throw error;
    }
  }

  // ── LaunchTemplatesPort ──
  async template(region: string, nameOrId: string): Promise<LaunchTemplateView | undefined> {
    const byId = /^lt-[0-9a-f]{8,17}$/.test(nameOrId);
    try {
      const out = await this.clients
        .in(region)
        .send(new DescribeLaunchTemplatesCommand(byId ? { LaunchTemplateIds: [nameOrId] } : { LaunchTemplateNames: [nameOrId] }));
      const template = out.LaunchTemplates?.[0];
      if (!template?.LaunchTemplateId) return undefined;
      return {
        launchTemplateId: template.LaunchTemplateId,
        launchTemplateName: template.LaunchTemplateName ?? nameOrId,
        defaultVersion: template.DefaultVersionNumber ?? 1,
        latestVersion: template.LatestVersionNumber ?? 1,
      };
    } catch (error) {
      if (isAwsError(error, 'InvalidLaunchTemplateName.NotFoundException', 'InvalidLaunchTemplateId.NotFound', 'InvalidLaunchTemplateId.Malformed')) {
        return undefined;
      }
      throw error;
    }
  }

  async createVersion(
    region: string,
    input: { launchTemplateId: string; sourceVersion: number; imageId: string; description: string; clientToken: string },
  ): Promise<number> {
    const out = await this.clients.in(region).send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: input.launchTemplateId,
        SourceVersion: String(input.sourceVersion),
        VersionDescription: input.description,
        ClientToken: input.clientToken,
        LaunchTemplateData: { ImageId: input.imageId },
      }),
    );
    return out.LaunchTemplateVersion?.VersionNumber as number;
  }

  async setDefault(region: string, launchTemplateId: string, version: number): Promise<void> {
    await this.clients.in(region).send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: launchTemplateId, DefaultVersion: String(version) }));
  }

  async imageIds(region: string, launchTemplateId: string, versions: string[]): Promise<string[]> {
    const out = await this.clients.in(region).send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: launchTemplateId, Versions: versions }));
    return (out.LaunchTemplateVersions ?? []).flatMap((v) => (v.LaunchTemplateData?.ImageId ? [v.LaunchTemplateData.ImageId] : []));
  }
}
