import type { Grant } from './grant.ts';

/**
 * What CDK adds to a role when X-Ray tracing is active (Lambda, Step Functions). Listed here only so that
 * its `*` resource gets a suppression with a reason; CDK writes the statement itself.
 */
export const TRACING_GRANT: Grant = {
  actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
  resources: ['*'],
  wildcardReason: 'X-Ray trace segments, telemetry and sampling rules have no resource-level permission.',
};

/** What CDK adds to a state machine's role for logging to CloudWatch Logs (vended log delivery). */
export const LOG_DELIVERY_GRANT: Grant = {
  actions: [
    'logs:CreateLogDelivery',
    'logs:GetLogDelivery',
    'logs:UpdateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:ListLogDeliveries',
    'logs:PutResourcePolicy',
    'logs:DescribeResourcePolicies',
    'logs:DescribeLogGroups',
  ],
  resources: ['*'],
  wildcardReason: 'Step Functions sets up log delivery with CloudWatch Logs vended-log APIs, which have no resource-level permission.',
};
