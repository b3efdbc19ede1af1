import type {
  AdditionalInstanceConfiguration,
  ComponentConfiguration,
  ComponentParameterDetail,
  Distribution,
  ImageScanningConfiguration,
  ImageTestsConfiguration,
  InstanceBlockDeviceMapping,
  InstanceMetadataOptions,
  Logging,
  Placement,
  Schedule,
  WorkflowConfiguration,
} from '@aws-sdk/client-imagebuilder';
import type { BuildBehaviour } from '../../scenario.ts';
import { RegionalStore } from '../../service.ts';

/**
 * Image Builder's state per account and region. Plain JSON only (times are epoch ms) so that the
 * local cloud can persist it; SDK structures nested in it are JSON already.
 */
export type Tags = Record<string, string>;

export interface ComponentRecord {
  arn: string;
  name: string;
  version: string;
  build: number;
  description?: string;
  changeDescription?: string;
  platform: string;
  supportedOsVersions?: string[];
  type: 'BUILD' | 'TEST';
  data: string;
  kmsKeyId?: string;
  parameters?: ComponentParameterDetail[];
  /** Step names per phase, read from the document: the build reports them when a component fails. */
  phases: Record<string, string[]>;
  /** The owning account, or `Amazon` for the Amazon-managed catalog. */
  owner: string;
  dateCreated: number;
  tags: Tags;
}

export interface RecipeRecord {
  arn: string;
  name: string;
  version: string;
  description?: string;
  platform: string;
  components: ComponentConfiguration[];
  parentImage: string;
  blockDeviceMappings?: InstanceBlockDeviceMapping[];
  workingDirectory?: string;
  additionalInstanceConfiguration?: AdditionalInstanceConfiguration;
  amiTags?: Tags;
  dateCreated: number;
  tags: Tags;
}

export interface InfrastructureRecord {
  arn: string;
  name: string;
  description?: string;
  instanceTypes?: string[];
  instanceProfileName: string;
  securityGroupIds?: string[];
  subnetId?: string;
  logging?: Logging;
  keyPair?: string;
  terminateInstanceOnFailure: boolean;
  snsTopicArn?: string;
  resourceTags?: Tags;
  instanceMetadataOptions?: InstanceMetadataOptions;
  placement?: Placement;
  dateCreated: number;
  dateUpdated?: number;
  tags: Tags;
}

export interface DistributionRecord {
  arn: string;
  name: string;
  description?: string;
  distributions: Distribution[];
  dateCreated: number;
  dateUpdated?: number;
  tags: Tags;
}

export interface PipelineRecord {
  arn: string;
  name: string;
  description?: string;
  platform?: string;
  enhancedImageMetadataEnabled: boolean;
  imageRecipeArn: string;
  infrastructureConfigurationArn: string;
  distributionConfigurationArn?: string;
  imageTestsConfiguration: ImageTestsConfiguration;
  imageScanningConfiguration: ImageScanningConfiguration;
  schedule?: Schedule;
  status: 'ENABLED' | 'DISABLED';
  executionRole?: string;
  workflows?: WorkflowConfiguration[];
  imageTags?: Tags;
  dateCreated: number;
  dateUpdated?: number;
  dateLastRun?: number;
  tags: Tags;
}

export type ImageStatus =
  | 'PENDING'
  | 'CREATING'
  | 'BUILDING'
  | 'TESTING'
  | 'DISTRIBUTING'
  | 'INTEGRATING'
  | 'AVAILABLE'
  | 'CANCELLED'
  | 'FAILED'
  | 'DEPRECATED'
  | 'DELETED'
  | 'DISABLED';

/** One step of a build's timeline, decided when the build starts so that it replays exactly after a restore. */
export interface BuildStep {
  status: ImageStatus;
  at: number;
  reason?: string;
}

export interface OutputAmi {
  region: string;
  image: string;
  name: string;
  description?: string;
  accountId: string;
}

export interface FindingRecord {
  vulnerabilityId: string;
  severity: string;
  packageName: string;
  packageVersion: string;
  fixedInVersion: string;
  score?: number;
  firstObservedAt: number;
}

export interface ImageRecord {
  arn: string;
  name: string;
  version: string;
  build: number;
  platform: string;
  osVersion?: string;
  status: ImageStatus;
  reason?: string;
  recipe: RecipeRecord;
  /** Each component the recipe resolves to, in order, as it was when the build started. */
  components: Array<{ arn: string; name: string; type: 'BUILD' | 'TEST'; phases: Record<string, string[]> }>;
  infrastructure: InfrastructureRecord;
  distribution?: DistributionRecord;
  pipelineArn?: string;
  pipelineName?: string;
  imageTestsConfiguration: ImageTestsConfiguration;
  imageScanningConfiguration?: ImageScanningConfiguration;
  enhancedImageMetadataEnabled: boolean;
  buildType: 'USER_INITIATED' | 'SCHEDULED';
  /** The parent image as resolved when the build started. */
  parent: { resolved: boolean; imageId?: string; architecture?: 'x86_64' | 'arm64'; failure?: string };
  /** The scenario's behaviour for this build, fixed when it started. */
  behaviour?: BuildBehaviour;
  /** Tells this build from an earlier one with the same ARN (after a reset), so stale timers do nothing. */
  buildId: string;
  /** The build instance Image Builder launched, named in CVE events. */
  instanceId: string;
  plan: BuildStep[];
  /** Index in `plan` of the current status. */
  step: number;
  amis: OutputAmi[];
  scan?: { status: string; reason?: string };
  findings: FindingRecord[];
  dateCreated: number;
  tags: Tags;
}

export interface ClientTokenRecord {
  /** The request's parameters other than the token, as canonical JSON. */
  fingerprint: string;
  response: Record<string, unknown>;
  at: number;
}

export interface ImageBuilderState {
  components: Record<string, ComponentRecord>;
  recipes: Record<string, RecipeRecord>;
  infrastructures: Record<string, InfrastructureRecord>;
  distributions: Record<string, DistributionRecord>;
  pipelines: Record<string, PipelineRecord>;
  images: Record<string, ImageRecord>;
  /** The last build number given per image version ARN: numbers are never reused. */
  buildNumbers: Record<string, number>;
  /** By `<operation>:<clientToken>`. */
  clientTokens: Record<string, ClientTokenRecord>;
}

export function createImageBuilderStore(): RegionalStore<ImageBuilderState> {
  return new RegionalStore<ImageBuilderState>(() => ({
    components: {},
    recipes: {},
    infrastructures: {},
    distributions: {},
    pipelines: {},
    images: {},
    buildNumbers: {},
    clientTokens: {},
  }));
}
