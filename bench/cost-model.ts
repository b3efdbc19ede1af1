/**
 * What a release costs at AWS list prices (prices.ts), from what it used: state transitions, Lambda
 * requests and GB-seconds, and the few API calls that are billed. Pure: usage in, dollars out.
 */
import { PRICES, type Price } from './prices.ts';

export interface Usage {
  /** Standard-workflow state transitions, retries included, across the release and its child executions. */
  transitions: number;
  lambdaRequests: number;
  /** Billed GB-seconds at each function's configured memory. */
  lambdaGbSeconds: number;
  /** Custom events put on an EventBridge bus (one entry each; entries over 64 KB would count more). */
  customEvents: number;
  scheduleInvocations: number;
  snsPublishes: number;
  /** Parameter Store API calls (GetParameter, PutParameter, …): free on the standard tier. */
  parameterStoreCalls: number;
  /** DynamoDB request units: one per item written (≤ 1 KB) and per strongly consistent item read (≤ 4 KB). */
  dynamoDbWrites: number;
  dynamoDbReads: number;
  secretsManagerCalls: number;
  /** Every other API call Goldsmith made: free, but counted. */
  freeCalls: number;
}

export const NO_USAGE: Usage = {
  transitions: 0,
  lambdaRequests: 0,
  lambdaGbSeconds: 0,
  customEvents: 0,
  scheduleInvocations: 0,
  snsPublishes: 0,
  parameterStoreCalls: 0,
  dynamoDbWrites: 0,
  dynamoDbReads: 0,
  secretsManagerCalls: 0,
  freeCalls: 0,
};

export interface CostLine {
  item: string;
  quantity: number;
  price: Price;
  usd: number;
}

export interface Cost {
  lines: CostLine[];
  totalUsd: number;
}

export interface CostOptions {
  /** Goldsmith's channel parameters are standard tier; `advanced` prices the same calls as if they were not. */
  parameterTier?: 'standard' | 'advanced';
}

export function costOf(usage: Usage, options: CostOptions = {}): Cost {
  const line = (item: string, quantity: number, price: Price): CostLine => ({ item, quantity, price, usd: quantity * price.usd });
  const lines = [
    line('Step Functions state transitions', usage.transitions, PRICES.stepFunctionsTransition),
    line('Lambda requests', usage.lambdaRequests, PRICES.lambdaRequest),
    line('Lambda compute', usage.lambdaGbSeconds, PRICES.lambdaArmGbSecond),
    line('EventBridge custom events', usage.customEvents, PRICES.eventBridgeCustomEvent),
    line('EventBridge Scheduler invocations', usage.scheduleInvocations, PRICES.schedulerInvocation),
    line('SNS publishes', usage.snsPublishes, PRICES.snsPublish),
    line('DynamoDB writes', usage.dynamoDbWrites, PRICES.dynamoDbWriteRequestUnit),
    line('DynamoDB reads', usage.dynamoDbReads, PRICES.dynamoDbReadRequestUnit),
    line('Secrets Manager API calls', usage.secretsManagerCalls, PRICES.secretsManagerApiCall),
  ];
  if (options.parameterTier === 'advanced') lines.push(line('Parameter Store API interactions', usage.parameterStoreCalls, PRICES.ssmAdvancedApiInteraction));
  return { lines, totalUsd: lines.reduce((total, l) => total + l.usd, 0) };
}

export function addUsage(a: Usage, b: Usage): Usage {
  const total = { ...a };
  for (const key of Object.keys(a) as (keyof Usage)[]) total[key] = a[key] + b[key];
  return total;
}

/** Usage per release from the usage of several. */
export function scaleUsage(usage: Usage, factor: number): Usage {
  const scaled = { ...usage };
  for (const key of Object.keys(usage) as (keyof Usage)[]) scaled[key] = usage[key] * factor;
  return scaled;
}
