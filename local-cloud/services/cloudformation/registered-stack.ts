import { randomUUID } from 'node:crypto';
import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore } from '../../service.ts';
import { findStack } from './operations.ts';
import type { StackStatusName } from './stack-status.ts';
import type { CloudFormationState, StackRecord } from './store.ts';

/** A stack as a deployer reports it: the local cloud has no CloudFormation engine, so it does not create the resources. */
export interface RegisterStackParams {
  stackName: string;
  /** JSON or YAML template text. */
  templateBody: string;
  /** Default: the JSON template's Description. */
  description?: string;
  outputs?: Record<string, string>;
  parameters?: Record<string, string>;
  tags?: Record<string, string>;
  capabilities?: string[];
  /** Default: CREATE_COMPLETE, or UPDATE_COMPLETE when a live stack of that name exists. */
  status?: StackStatusName;
}

/**
 * Records a deployed stack, or updates the live stack of the same name, as CreateStack or UpdateStack
 * would leave it once complete. Returns its stack id.
 */
export function registerStack(
  cloud: CloudRuntime,
  store: RegionalStore<CloudFormationState>,
  accountId: string,
  region: string,
  params: RegisterStackParams,
): string {
  const state = store.get(accountId, region);
  const now = cloud.clock.now();
  const existing = findStack(state, params.stackName);
  const stackId = existing?.stackId ?? `arn:aws:cloudformation:${region}:${accountId}:stack/${params.stackName}/${randomUUID()}`;
  const record: StackRecord = {
    stackId,
    stackName: params.stackName,
    description: params.description ?? templateDescription(params.templateBody),
    status: params.status ?? (existing ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE'),
    templateBody: params.templateBody,
    parameters: Object.entries(params.parameters ?? {}).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    outputs: Object.entries(params.outputs ?? {}).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
    tags: Object.entries(params.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    capabilities: params.capabilities ?? [],
    createdAt: existing?.createdAt ?? now,
    ...(existing ? { updatedAt: now } : {}),
    ...(params.status === 'DELETE_COMPLETE' ? { deletedAt: now } : {}),
  };
  state.stacks[stackId] = record;
  return stackId;
}

function templateDescription(body: string): string | undefined {
  try {
    const description = (JSON.parse(body) as { Description?: unknown }).Description;
    return typeof description === 'string' ? description : undefined;
  } catch {
    return undefined;
  }
}
