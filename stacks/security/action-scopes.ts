/**
 * How each IAM action Goldsmith's roles need is scoped: by ARN where IAM has one, by the `goldsmith:managed`
 * tag where AWS names resources only at run time, and by Region where IAM has no resource-level
 * permission at all. A role's actions come from the app model (the catalogue for functions); an action
 * this file does not know fails the synth instead of getting `*`.
 */
import type { AppModel, FunctionResource, RoleResource } from '../../core/app-model/index.ts';
import { findResource, type Ref, type ResourceKind, refsIn } from '../../core/app-model/index.ts';
import type { DeployModel } from '../model/deploy-model.ts';
import type { ArnPatterns } from './arn-patterns.ts';
import { type Conditions, type Grant, UnscopedActionError } from './grant.ts';

export interface ScopeContext {
  readonly model: AppModel;
  readonly deploy: DeployModel;
  readonly arns: ArnPatterns;
}

/** What a role works on, read from the model resources that use it. */
interface RoleTargets {
  /** Model resources the role's users reference (a function's environment, a state machine's substitutions, a schedule's target). */
  readonly refs: readonly Ref[];
  /** For functions: the catalogue actions, which decide between the variants of an action (e.g. ec2:CreateTags). */
  readonly actions: readonly string[];
}

type Scope = (actions: string[], ctx: ScopeContext, targets: RoleTargets) => Grant[];

const MANAGED = 'goldsmith:managed';
const taggedManaged: Conditions = { StringEquals: { [`aws:ResourceTag/${MANAGED}`]: 'true' } };

const WHY = {
  noResourceLevel: 'IAM has no resource-level permission for these actions; they are limited to the Regions Goldsmith works in by aws:RequestedRegion.',
  executions: "Execution ARNs end in the execution name chosen when it starts; the prefix names Goldsmith's own state machine.",
  versions: 'Image Builder ARNs end in a version and build number assigned at build time; the prefix names the pipeline recipe.',
  tagged: 'AWS assigns these resource ids at run time (AMIs, snapshots, test instances); access is limited to resources tagged goldsmith:managed=true.',
  launchNetwork: 'A test instance is launched into the subnet and security groups of the build configuration, chosen per pipeline or by the default VPC.',
  launchTemplates:
    'Launch templates named in goldsmith.config.ts have ids known only at run time; access is limited to templates tagged goldsmith:managed=true.',
  autoScalingGroups: 'Auto Scaling group ARNs carry a generated id before the group name; each ARN names one group of goldsmith.config.ts.',
  ownProfiles: 'A pipeline names its own instance profile, whose role Goldsmith does not know; iam:PassedToService limits passing it to EC2.',
  logStreams: "Lambda creates a log stream per execution environment in the function's own log group.",
} as const;

const named = (ctx: ScopeContext, refs: readonly Ref[], kind: ResourceKind) =>
  [...new Set(refs.filter((r) => r.ref === kind).map((r) => findResource(ctx.model, r)?.name))].filter((n): n is string => n !== undefined);

const homeOnly = (ctx: ScopeContext): Conditions => ({ StringEquals: { 'aws:RequestedRegion': ctx.arns.homeRegion } });

function distributionRegions(ctx: ScopeContext): string[] {
  const regions = new Set([ctx.arns.homeRegion]);
  for (const config of ctx.model.distributionConfigurations) for (const d of config.distributions) regions.add(d.region);
  return [...regions];
}

const everywhere = (ctx: ScopeContext): Conditions => ({ StringEquals: { 'aws:RequestedRegion': distributionRegions(ctx) } });

function atLeastOne<T>(values: T[], what: string): T[] {
  if (values.length === 0) throw new Error(`A role needs ${what}, but no model resource that uses it names one.`);
  return values;
}

const SCOPES: Record<string, Scope> = {
  'dynamodb:Item': (actions, ctx, t) => [{ actions, resources: atLeastOne(named(ctx, t.refs, 'table'), 'a DynamoDB table').map((n) => ctx.arns.table(n)) }],
  'states:StartExecution': (actions, ctx, t) => [
    { actions, resources: atLeastOne(named(ctx, t.refs, 'stateMachine'), 'a state machine to start').map((n) => ctx.arns.stateMachine(n)) },
  ],
  // Executions of the state machines the role's users name, else of any Goldsmith workflow (e.g. the release holding a lock).
  'states:Executions': (actions, ctx, t) => {
    const machines = named(ctx, t.refs, 'stateMachine');
    const names = machines.length ? machines : ctx.model.stateMachines.map((m) => m.name);
    return [{ actions, resources: names.map((n) => ctx.arns.executions(n)), wildcardReason: WHY.executions }];
  },
  'states:TaskTokens': (actions, ctx) => [{ actions, resources: ctx.model.stateMachines.map((m) => ctx.arns.stateMachine(m.name)) }],
  'imagebuilder:Pipeline': (actions, ctx) => [{ actions, resources: ctx.model.imagePipelines.map((p) => ctx.arns.imagePipeline(p.name)) }],
  'imagebuilder:Infrastructure': (actions, ctx) => [
    { actions, resources: ctx.model.infrastructureConfigurations.map((c) => ctx.arns.infrastructureConfiguration(c.name)) },
  ],
  'imagebuilder:Distribution': (actions, ctx) => [
    { actions, resources: ctx.model.distributionConfigurations.map((c) => ctx.arns.distributionConfiguration(c.name)) },
  ],
  'imagebuilder:Component': (actions, ctx) => [
    { actions, resources: ctx.model.components.map((c) => ctx.arns.componentVersions(c.name)), wildcardReason: WHY.versions },
  ],
  'imagebuilder:Recipe': (actions, ctx) => [
    { actions, resources: ctx.model.imageRecipes.map((r) => ctx.arns.imageRecipeVersions(r.name)), wildcardReason: WHY.versions },
  ],
  'imagebuilder:Image': (actions, ctx) => [{ actions, resources: ctx.model.imageRecipes.map((r) => ctx.arns.images(r.name)), wildcardReason: WHY.versions }],
  'home:Unscoped': (actions, ctx) => [{ actions, resources: ['*'], conditions: homeOnly(ctx), wildcardReason: WHY.noResourceLevel }],
  'everywhere:Unscoped': (actions, ctx) => [{ actions, resources: ['*'], conditions: everywhere(ctx), wildcardReason: WHY.noResourceLevel }],
  'ssm:ReadParameters': (actions, ctx) => [
    {
      actions,
      resources: [
        ...ctx.model.channels.flatMap((c) => c.regions.map((r) => ctx.arns.parameter(c.name, r))),
        ...ctx.deploy.parameters.parents.map((p) => ctx.arns.parameter(p, ctx.arns.homeRegion)),
      ],
    },
  ],
  'ssm:Channels': (actions, ctx) => [{ actions, resources: ctx.model.channels.flatMap((c) => c.regions.map((r) => ctx.arns.parameter(c.name, r))) }],
  'ssm:SendCommand': (actions, ctx) => [
    {
      actions,
      resources: ctx.deploy.platforms.map((p) => ctx.arns.awsDocument(p === 'Windows' ? 'AWS-RunPowerShellScript' : 'AWS-RunShellScript')),
    },
    {
      actions,
      resources: [ctx.arns.ec2('instance', ctx.arns.homeRegion)],
      conditions: { StringEquals: { [`ssm:resourceTag/${MANAGED}`]: 'true' } },
      wildcardReason: WHY.tagged,
    },
  ],
  'ec2:RunInstances': (actions, ctx) => {
    const home = ctx.arns.homeRegion;
    return [
      {
        actions,
        resources: [ctx.arns.ec2('instance', home), ctx.arns.ec2('volume', home)],
        conditions: { StringEquals: { [`aws:RequestTag/${MANAGED}`]: 'true' } },
        wildcardReason: WHY.tagged,
      },
      { actions, resources: [ctx.arns.ec2('image', home)], conditions: taggedManaged, wildcardReason: WHY.tagged },
      {
        actions,
        resources: ['subnet', 'security-group', 'network-interface'].map((type) => ctx.arns.ec2(type, home)),
        wildcardReason: WHY.launchNetwork,
      },
    ];
  },
  // Tags go on what a function launches (at launch only) or on Goldsmith's own images and snapshots.
  'ec2:CreateTags': (actions, ctx, t) =>
    t.actions.includes('ec2:RunInstances')
      ? [
          {
            actions,
            resources: [ctx.arns.ec2('instance', ctx.arns.homeRegion), ctx.arns.ec2('volume', ctx.arns.homeRegion)],
            conditions: { StringEquals: { 'ec2:CreateAction': 'RunInstances' } },
            wildcardReason: WHY.tagged,
          },
        ]
      : [
          {
            actions,
            resources: distributionRegions(ctx).flatMap((r) => [ctx.arns.ec2('image', r), ctx.arns.ec2('snapshot', r)]),
            conditions: taggedManaged,
            wildcardReason: WHY.tagged,
          },
        ],
  'ec2:Instances': (actions, ctx) => [
    { actions, resources: [ctx.arns.ec2('instance', ctx.arns.homeRegion)], conditions: taggedManaged, wildcardReason: WHY.tagged },
  ],
  'ec2:Images': (actions, ctx) => [
    { actions, resources: distributionRegions(ctx).map((r) => ctx.arns.ec2('image', r)), conditions: taggedManaged, wildcardReason: WHY.tagged },
  ],
  'ec2:Snapshots': (actions, ctx) => [
    { actions, resources: distributionRegions(ctx).map((r) => ctx.arns.ec2('snapshot', r)), conditions: taggedManaged, wildcardReason: WHY.tagged },
  ],
  'ec2:LaunchTemplates': (actions, ctx) => {
    const { launchTemplateIds, launchTemplateNames } = ctx.deploy.fleet;
    const grants: Grant[] = [];
    if (launchTemplateIds.length) grants.push({ actions, resources: launchTemplateIds.map((id) => ctx.arns.launchTemplate(id)) });
    if (launchTemplateNames.length)
      grants.push({ actions, resources: [ctx.arns.launchTemplate('*')], conditions: taggedManaged, wildcardReason: WHY.launchTemplates });
    return atLeastOne(grants, 'a launch template to roll');
  },
  'autoscaling:Refresh': (actions, ctx) => [
    {
      actions,
      resources: atLeastOne(
        ctx.deploy.fleet.autoScalingGroups.map((g) => ctx.arns.autoScalingGroup(g)),
        'an Auto Scaling group to refresh',
      ),
      wildcardReason: WHY.autoScalingGroups,
    },
  ],
  'sns:Publish': (actions, ctx) => [{ actions, resources: [...ctx.model.topics.map((t) => ctx.arns.topic(t.name)), ...ctx.deploy.external.topicArns] }],
  'secretsmanager:GetSecretValue': (actions, ctx) => [
    { actions, resources: atLeastOne([...ctx.model.secrets.map((s) => ctx.arns.secret(s.name)), ...ctx.deploy.external.secretArns], 'a secret') },
  ],
  'iam:PassRole': (actions, ctx) => {
    const passedToEc2: Conditions = { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } };
    const grants: Grant[] = [];
    const roles = ctx.model.roles.filter((r) => r.principal === 'ec2.amazonaws.com');
    if (roles.length) grants.push({ actions, resources: roles.map((r) => ctx.arns.role(r.name)), conditions: passedToEc2 });
    if (ctx.model.instanceProfiles.length < ctx.model.infrastructureConfigurations.length) {
      grants.push({ actions, resources: [ctx.arns.role('*')], conditions: passedToEc2, wildcardReason: WHY.ownProfiles });
    }
    return grants;
  },
  'lambda:InvokeFunction': (actions, ctx, t) => [
    { actions, resources: atLeastOne(named(ctx, t.refs, 'function'), 'a function to invoke').map((n) => ctx.arns.function(n)) },
  ],
  'states:SyncRule': (actions, ctx) => [{ actions, resources: [ctx.arns.rule('StepFunctionsGetEventsForStepFunctionsExecutionRule')] }],
  'events:PutEvents': (actions, ctx) => [{ actions, resources: [ctx.arns.eventBus(ctx.model.eventBusName)] }],
  'sqs:SendMessage': (actions, ctx, t) => [{ actions, resources: atLeastOne(named(ctx, t.refs, 'queue'), 'a queue').map((n) => ctx.arns.queue(n)) }],
};

/** Which scope each action takes. */
const SCOPE_OF: Record<string, keyof typeof SCOPES> = {
  'dynamodb:GetItem': 'dynamodb:Item',
  'dynamodb:PutItem': 'dynamodb:Item',
  'dynamodb:UpdateItem': 'dynamodb:Item',
  'dynamodb:DeleteItem': 'dynamodb:Item',
  'dynamodb:Query': 'dynamodb:Item',
  'dynamodb:ConditionCheckItem': 'dynamodb:Item',
  'dynamodb:BatchGetItem': 'dynamodb:Item',
  'dynamodb:BatchWriteItem': 'dynamodb:Item',
  'states:StartExecution': 'states:StartExecution',
  'states:DescribeExecution': 'states:Executions',
  'states:StopExecution': 'states:Executions',
  'states:SendTaskSuccess': 'states:TaskTokens',
  'states:SendTaskFailure': 'states:TaskTokens',
  'states:SendTaskHeartbeat': 'states:TaskTokens',
  'imagebuilder:GetImagePipeline': 'imagebuilder:Pipeline',
  'imagebuilder:StartImagePipelineExecution': 'imagebuilder:Pipeline',
  'imagebuilder:ListImagePipelineImages': 'imagebuilder:Pipeline',
  'imagebuilder:GetInfrastructureConfiguration': 'imagebuilder:Infrastructure',
  'imagebuilder:GetDistributionConfiguration': 'imagebuilder:Distribution',
  'imagebuilder:GetComponent': 'imagebuilder:Component',
  'imagebuilder:GetImageRecipe': 'imagebuilder:Recipe',
  'imagebuilder:GetImage': 'imagebuilder:Image',
  'imagebuilder:CancelImageCreation': 'imagebuilder:Image',
  'imagebuilder:ListImageBuildVersions': 'imagebuilder:Image',
  'imagebuilder:ListImageScanFindings': 'home:Unscoped',
  'ssm:GetParameter': 'ssm:ReadParameters',
  'ssm:GetParameters': 'ssm:ReadParameters',
  'ssm:GetParameterHistory': 'ssm:Channels',
  'ssm:LabelParameterVersion': 'ssm:Channels',
  'ssm:PutParameter': 'ssm:Channels',
  'ssm:AddTagsToResource': 'ssm:Channels',
  'ssm:DescribeInstanceInformation': 'home:Unscoped',
  'ssm:GetCommandInvocation': 'home:Unscoped',
  'ssm:SendCommand': 'ssm:SendCommand',
  'ec2:DescribeImages': 'everywhere:Unscoped',
  'ec2:DescribeInstances': 'everywhere:Unscoped',
  'ec2:DescribeLaunchTemplates': 'everywhere:Unscoped',
  'ec2:DescribeLaunchTemplateVersions': 'everywhere:Unscoped',
  'ec2:DescribeSnapshots': 'everywhere:Unscoped',
  'ec2:DescribeImageAttribute': 'everywhere:Unscoped',
  'ec2:DescribeInstanceStatus': 'everywhere:Unscoped',
  'ec2:DescribeTags': 'everywhere:Unscoped',
  'ec2:RunInstances': 'ec2:RunInstances',
  'ec2:CreateTags': 'ec2:CreateTags',
  'ec2:TerminateInstances': 'ec2:Instances',
  'ec2:EnableImageDeprecation': 'ec2:Images',
  'ec2:DeregisterImage': 'ec2:Images',
  'ec2:DisableImageDeprecation': 'ec2:Images',
  'ec2:DeleteSnapshot': 'ec2:Snapshots',
  'ec2:CreateLaunchTemplateVersion': 'ec2:LaunchTemplates',
  'ec2:ModifyLaunchTemplate': 'ec2:LaunchTemplates',
  'autoscaling:DescribeInstanceRefreshes': 'home:Unscoped',
  'autoscaling:DescribeAutoScalingGroups': 'home:Unscoped',
  'autoscaling:DescribeAutoScalingInstances': 'home:Unscoped',
  'autoscaling:StartInstanceRefresh': 'autoscaling:Refresh',
  'autoscaling:RollbackInstanceRefresh': 'autoscaling:Refresh',
  'autoscaling:CancelInstanceRefresh': 'autoscaling:Refresh',
  'sns:Publish': 'sns:Publish',
  'secretsmanager:GetSecretValue': 'secretsmanager:GetSecretValue',
  'iam:PassRole': 'iam:PassRole',
  'lambda:InvokeFunction': 'lambda:InvokeFunction',
  'events:PutTargets': 'states:SyncRule',
  'events:PutRule': 'states:SyncRule',
  'events:DescribeRule': 'states:SyncRule',
  'events:PutEvents': 'events:PutEvents',
  'sqs:SendMessage': 'sqs:SendMessage',
};

/** Scopes every action of a role; throws on an action without a scope. */
export function grantsFor(principal: string, actions: readonly string[], ctx: ScopeContext, refs: readonly Ref[]): Grant[] {
  const byScope = new Map<string, string[]>();
  for (const action of [...new Set(actions)]) {
    const scope = SCOPE_OF[action];
    if (!scope) throw new UnscopedActionError(action, principal);
    byScope.set(scope, [...(byScope.get(scope) ?? []), action]);
  }
  const targets: RoleTargets = { refs, actions };
  return [...byScope].flatMap(([scope, scoped]) => SCOPES[scope](scoped, ctx, targets));
}

/** A function's grants: its catalogue actions on the resources its environment names, or Goldsmith's own. */
export function functionGrants(fn: FunctionResource, ctx: ScopeContext): Grant[] {
  return grantsFor(`Function ${fn.key}`, fn.actions, ctx, refsIn(fn.environment));
}

/** A service role's grants, on what the model resources that use it reference (substitutions, schedule targets). */
export function serviceRoleGrants(role: RoleResource, ctx: ScopeContext): Grant[] {
  const roleRef = (value: { role?: unknown; target?: { roleArn?: unknown } }) => {
    const refs = refsIn(value.role ?? value.target?.roleArn);
    return refs.some((r) => r.ref === 'role' && r.name === role.key);
  };
  const users = [...ctx.model.stateMachines.filter(roleRef), ...ctx.model.schedules.filter(roleRef)];
  return grantsFor(
    `Role ${role.key}`,
    role.actions,
    ctx,
    users.flatMap((user) => refsIn(user)),
  );
}

/** Log streams of a function's own log group. */
export function logGrants(logGroupName: string, ctx: ScopeContext): Grant[] {
  return [{ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [ctx.arns.logStreams(logGroupName)], wildcardReason: WHY.logStreams }];
}
