/**
 * Every Lambda function of the release workflow: what starts it, the environment it reads, and the AWS
 * actions it calls. The app model turns this into functions, roles and event sources for both backends,
 * so a function, its permissions and its triggers are described once.
 */

/** Environment variables, read once per function by functions/lib/env.ts. */
export const Env = {
  /** DynamoDB table for locks, task tokens and release records (pk, sk). */
  table: 'GOLDSMITH_TABLE',
  /** DynamoDB table for Powertools idempotency records (id). */
  idempotencyTable: 'GOLDSMITH_IDEMPOTENCY_TABLE',
  /** The notification topic. */
  topicArn: 'GOLDSMITH_TOPIC_ARN',
  /** The Secrets Manager secret holding the Slack webhook URL (optional). */
  slackSecretId: 'GOLDSMITH_SLACK_SECRET_ID',
  /** The bus that carries Goldsmith's own events. */
  eventBus: 'GOLDSMITH_EVENT_BUS',
  /** The release state machine, for functions that start releases. */
  releaseStateMachineArn: 'GOLDSMITH_RELEASE_STATE_MACHINE_ARN',
  /** The resolved config, a JSON file shipped inside every function bundle, relative to LAMBDA_TASK_ROOT. */
  configFile: 'GOLDSMITH_CONFIG_FILE',
} as const;
export type EnvKey = keyof typeof Env;

export type Trigger =
  | { kind: 'state-machine'; workflow: 'release' | 'rollout-wave' }
  | { kind: 'rule'; rule: 'image-state-change' | 'instance-refresh' | 'release-requested' | 'image-published' }
  | { kind: 'schedule'; schedule: 'release' | 'upstream-watch' };

export interface FunctionSpec {
  /** kebab-case verb-noun; the entry point is functions/<name>.ts. */
  name: string;
  description: string;
  triggers: Trigger[];
  env: EnvKey[];
  /** IAM actions, scoped by the stacks to Goldsmith's resources (by ARN or the goldsmith:managed tag). */
  actions: string[];
  timeoutSeconds?: number;
  memoryMiB?: number;
}

const release = { kind: 'state-machine', workflow: 'release' } as const;
const wave = { kind: 'state-machine', workflow: 'rollout-wave' } as const;
const TABLE = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'];
const IDEMPOTENCY = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
const TASK_TOKENS = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];

export const functions: readonly FunctionSpec[] = [
  {
    name: 'trigger-release',
    description: 'Starts a release from a schedule, a Release Requested event or a chained pipeline, under a deterministic execution name.',
    triggers: [
      { kind: 'schedule', schedule: 'release' },
      { kind: 'rule', rule: 'release-requested' },
      { kind: 'rule', rule: 'image-published' },
    ],
    env: ['idempotencyTable', 'releaseStateMachineArn', 'configFile'],
    actions: ['states:StartExecution', 'states:DescribeExecution', ...IDEMPOTENCY],
  },
  {
    name: 'watch-upstream',
    description: 'Compares the parent image with the last release and requests a release when it changed.',
    triggers: [{ kind: 'schedule', schedule: 'upstream-watch' }],
    env: ['table', 'releaseStateMachineArn', 'configFile'],
    actions: ['ssm:GetParameter', 'states:StartExecution', 'states:DescribeExecution', ...TABLE],
  },
  {
    name: 'plan-release',
    description: 'Takes the per-pipeline lock and decides to build, skip, validate or roll back.',
    triggers: [release],
    env: ['table', 'configFile'],
    actions: [
      'imagebuilder:GetImagePipeline',
      'imagebuilder:GetImageRecipe',
      'imagebuilder:GetInfrastructureConfiguration',
      'ssm:GetParameter',
      'states:DescribeExecution',
      ...TABLE,
    ],
  },
  {
    name: 'start-build',
    description: 'Starts the Image Builder pipeline with the release client token.',
    triggers: [release],
    env: [],
    actions: ['imagebuilder:StartImagePipelineExecution'],
  },
  {
    name: 'wait-for-image',
    description: 'Stores the task token under the image, then checks the image once so an early event is not lost.',
    triggers: [release],
    env: ['table'],
    actions: ['imagebuilder:GetImage', ...TABLE, ...TASK_TOKENS],
  },
  {
    name: 'on-image-event',
    description: 'Completes the waiting release on an Image State Change event; starts validation for builds started outside Goldsmith.',
    triggers: [{ kind: 'rule', rule: 'image-state-change' }],
    env: ['table', 'idempotencyTable', 'releaseStateMachineArn', 'configFile'],
    actions: ['imagebuilder:GetImage', 'states:StartExecution', 'states:DescribeExecution', ...TABLE, ...IDEMPOTENCY, ...TASK_TOKENS],
  },
  {
    name: 'reconcile-image',
    description: 'Reads the image after a lost event: ready, still building, failed or overdue.',
    triggers: [release],
    env: [],
    actions: ['imagebuilder:GetImage'],
  },
  {
    name: 'gate-findings',
    description: 'Fails the image when scan findings exceed the thresholds.',
    triggers: [release],
    env: [],
    actions: ['imagebuilder:ListImageScanFindings', 'imagebuilder:GetImage'],
  },
  {
    name: 'launch-test-instance',
    description: 'Launches a tagged test instance from the AMI, with IMDSv2 required.',
    triggers: [release],
    env: [],
    actions: ['ec2:RunInstances', 'ec2:CreateTags', 'iam:PassRole'],
  },
  {
    name: 'check-test-instance',
    description: 'Is the test instance running and its SSM agent online?',
    triggers: [release],
    env: [],
    actions: ['ec2:DescribeInstances', 'ssm:DescribeInstanceInformation'],
  },
  {
    name: 'run-smoke-tests',
    description: 'Sends the smoke test commands through SSM Run Command.',
    triggers: [release],
    env: [],
    actions: ['ssm:SendCommand'],
  },
  {
    name: 'check-smoke-tests',
    description: 'Reads the smoke test command; fails on anything but Success.',
    triggers: [release],
    env: [],
    actions: ['ssm:GetCommandInvocation'],
  },
  {
    name: 'terminate-test-instances',
    description: 'Terminates every test instance of the release, found by tag. Idempotent.',
    triggers: [release],
    env: [],
    actions: ['ec2:DescribeInstances', 'ec2:TerminateInstances'],
  },
  {
    name: 'reject-image',
    description: 'Tags the AMIs rejected and deprecates them in every region.',
    triggers: [release],
    env: [],
    actions: ['ec2:CreateTags', 'ec2:EnableImageDeprecation'],
  },
  {
    name: 'request-approval',
    description: 'Stores the approval task token for `goldsmith approve|reject`, and asks for approval.',
    triggers: [release],
    env: ['table', 'topicArn', 'slackSecretId', 'configFile'],
    actions: [...TABLE, 'sns:Publish', 'secretsmanager:GetSecretValue'],
  },
  {
    name: 'publish-channel',
    description: 'Points a channel parameter at the AMI in every region, without waiting for its validation.',
    triggers: [release],
    env: [],
    actions: ['ssm:PutParameter', 'ssm:GetParameter', 'ec2:DescribeImages'],
    // A put may wait out an earlier one still being validated (TooManyUpdates), about a minute.
    // The Task's own timeout is 120 s.
    timeoutSeconds: 120,
  },
  {
    name: 'verify-channel',
    description: 'Reads a published channel back between Wait states; tags a parameter the publish created.',
    triggers: [release],
    env: [],
    // Tagging is here: a created aws:ec2:image parameter only exists once Parameter Store validated it.
    actions: ['ssm:GetParameter', 'ssm:AddTagsToResource'],
  },
  {
    name: 'roll-launch-templates',
    description: 'New launch template versions with the literal AMI id, made the default; each change recorded first.',
    triggers: [wave],
    env: ['table', 'configFile'],
    actions: ['ec2:DescribeLaunchTemplates', 'ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate', ...TABLE],
  },
  {
    name: 'start-refresh',
    description: 'Starts an instance refresh naming the numbered launch template version, once per group and wave.',
    triggers: [wave],
    // The group's target comes from the config, the launch template version from the rollout records.
    env: ['table', 'configFile'],
    actions: [
      'dynamodb:Query',
      'autoscaling:StartInstanceRefresh',
      'autoscaling:DescribeInstanceRefreshes',
      'autoscaling:RollbackInstanceRefresh',
      'autoscaling:CancelInstanceRefresh',
      'ec2:DescribeLaunchTemplates',
    ],
  },
  {
    name: 'wait-for-refresh',
    description: 'Stores the task token under the refresh, then checks it once.',
    triggers: [wave],
    env: ['table'],
    actions: ['autoscaling:DescribeInstanceRefreshes', ...TABLE, ...TASK_TOKENS],
  },
  {
    name: 'on-refresh-event',
    description: 'Completes the waiting wave on an instance refresh event.',
    triggers: [{ kind: 'rule', rule: 'instance-refresh' }],
    env: ['table', 'idempotencyTable'],
    actions: ['autoscaling:DescribeInstanceRefreshes', ...TABLE, ...IDEMPOTENCY, ...TASK_TOKENS],
  },
  {
    name: 'reconcile-refresh',
    description: 'Reads the refresh after a lost event.',
    triggers: [wave],
    env: [],
    actions: ['autoscaling:DescribeInstanceRefreshes'],
  },
  {
    name: 'restore-launch-templates',
    description: 'Gives every launch template the wave changed its previous default back, and rolls back running refreshes.',
    triggers: [wave],
    env: ['table'],
    actions: [
      'ec2:ModifyLaunchTemplate',
      'autoscaling:DescribeInstanceRefreshes',
      'autoscaling:RollbackInstanceRefresh',
      'autoscaling:CancelInstanceRefresh',
      ...TABLE,
    ],
  },
  {
    name: 'notify-release',
    description: 'Tells SNS and Slack, exactly once per release and outcome.',
    triggers: [release],
    env: ['table', 'topicArn', 'slackSecretId', 'configFile'],
    actions: ['sns:Publish', 'secretsmanager:GetSecretValue', ...TABLE],
  },
  {
    name: 'retire-images',
    description: 'Deprecates, then deregisters, old images beyond the last N, keeping any still in use.',
    triggers: [release],
    env: ['configFile'],
    actions: [
      'ec2:DescribeImages',
      'ec2:DescribeLaunchTemplates',
      'ec2:DescribeLaunchTemplateVersions',
      'ec2:EnableImageDeprecation',
      'ec2:DeregisterImage',
      'ec2:DeleteSnapshot',
      'autoscaling:DescribeAutoScalingGroups',
      'ssm:GetParameter',
    ],
    timeoutSeconds: 300,
  },
  { name: 'release-lock', description: 'Releases the per-pipeline lock if this execution holds it.', triggers: [release], env: ['table'], actions: TABLE },
];
