import { Aws } from 'aws-cdk-lib';

/**
 * ARNs and ARN patterns for IAM, built from the names the app model chooses. IAM statements use these
 * rather than the constructs' tokens: a role's policy then never depends on the resources it grants,
 * which would make a cycle (a state machine depends on its role's policy, which names the state machine).
 */
export class ArnPatterns {
  readonly homeRegion: string;

  constructor(homeRegion: string) {
    this.homeRegion = homeRegion;
  }

  private arn(service: string, region: string, account: string, resource: string): string {
    return `arn:${Aws.PARTITION}:${service}:${region}:${account}:${resource}`;
  }

  stateMachine(name: string): string {
    return this.arn('states', this.homeRegion, Aws.ACCOUNT_ID, `stateMachine:${name}`);
  }

  /** Every execution of a state machine: execution ARNs end in a name chosen at start. */
  executions(stateMachineName: string): string {
    return this.arn('states', this.homeRegion, Aws.ACCOUNT_ID, `execution:${stateMachineName}:*`);
  }

  function(name: string): string {
    return this.arn('lambda', this.homeRegion, Aws.ACCOUNT_ID, `function:${name}`);
  }

  table(name: string): string {
    return this.arn('dynamodb', this.homeRegion, Aws.ACCOUNT_ID, `table/${name}`);
  }

  topic(name: string): string {
    return this.arn('sns', this.homeRegion, Aws.ACCOUNT_ID, name);
  }

  queue(name: string): string {
    return this.arn('sqs', this.homeRegion, Aws.ACCOUNT_ID, name);
  }

  /** Secrets Manager adds `-` and six random characters to a secret's name in its ARN. */
  secret(name: string): string {
    return this.arn('secretsmanager', this.homeRegion, Aws.ACCOUNT_ID, `secret:${name}-??????`);
  }

  eventBus(name: string): string {
    return this.arn('events', this.homeRegion, Aws.ACCOUNT_ID, `event-bus/${name}`);
  }

  rule(name: string): string {
    return this.arn('events', this.homeRegion, Aws.ACCOUNT_ID, `rule/${name}`);
  }

  /** Image Builder ARNs carry resource names in lower case. */
  imagePipeline(name: string): string {
    return this.arn('imagebuilder', this.homeRegion, Aws.ACCOUNT_ID, `image-pipeline/${name.toLowerCase()}`);
  }

  infrastructureConfiguration(name: string): string {
    return this.arn('imagebuilder', this.homeRegion, Aws.ACCOUNT_ID, `infrastructure-configuration/${name.toLowerCase()}`);
  }

  distributionConfiguration(name: string): string {
    return this.arn('imagebuilder', this.homeRegion, Aws.ACCOUNT_ID, `distribution-configuration/${name.toLowerCase()}`);
  }

  /** Every version of a recipe. */
  imageRecipeVersions(name: string): string {
    return this.arn('imagebuilder', this.homeRegion, Aws.ACCOUNT_ID, `image-recipe/${name.toLowerCase()}/*`);
  }

  /** Every version and build of the images a recipe makes. */
  images(recipeName: string): string {
    return this.arn('imagebuilder', this.homeRegion, Aws.ACCOUNT_ID, `image/${recipeName.toLowerCase()}/*`);
  }

  /** Every version and build of a component. */
  componentVersions(name: string): string {
    return this.arn('imagebuilder', this.homeRegion, Aws.ACCOUNT_ID, `component/${name.toLowerCase()}/*`);
  }

  /** An SSM parameter; AWS's public parameters (`/aws/service/…`) live in no account. */
  parameter(name: string, region: string): string {
    const account = name.startsWith('/aws/') ? '' : Aws.ACCOUNT_ID;
    return this.arn('ssm', region, account, `parameter${name.startsWith('/') ? '' : '/'}${name}`);
  }

  /** An AWS-owned SSM document, such as AWS-RunShellScript. */
  awsDocument(name: string): string {
    return this.arn('ssm', this.homeRegion, '', `document/${name}`);
  }

  /** Every EC2 resource of a type in a Region (`instance`, `image`, …); AMIs and snapshots name no account in their ARN. */
  ec2(type: string, region: string): string {
    const account = type === 'image' || type === 'snapshot' ? '' : Aws.ACCOUNT_ID;
    return this.arn('ec2', region, account, `${type}/*`);
  }

  launchTemplate(id: string): string {
    return this.arn('ec2', this.homeRegion, Aws.ACCOUNT_ID, `launch-template/${id}`);
  }

  /** An Auto Scaling group by name: its ARN also carries a generated id. */
  autoScalingGroup(name: string): string {
    return this.arn('autoscaling', this.homeRegion, Aws.ACCOUNT_ID, `autoScalingGroup:*:autoScalingGroupName/${name}`);
  }

  role(name: string): string {
    return `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${name}`;
  }

  logGroup(name: string): string {
    return this.arn('logs', this.homeRegion, Aws.ACCOUNT_ID, `log-group:${name}`);
  }

  logStreams(logGroupName: string): string {
    return this.arn('logs', this.homeRegion, Aws.ACCOUNT_ID, `log-group:${logGroupName}:log-stream:*`);
  }
}
