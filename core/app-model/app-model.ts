/**
 * The app model: one description of every resource Goldsmith deploys, built from the validated config.
 * The SST stacks map it to constructs and the local deployer maps it to AWS API calls, so both backends
 * deploy the same resources with the same names and settings. Every resource has a model key (`key`)
 * that references use, and its physical name (`name`).
 */
import type { EnvKey } from '../release/catalogue.ts';
import type { Ref, Value } from './references.ts';

export type Tags = Readonly<Record<string, string>>;

export interface ComponentResource {
  /** Model key: the Image Builder component name. */
  readonly key: string;
  readonly name: string;
  /** Content-derived `major.minor.patch`: a changed document is a new version. */
  readonly version: string;
  readonly platform: 'Linux' | 'Windows';
  readonly description: string;
  /** The AWSTOE document, uploaded as is. */
  readonly data: string;
  /** Relative to goldsmith.config.ts. */
  readonly path: string;
  readonly tags: Tags;
}

export interface RecipeComponentRef {
  readonly componentArn: Ref;
  readonly parameters: readonly { readonly name: string; readonly value: readonly string[] }[];
}

export interface ImageRecipeResource {
  /** Model key: the pipeline name. */
  readonly key: string;
  readonly name: string;
  readonly version: string;
  readonly description: string;
  /** `ssm:<parameter>`, an AMI id, or `ssm:<parent pipeline's stable channel>`. */
  readonly parentImage: string;
  /** Build components, then test components. */
  readonly components: readonly RecipeComponentRef[];
  /** The root volume: always encrypted, deleted with its instance. */
  readonly blockDeviceMappings: readonly {
    readonly deviceName: string;
    readonly ebs: {
      readonly encrypted: true;
      readonly deleteOnTermination: true;
      readonly kmsKeyId?: string;
      readonly volumeSize?: number;
      readonly volumeType: 'gp3' | 'gp2' | 'io1' | 'io2';
    };
  }[];
  readonly tags: Tags;
}

export interface InfrastructureConfigurationResource {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly instanceTypes: readonly string[];
  /** The user's profile, or the one Goldsmith creates (see `instanceProfiles`). */
  readonly instanceProfileName: Value;
  readonly subnetId?: string;
  readonly securityGroupIds?: readonly string[];
  /** Image Builder posts build notifications here. */
  readonly snsTopicArn: Ref;
  readonly terminateInstanceOnFailure: true;
  readonly instanceMetadataOptions: { readonly httpTokens: 'required'; readonly httpPutResponseHopLimit: number };
  readonly resourceTags: Tags;
  readonly tags: Tags;
}

export interface RegionalDistribution {
  readonly region: string;
  readonly amiDistributionConfiguration: {
    /** With Image Builder's `{{ imagebuilder:buildDate }}`, so every build gets a unique AMI name. */
    readonly name: string;
    readonly description: string;
    readonly amiTags: Tags;
    readonly kmsKeyId?: string;
    /** Accounts and organizations only: never the `all` group. */
    readonly launchPermission?: {
      readonly userIds?: readonly string[];
      readonly organizationArns?: readonly string[];
      readonly organizationalUnitArns?: readonly string[];
    };
  };
}

export interface DistributionConfigurationResource {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly distributions: readonly RegionalDistribution[];
  readonly tags: Tags;
}

export interface ImagePipelineResource {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly imageRecipeArn: Ref;
  readonly infrastructureConfigurationArn: Ref;
  readonly distributionConfigurationArn: Ref;
  readonly status: 'ENABLED';
  /** Goldsmith's schedules start builds; Image Builder's own schedule stays off. */
  readonly schedule: undefined;
  readonly enhancedImageMetadataEnabled: true;
  readonly imageScanningConfiguration: { readonly imageScanningEnabled: true };
  readonly imageTestsConfiguration: { readonly imageTestsEnabled: true; readonly timeoutMinutes: number };
  readonly tags: Tags;
}

export interface FunctionResource {
  /** Model key: the catalogue name, e.g. `plan-release`. */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  /** The entry point, relative to the project root. */
  readonly entry: string;
  /** `index.handler`: the bundle is `index.mjs`, exporting `handler`. */
  readonly handler: string;
  readonly runtime: 'nodejs24.x';
  readonly architecture: 'arm64';
  readonly memoryMiB: number;
  readonly timeoutSeconds: number;
  readonly environment: Readonly<Record<string, Value>>;
  /** The catalogue keys behind `environment`. */
  readonly envKeys: readonly EnvKey[];
  /** IAM actions, for the role's policy. */
  readonly actions: readonly string[];
  readonly role: Ref;
  readonly tags: Tags;
}

export interface StateMachineResource {
  /** Model key: the workflow name (`release`, `rollout-wave`). */
  readonly key: string;
  readonly name: string;
  /** The ASL file, relative to the project root. */
  readonly definitionFile: string;
  /** Every `${Key}` of the definition, with the value that fills it. */
  readonly substitutions: Readonly<Record<string, Value>>;
  readonly type: 'STANDARD';
  readonly role: Ref;
  readonly tags: Tags;
}

/** EventBridge's retry policy for a target: AWS's maximum, since Goldsmith's handlers are idempotent. */
export interface RetryPolicy {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
}

export interface RuleTarget {
  readonly id: string;
  readonly arn: Ref;
  readonly retryPolicy: RetryPolicy;
  readonly deadLetterQueueArn: Ref;
}

export interface RuleResource {
  /** Model key: the catalogue's rule name (`image-state-change`, …). */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly eventBusName: string;
  readonly eventPattern: Readonly<Record<string, unknown>>;
  readonly targets: readonly RuleTarget[];
  readonly tags: Tags;
}

export interface ScheduleResource {
  /** Model key: `<pipeline>/<schedule>`. */
  readonly key: string;
  readonly name: string;
  readonly groupName: string;
  readonly description: string;
  readonly pipeline: string;
  readonly schedule: 'release' | 'upstream-watch';
  readonly expression: string;
  readonly timezone: string;
  readonly target: {
    readonly arn: Ref;
    readonly roleArn: Ref;
    /** The JSON the target gets; Scheduler fills `<aws.scheduler.…>` context attributes. */
    readonly input: string;
    readonly retryPolicy: RetryPolicy;
    readonly deadLetterQueueArn: Ref;
  };
}

export interface TopicResource {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  /** SSE with this KMS key. */
  readonly kmsMasterKeyId: string;
  readonly tags: Tags;
}

export interface TableResource {
  readonly key: 'release' | 'idempotency';
  readonly name: string;
  readonly description: string;
  readonly partitionKey: { readonly name: string; readonly type: 'S' };
  readonly sortKey?: { readonly name: string; readonly type: 'S' };
  /** The attribute DynamoDB's TTL reads (epoch seconds). */
  readonly timeToLiveAttribute: string;
  readonly billingMode: 'PAY_PER_REQUEST';
  readonly pointInTimeRecovery: boolean;
  readonly tags: Tags;
}

export interface SecretResource {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  /** Always created without a value: the value is put by a person, never from config or git (DESIGN §5.8). */
  readonly initialValue: undefined;
  /** Kept when the stack is removed: it holds a credential someone put there by hand. */
  readonly retain: true;
  readonly tags: Tags;
}

export interface QueueResource {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly messageRetentionSeconds: number;
  readonly kmsMasterKeyId: string;
  readonly tags: Tags;
}

export interface RoleResource {
  readonly key: string;
  readonly name: string;
  /** Who assumes it. */
  readonly principal: 'lambda.amazonaws.com' | 'states.amazonaws.com' | 'scheduler.amazonaws.com' | 'ec2.amazonaws.com';
  /** Actions, scoped by the stacks to Goldsmith's resources. */
  readonly actions: readonly string[];
  readonly managedPolicyArns: readonly string[];
}

export interface InstanceProfileResource {
  readonly key: string;
  readonly name: string;
  readonly role: Ref;
}

/** An SSM parameter (`aws:ec2:image`) a release writes: not created at deploy time. */
export interface ChannelParameter {
  readonly pipeline: string;
  readonly channel: 'candidate' | 'stable';
  readonly name: string;
  readonly regions: readonly string[];
}

export interface AppModel {
  readonly project: string;
  readonly stage: string;
  /** Set when the config pins the account. */
  readonly account?: string;
  readonly homeRegion: string;
  /** `<project>-<stage>`: the prefix of every name Goldsmith chooses. */
  readonly prefix: string;
  /** Tags on every resource. */
  readonly tags: Tags;
  /** The bus Goldsmith's rules and events use. */
  readonly eventBusName: string;
  /** The file name of the resolved config inside each function bundle (`GOLDSMITH_CONFIG_FILE`). */
  readonly configFile: string;
  readonly pipelines: readonly string[];
  readonly components: readonly ComponentResource[];
  readonly imageRecipes: readonly ImageRecipeResource[];
  readonly infrastructureConfigurations: readonly InfrastructureConfigurationResource[];
  readonly distributionConfigurations: readonly DistributionConfigurationResource[];
  readonly imagePipelines: readonly ImagePipelineResource[];
  readonly functions: readonly FunctionResource[];
  readonly stateMachines: readonly StateMachineResource[];
  readonly rules: readonly RuleResource[];
  readonly schedules: readonly ScheduleResource[];
  readonly topics: readonly TopicResource[];
  readonly tables: readonly TableResource[];
  readonly secrets: readonly SecretResource[];
  readonly queues: readonly QueueResource[];
  readonly roles: readonly RoleResource[];
  readonly instanceProfiles: readonly InstanceProfileResource[];
  readonly channels: readonly ChannelParameter[];
}
