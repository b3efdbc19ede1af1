import { RegionalStore } from '../../service.ts';

export interface StackRecord {
  /** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`. */
  stackId: string;
  stackName: string;
  description?: string;
  status: string;
  statusReason?: string;
  /** The template as it was submitted, JSON or YAML text. */
  templateBody: string;
  parameters: Array<{ ParameterKey: string; ParameterValue: string }>;
  outputs: Array<{ OutputKey: string; OutputValue: string; Description?: string; ExportName?: string }>;
  tags: Array<{ Key: string; Value: string }>;
  capabilities: string[];
  /** Epoch ms. */
  createdAt: number;
  updatedAt?: number;
  deletedAt?: number;
}

export interface CloudFormationState {
  /** By stack id: a name is reused after its stack is deleted, an id never is. */
  stacks: Record<string, StackRecord>;
}

export function createCloudFormationStore(): RegionalStore<CloudFormationState> {
  return new RegionalStore<CloudFormationState>(() => ({ stacks: {} }));
}
