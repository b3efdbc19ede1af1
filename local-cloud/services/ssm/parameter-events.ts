import type { CloudRuntime } from '../../cloud.ts';
import { parameterArn } from './parameter-names.ts';

export type ParameterOperation = 'Create' | 'Update' | 'Delete' | 'LabelParameterVersion';

interface ParameterChange {
  operation: ParameterOperation;
  name: string;
  type: string;
  dataType?: string;
  description?: string;
  labels?: string[];
  /** Set when an asynchronous `aws:ec2:image` validation failed. */
  exception?: string;
}

/** Emits the "Parameter Store Change" event Parameter Store sends for every change to a parameter. */
export function emitParameterChange(cloud: CloudRuntime, scope: { accountId: string; region: string }, change: ParameterChange): void {
  const detail: Record<string, unknown> = {};
  if (change.exception) detail.exception = change.exception;
  if (change.dataType && change.dataType !== 'text') detail.dataType = change.dataType;
  detail.name = change.name;
  detail.type = change.type;
  detail.operation = change.operation;
  if (change.description) detail.description = change.description;
  if (change.labels) detail.labels = change.labels;
  cloud.emitEvent({
    source: 'aws.ssm',
    'detail-type': 'Parameter Store Change',
    detail,
    resources: [parameterArn(change.name, scope.accountId, scope.region)],
    account: scope.accountId,
    region: scope.region,
  });
}
