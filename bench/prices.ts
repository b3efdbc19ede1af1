/**
 * AWS list prices, in US dollars, for what a Goldsmith release uses: one file, each with the pricing page it
 * comes from. Region: US East (N. Virginia), the region every AWS pricing page quotes. The example fleet's
 * home region, Europe (Frankfurt), charges the same for Step Functions ($0.025 per 1,000 transitions in the
 * page's regional table) and Lambda; its DynamoDB requests cost a little more. Free tiers are left out: this is
 * the marginal cost of one release in an account that has used its free tier. Checked 2026-11.
 */
export const PRICE_REGION = 'us-east-1';
export const PRICES_CHECKED = '2026-11';

export interface Price {
  /** Dollars per unit. */
  usd: number;
  unit: string;
  source: string;
}

export const PRICES = {
  /** Standard workflows: each state transition, retries included. */
  stepFunctionsTransition: { usd: 0.025 / 1_000, unit: 'state transition', source: 'https://aws.amazon.com/step-functions/pricing/' },
  lambdaRequest: { usd: 0.2 / 1_000_000, unit: 'request', source: 'https://aws.amazon.com/lambda/pricing/' },
  /** Arm (Graviton), first tier (up to 7.5 billion GB-seconds a month). Goldsmith's functions are arm64. */
  lambdaArmGbSecond: { usd: 0.0000133334, unit: 'GB-second (arm64)', source: 'https://aws.amazon.com/lambda/pricing/' },
  /** x86, first tier: for comparison only. */
  lambdaX86GbSecond: { usd: 0.0000166667, unit: 'GB-second (x86_64)', source: 'https://aws.amazon.com/lambda/pricing/' },
  /** Custom events put on a bus (each 64 KB chunk); AWS service events on the default bus are free. */
  eventBridgeCustomEvent: { usd: 1 / 1_000_000, unit: 'custom event', source: 'https://aws.amazon.com/eventbridge/pricing/' },
  schedulerInvocation: { usd: 1 / 1_000_000, unit: 'schedule invocation', source: 'https://aws.amazon.com/eventbridge/pricing/' },
  /** Publish requests (each 64 KB chunk); deliveries to Lambda and SQS are free, to HTTPS and email are not. */
  snsPublish: { usd: 0.5 / 1_000_000, unit: 'publish request', source: 'https://aws.amazon.com/sns/pricing/' },
  /** Standard parameters with standard throughput cost nothing; advanced parameters (or higher throughput) pay per API interaction. */
  ssmAdvancedApiInteraction: {
    usd: 0.05 / 10_000,
    unit: 'Parameter Store API interaction (advanced tier)',
    source: 'https://aws.amazon.com/systems-manager/pricing/',
  },
  ssmAdvancedParameterMonth: { usd: 0.05, unit: 'advanced parameter-month', source: 'https://aws.amazon.com/systems-manager/pricing/' },
  /** On-demand capacity: a write of up to 1 KB is one unit; a strongly consistent read of up to 4 KB is one unit. */
  dynamoDbWriteRequestUnit: { usd: 0.625 / 1_000_000, unit: 'write request unit', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/' },
  dynamoDbReadRequestUnit: { usd: 0.125 / 1_000_000, unit: 'read request unit', source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/' },
  secretsManagerApiCall: { usd: 0.05 / 10_000, unit: 'API call', source: 'https://aws.amazon.com/secrets-manager/pricing/' },
  secretsManagerSecretMonth: { usd: 0.4, unit: 'secret-month', source: 'https://aws.amazon.com/secrets-manager/pricing/' },
} as const satisfies Record<string, Price>;

/**
 * Calls that cost nothing beyond the resources they create: Image Builder (you pay for the EC2 it runs), EC2,
 * Auto Scaling and SSM Run Command APIs, STS, and the Lambda and Step Functions control planes. The build and
 * test instances are EC2 costs that any orchestrator pays alike, so they are left out of the comparison.
 */
export const FREE_SERVICES = ['imagebuilder', 'ec2', 'autoscaling', 'sts', 'states', 'lambda', 'events', 'scheduler', 'cloudformation'] as const;
