import { randomUUID } from 'node:crypto';
import type { CreateLaunchTemplateVersionCommandOutput } from '@aws-sdk/client-ec2';
import type { Distribution } from '@aws-sdk/client-imagebuilder';
import type { ClockTimer } from '../../clock.ts';
import { type CloudRuntime, resourceId } from '../../cloud.ts';
import { type BuildBehaviour, behaviourFor } from '../../scenario.ts';
import type { RegionalStore } from '../../service.ts';
import { resolveAmiName } from './ami-name.ts';
import { arnName, buildArn } from './arns.ts';
import { imageView } from './image-views.ts';
import { findComponent } from './lookup.ts';
import { resolveParentImage } from './parent-image.ts';
import { generateFindings, severityCounts } from './scan-findings.ts';
import type { BuildStep, ImageBuilderState, ImageRecord, ImageStatus, OutputAmi, PipelineRecord, RecipeRecord, Tags } from './store.ts';

export interface BuildScope {
  accountId: string;
  region: string;
}

const TERMINAL = new Set<ImageStatus>(['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED', 'DISABLED']);
export const isTerminal = (status: ImageStatus) => TERMINAL.has(status);

/** 45 minutes from PENDING to AVAILABLE, unless the scenario says otherwise. */
const DEFAULT_DURATION_SECONDS = 2_700;

/** When each status begins, as a fraction of the build's duration. */
const PHASES: Array<[ImageStatus, number]> = [
  ['CREATING', 0.02],
  ['BUILDING', 0.1],
  ['TESTING', 0.55],
  ['DISTRIBUTING', 0.8],
  ['INTEGRATING', 0.95],
  ['AVAILABLE', 1],
];

/**
 * Image builds on the simulated clock. Each build's timeline (its statuses, when they begin, and how it
 * fails, if the scenario says so) is decided when it starts and kept in the store, so that a restored
 * local cloud replays it exactly. Every status change emits "EC2 Image Builder Image State Change".
 */
export class ImageBuilds {
  private readonly cloud: CloudRuntime;
  private readonly store: RegionalStore<ImageBuilderState>;
  private readonly timers = new Map<string, ClockTimer>();

  constructor(cloud: CloudRuntime, store: RegionalStore<ImageBuilderState>) {
    this.cloud = cloud;
    this.store = store;
  }

  /** Records a new image for a pipeline run, PENDING, with its whole timeline; `start` sets it going. */
  create(
    scope: BuildScope,
    pipeline: PipelineRecord,
    recipe: RecipeRecord,
    options: { buildType: ImageRecord['buildType']; tags?: Tags; at?: number },
  ): ImageRecord {
    const state = this.store.get(scope.accountId, scope.region);
    const now = options.at ?? this.cloud.clock.now();
    const versionArn = buildArn(scope, 'image', recipe.name, recipe.version);
    const build = (state.buildNumbers[versionArn] ?? 0) + 1;
    state.buildNumbers[versionArn] = build;
    const lookup = { cloud: this.cloud, ...scope };
    const components = recipe.components.flatMap((configuration) => {
      const component = findComponent(lookup, configuration.componentArn as string);
      return component ? [{ arn: component.arn, name: component.name, type: component.type, phases: component.phases }] : [];
    });
    const scanning = pipeline.imageScanningConfiguration.imageScanningEnabled === true || pipeline.enhancedImageMetadataEnabled;
    const behaviour = behaviourFor(this.cloud.scenario.builds, pipeline.name);
    const image: ImageRecord = {
      arn: `${versionArn}/${build}`,
      name: recipe.name,
      version: recipe.version,
      build,
      platform: recipe.platform,
      status: 'PENDING',
      recipe: structuredClone(recipe),
      components,
      infrastructure: structuredClone(state.infrastructures[pipeline.infrastructureConfigurationArn]),
      distribution: pipeline.distributionConfigurationArn ? structuredClone(state.distributions[pipeline.distributionConfigurationArn]) : undefined,
      pipelineArn: pipeline.arn,
      pipelineName: pipeline.name,
      imageTestsConfiguration: { ...pipeline.imageTestsConfiguration },
      imageScanningConfiguration: { ...pipeline.imageScanningConfiguration },
      enhancedImageMetadataEnabled: pipeline.enhancedImageMetadataEnabled,
      buildType: options.buildType,
      parent: { resolved: false },
      behaviour: behaviour && structuredClone(behaviour),
      buildId: randomUUID(),
      instanceId: resourceId('i'),
      plan: [],
      step: 0,
      amis: [],
      scan: scanning ? { status: 'PENDING' } : undefined,
      findings: [],
      dateCreated: now,
      tags: { ...pipeline.imageTags, ...options.tags },
    };
    image.plan = planBuild(image, behaviour);
    state.images[image.arn] = image;
    return image;
  }

  /**
   * Sets the timeline going and resolves the parent image; a parent that cannot be used fails the build
   * while CREATING (or at once, if a jump of the clock took the build further meanwhile).
   */
  async start(scope: BuildScope, arn: string): Promise<void> {
    const image = this.image(scope, arn);
    if (!image) return;
    this.arm(scope, image);
    const parent = await resolveParentImage({ cloud: this.cloud, ...scope }, image.recipe.parentImage);
    const current = this.image(scope, arn);
    if (!current || current.buildId !== image.buildId) return;
    current.parent = { resolved: true, imageId: parent.imageId, architecture: parent.architecture, failure: parent.failure };
    current.osVersion = parent.osVersion;
    if (!parent.failure || isTerminal(current.status)) return;
    const creating = current.plan.findIndex((step) => step.status === 'CREATING');
    const from = current.plan[creating].at;
    const at = Math.max(from + Math.round((current.plan[creating + 1].at - from) / 2), this.cloud.clock.now());
    const index = Math.max(creating + 1, current.step + 1);
    current.plan = [...current.plan.slice(0, index), { status: 'FAILED', at, reason: parent.failure }];
    this.arm(scope, current);
  }

  /** Stops a build that has not finished: it becomes CANCELLED now. */
  cancel(scope: BuildScope, image: ImageRecord): void {
    this.timers.get(keyOf(scope, image.arn))?.cancel();
    const index = image.step + 1;
    image.plan = [...image.plan.slice(0, index), { status: 'CANCELLED', at: this.cloud.clock.now() }];
    this.enter(scope, image, index);
  }

  /** Re-arms the builds still in flight, after the local cloud restored its state. */
  resume(): void {
    for (const { accountId, region, state } of this.store.entries()) {
      for (const image of Object.values(state.images)) {
        if (isTerminal(image.status)) continue;
        if (image.parent.resolved) this.arm({ accountId, region }, image);
        else void this.start({ accountId, region }, image.arn).catch((error: unknown) => this.cloud.log(`imagebuilder: ${image.arn}: ${String(error)}`));
      }
    }
  }

  private image(scope: BuildScope, arn: string): ImageRecord | undefined {
    return this.store.get(scope.accountId, scope.region).images[arn];
  }

  private arm(scope: BuildScope, image: ImageRecord): void {
    if (isTerminal(image.status)) return;
    const index = image.step + 1;
    const next = image.plan[index];
    if (!next) return;
    const key = keyOf(scope, image.arn);
    this.timers.get(key)?.cancel();
    const { buildId } = image;
    this.timers.set(
      key,
      this.cloud.clock.setTimeout(() => this.advance(scope, image.arn, buildId, index), next.at - this.cloud.clock.now()),
    );
  }

  private advance(scope: BuildScope, arn: string, buildId: string, index: number): void {
    const image = this.image(scope, arn);
    if (!image || image.buildId !== buildId || image.step !== index - 1 || isTerminal(image.status)) return;
    if (image.plan[index].status === 'DISTRIBUTING') {
      this.completeScan(scope, image);
      const failure = this.distribute(scope, image);
      if (failure) image.plan = [...image.plan.slice(0, index), { status: 'FAILED', at: image.plan[index].at, reason: failure }];
    }
    this.enter(scope, image, index);
    this.arm(scope, image);
  }

  private enter(scope: BuildScope, image: ImageRecord, index: number): void {
    const step = image.plan[index];
    const previous = image.status;
    image.step = index;
    image.status = step.status;
    image.reason = step.reason;
    if (image.scan && image.scan.status !== 'COMPLETED') {
      if (step.status === 'TESTING') image.scan = { status: 'SCANNING' };
      if (step.status === 'FAILED' || step.status === 'CANCELLED')
        image.scan = { status: 'ABANDONED', reason: 'The image build ended before the scan completed.' };
    }
    const state: Record<string, string> = { status: step.status };
    if (step.reason) state.reason = step.reason;
    this.cloud.emitEvent({
      source: 'aws.imagebuilder',
      'detail-type': 'EC2 Image Builder Image State Change',
      detail: { 'previous-state': { status: previous }, state },
      resources: [image.arn],
      account: scope.accountId,
      region: scope.region,
    });
    // Image Builder notifies the infrastructure's topic when a build ends AVAILABLE or FAILED.
    if (step.status === 'AVAILABLE' || step.status === 'FAILED') this.notify(scope, image);
  }

  /** The scan of the test instance ends as distribution begins; findings come from the scenario. */
  private completeScan(scope: BuildScope, image: ImageRecord): void {
    if (!image.scan) return;
    image.findings = generateFindings(image, image.behaviour?.findings, this.cloud.clock.now());
    image.scan = { status: 'COMPLETED' };
    if (!image.findings.length) return;
    this.cloud.emitEvent({
      source: 'aws.imagebuilder',
      'detail-type': 'EC2 Image Builder CVE Detected',
      detail: { 'resource-id': image.instanceId, 'finding-severity-counts': severityCounts(image.findings) },
      resources: image.pipelineArn ? [image.arn, image.pipelineArn] : [image.arn],
      account: scope.accountId,
      region: scope.region,
    });
  }

  /**
   * Registers one AMI per distribution region and target account through EC2, named from the
   * distribution's template and tagged as Image Builder tags its AMIs. Returns why it failed, if it did.
   */
  private distribute(scope: BuildScope, image: ImageRecord): string | undefined {
    const targets: Distribution[] = image.distribution?.distributions.length ? image.distribution.distributions : [{ region: scope.region }];
    const root = image.recipe.blockDeviceMappings?.find((mapping) => mapping.ebs)?.ebs;
    try {
      for (const distribution of targets) {
        const region = distribution.region as string;
        const config = distribution.amiDistributionConfiguration;
        const accounts = config?.targetAccountIds?.length ? config.targetAccountIds : [scope.accountId];
        for (const accountId of accounts) {
          const name = resolveAmiName(config?.name, { recipeName: image.recipe.name, buildVersion: image.build, buildDate: image.dateCreated });
          const description = config?.description ?? (region === scope.region && accountId === scope.accountId ? image.recipe.description : undefined);
          const kmsKeyId = config?.kmsKeyId ?? root?.kmsKeyId;
          const registered = this.cloud.services.ec2.registerImage(accountId, region, {
            name,
            description,
            tags: { ...image.recipe.amiTags, ...config?.amiTags, Ec2ImageBuilderArn: image.arn, CreatedBy: 'EC2 Image Builder' },
            architecture: image.parent.architecture ?? 'x86_64',
            encrypted: kmsKeyId !== undefined || root?.encrypted === true,
            kmsKeyId,
            volumeSizeGiB: root?.volumeSize,
          });
          const ami: OutputAmi = { region, image: registered.imageId, name, description, accountId };
          image.amis.push(ami);
          this.share(ami, distribution);
        }
        this.publishParameters(scope, image, distribution);
        this.updateLaunchTemplates(scope, image, distribution);
      }
    } catch (error) {
      return `Image Builder failed to distribute the image: ${error instanceof Error ? error.message : String(error)}`;
    }
    return undefined;
  }

  /** Grants the distribution's launch permissions on an AMI; best effort, as the AMI exists either way. */
  private share(ami: OutputAmi, distribution: Distribution): void {
    const permission = distribution.amiDistributionConfiguration?.launchPermission;
    if (!permission) return;
    const add = [
      ...(permission.userIds ?? []).map((UserId) => ({ UserId })),
      ...(permission.userGroups ?? []).map((Group) => ({ Group })),
      ...(permission.organizationArns ?? []).map((OrganizationArn) => ({ OrganizationArn })),
      ...(permission.organizationalUnitArns ?? []).map((OrganizationalUnitArn) => ({ OrganizationalUnitArn })),
    ];
    if (!add.length) return;
    this.cloud
      .invoke(
        'ec2',
        'ModifyImageAttribute',
        { ImageId: ami.image, LaunchPermission: { Add: add } },
        { accountId: ami.accountId, region: ami.region },
        'imagebuilder',
      )
      .catch((error: unknown) => this.cloud.log(`imagebuilder: could not share ${ami.image}: ${String(error)}`));
  }

  /** Writes the AMI ID to the distribution's SSM parameters, as Image Builder does. */
  private publishParameters(scope: BuildScope, image: ImageRecord, distribution: Distribution): void {
    for (const parameter of distribution.ssmParameterConfigurations ?? []) {
      const accountId = parameter.amiAccountId ?? scope.accountId;
      const ami = image.amis.find((a) => a.region === distribution.region && a.accountId === accountId);
      if (!ami) continue;
      this.cloud
        .invoke(
          'ssm',
          'PutParameter',
          { Name: parameter.parameterName, Value: ami.image, Type: 'String', DataType: parameter.dataType ?? 'aws:ec2:image', Overwrite: true },
          { accountId, region: ami.region },
          'imagebuilder',
        )
        .catch((error: unknown) => this.cloud.log(`imagebuilder: could not write parameter ${parameter.parameterName}: ${String(error)}`));
    }
  }

  /** Adds a launch template version with the new AMI, and makes it the default if asked, as Image Builder does. */
  private updateLaunchTemplates(scope: BuildScope, image: ImageRecord, distribution: Distribution): void {
    for (const template of distribution.launchTemplateConfigurations ?? []) {
      const accountId = template.accountId ?? scope.accountId;
      const ami = image.amis.find((a) => a.region === distribution.region && a.accountId === accountId);
      if (!ami) continue;
      const where = { accountId, region: ami.region };
      this.cloud
        .invoke<CreateLaunchTemplateVersionCommandOutput>(
          'ec2',
          'CreateLaunchTemplateVersion',
          { LaunchTemplateId: template.launchTemplateId, SourceVersion: '$Latest', LaunchTemplateData: { ImageId: ami.image } },
          where,
          'imagebuilder',
        )
        .then((created) => {
          const version = created.LaunchTemplateVersion?.VersionNumber;
          if (!template.setDefaultVersion || version === undefined) return;
          return this.cloud.invoke(
            'ec2',
            'ModifyLaunchTemplate',
            { LaunchTemplateId: template.launchTemplateId, DefaultVersion: String(version) },
            where,
            'imagebuilder',
          );
        })
        .catch((error: unknown) => this.cloud.log(`imagebuilder: could not update launch template ${template.launchTemplateId}: ${String(error)}`));
    }
  }

  /** Publishes the image to the infrastructure configuration's SNS topic; failures are ignored, as they do not change the build. */
  private notify(scope: BuildScope, image: ImageRecord): void {
    const topicArn = image.infrastructure.snsTopicArn;
    if (!topicArn) return;
    const [, , , region, accountId] = topicArn.split(':');
    const message = {
      ...imageView(image, scope.accountId),
      versionlessArn: image.arn.replace(/\/[^/]+\/[0-9]+$/, ''),
      buildVersion: image.build,
      accountId: scope.accountId,
    };
    this.cloud
      .invoke('sns', 'Publish', { TopicArn: topicArn, Message: JSON.stringify(message) }, { accountId, region }, 'imagebuilder')
      .catch((error: unknown) => this.cloud.log(`imagebuilder: could not notify ${topicArn}: ${String(error)}`));
  }
}

function keyOf(scope: BuildScope, arn: string): string {
  return `${scope.accountId}/${scope.region}/${arn}`;
}

/** The statuses a build goes through and when, ending FAILED where the scenario makes it fail. */
function planBuild(image: ImageRecord, behaviour: BuildBehaviour | undefined): BuildStep[] {
  const duration = (behaviour?.durationSeconds ?? DEFAULT_DURATION_SECONDS) * 1000;
  const tests = image.imageTestsConfiguration.imageTestsEnabled !== false;
  const steps: BuildStep[] = [{ status: 'PENDING', at: image.dateCreated }];
  for (const [status, fraction] of PHASES) if (status !== 'TESTING' || tests) steps.push({ status, at: image.dateCreated + Math.round(duration * fraction) });
  const failure = plannedFailure(image, behaviour, tests);
  if (!failure) return steps;
  const index = steps.findIndex((step) => step.status === failure.during);
  const from = steps[index].at;
  const to = steps[index + 1].at;
  return [...steps.slice(0, index + 1), { status: 'FAILED', at: from + Math.round((to - from) * failure.fraction), reason: failure.reason }];
}

function plannedFailure(
  image: ImageRecord,
  behaviour: BuildBehaviour | undefined,
  tests: boolean,
): { during: ImageStatus; fraction: number; reason: string } | undefined {
  const target = behaviour?.failAtComponent;
  const component = target === undefined ? undefined : image.components.find((c) => c.name === target || arnName(c.name) === arnName(target));
  // A test component runs in the test stage, and not at all when tests are off.
  if (component && (component.type === 'BUILD' || tests)) {
    const testStage = component.type === 'TEST';
    const stage = image.components.filter((c) => (c.type === 'TEST') === testStage);
    const step = (testStage ? ['test'] : ['build', 'validate']).flatMap((phase) => component.phases[phase] ?? [])[0] ?? 'Run';
    return {
      during: testStage ? 'TESTING' : 'BUILDING',
      fraction: (stage.indexOf(component) + 0.5) / stage.length,
      reason: `Image Builder failed to execute component ${component.name}: step ${step} exited with code 1`,
    };
  }
  if (behaviour?.failTests && tests) {
    const tested = image.components.find((c) => c.phases.test?.length);
    const reason = tested
      ? `Image Builder failed to execute component ${tested.name}: test step ${tested.phases.test[0]} exited with code 1`
      : 'The image failed its tests: the test instance did not pass the image tests.';
    return { during: 'TESTING', fraction: 0.5, reason };
  }
  return undefined;
}
