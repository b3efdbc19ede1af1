/**
 * The adapter between the app model and the AWS backend: what a deploy to AWS needs that the model does
 * not (yet) carry. Each entry says why; each is a candidate for core/app-model.
 */
import type { AppModel, TableResource } from '../../core/app-model/index.ts';
import { BUILD_INSTANCE_POLICIES } from '../../core/app-model/index.ts';
import { isLaunchTemplateId, type ResolvedConfig } from '../../core/config/index.ts';

/** The customer managed keys the stacks create. */
export type KeyName = 'notifications' | 'release';

export interface DeployModel {
  /**
   * The key of each topic and queue. The model names AWS managed keys (alias/aws/sns, alias/aws/sqs), whose
   * policies nobody can change: EventBridge cannot deliver to a queue, nor Image Builder and CloudWatch
   * publish to a topic, encrypted with them. So each gets a customer managed key that grants those services.
   */
  readonly keyOf: { readonly topics: KeyName; readonly queues: KeyName };
  /** The model's tables, with point-in-time recovery on every one (cdk-nag DDB3; the model leaves it off for idempotency records). */
  readonly tables: readonly TableResource[];
  /** AWS managed policies of the model's roles that the stacks replace by scoped customer managed policies (security/build-instance-policy.ts). */
  readonly replacedManagedPolicies: readonly string[];
  /** The fleet a release changes, for scoping IAM: launch templates by id (exact ARN) or by name (tag condition), and Auto Scaling groups by name. */
  readonly fleet: {
    readonly launchTemplateIds: readonly string[];
    readonly launchTemplateNames: readonly string[];
    readonly autoScalingGroups: readonly string[];
  };
  /** Topics and secrets pipelines name by ARN: they exist already, functions only use them. */
  readonly external: { readonly topicArns: readonly string[]; readonly secretArns: readonly string[] };
  /** SSM parameters a release reads or writes, by Region: channels everywhere, parent parameters in the home Region. */
  readonly parameters: { readonly channels: readonly string[]; readonly parents: readonly string[] };
  /** Platforms the pipelines build, for the Run Command documents smoke tests use. */
  readonly platforms: readonly ('Linux' | 'Windows')[];
}

export function adaptModel(model: AppModel, resolved: ResolvedConfig): DeployModel {
  const pipelines = resolved.pipelines.map((p) => p.config);
  const targets = pipelines.flatMap((p) => p.rollout.waves.flatMap((wave) => wave.targets));
  const templates = unique(targets.map((t) => t.launchTemplate));
  return {
    keyOf: { topics: 'notifications', queues: 'release' },
    tables: model.tables.map((table) => ({ ...table, pointInTimeRecovery: true })),
    replacedManagedPolicies: [...BUILD_INSTANCE_POLICIES],
    fleet: {
      launchTemplateIds: templates.filter(isLaunchTemplateId),
      launchTemplateNames: templates.filter((t) => !isLaunchTemplateId(t)),
      autoScalingGroups: unique(targets.flatMap((t) => t.autoScalingGroups)),
    },
    external: {
      topicArns: unique(pipelines.flatMap((p) => (p.notifications.sns?.topicArn ? [p.notifications.sns.topicArn] : []))),
      secretArns: unique(
        pipelines.flatMap((p) => (p.notifications.slack?.webhookSecretName.startsWith('arn:') ? [p.notifications.slack.webhookSecretName] : [])),
      ),
    },
    parameters: {
      channels: unique(model.channels.map((c) => c.name)),
      parents: unique(model.imageRecipes.flatMap((r) => (r.parentImage.startsWith('ssm:') ? [r.parentImage.slice(4)] : []))),
    },
    platforms: unique(pipelines.map((p) => p.platform)),
  };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
