import type { CloudRuntime } from '../../cloud.ts';
import type { Scope } from '../../stepfunctions/frame.ts';
import { redriveStatus } from './execution-views.ts';
import type { ExecutionRecord } from './store.ts';

/**
 * Puts "Step Functions Execution Status Change" (source aws.states) on the default bus, in the shape
 * of AWS's examples: the DescribeExecution fields, dates in epoch milliseconds, absent values as null.
 * Standard workflows emit one when an execution starts (RUNNING) and one when it closes; Express
 * workflows emit none.
 */
export function emitStatusChange(cloud: CloudRuntime, record: ExecutionRecord, scope: Scope): void {
  if (record.type !== 'STANDARD') return;
  cloud.emitEvent({
    source: 'aws.states',
    'detail-type': 'Step Functions Execution Status Change',
    account: scope.accountId,
    region: scope.region,
    resources: [record.executionArn],
    detail: {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate,
      stopDate: record.stopDate ?? null,
      input: record.input,
      output: record.output ?? null,
      inputDetails: { included: true },
      outputDetails: record.output === undefined ? null : { included: true },
      error: record.error ?? null,
      cause: record.cause ?? null,
      redriveCount: 0,
      ...redriveStatus(record),
    },
  });
}
