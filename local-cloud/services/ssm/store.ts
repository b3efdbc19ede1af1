import { RegionalStore } from '../../service.ts';

export type ParameterType = 'String' | 'StringList' | 'SecureString';
export type ParameterTier = 'Standard' | 'Advanced' | 'Intelligent-Tiering';

/** One version of a parameter, as GetParameterHistory reports it. */
export interface ParameterVersionRecord {
  version: number;
  type: ParameterType;
  /** The plain value; SecureString values are also kept as `ciphertext`, which is what callers see without decryption. */
  value: string;
  ciphertext?: string;
  dataType: string;
  description?: string;
  allowedPattern?: string;
  keyId?: string;
  tier: 'Standard' | 'Advanced';
  policies?: string;
  labels: string[];
  /** Epoch ms. */
  lastModifiedDate: number;
  lastModifiedUser: string;
}

export interface ParameterRecord {
  /** The name as it was created (a top-level name may or may not start with `/`). */
  name: string;
  versions: ParameterVersionRecord[];
  tags: Record<string, string>;
}

/** An `aws:ec2:image` put waiting for its asynchronous AMI validation. */
export interface PendingImageParameter {
  key: string;
  name: string;
  operation: 'Create' | 'Update';
  version: ParameterVersionRecord;
  tags: Record<string, string>;
  /** Epoch ms when validation completes. */
  dueAt: number;
}

export type CommandStatus = 'Pending' | 'InProgress' | 'Success' | 'Cancelled' | 'Failed' | 'TimedOut' | 'Cancelling';

export interface InvocationRecord {
  instanceId: string;
  instanceName: string;
  status: CommandStatus;
  statusDetails: string;
  responseCode: number;
  /** Epoch ms; set when the agent starts running the document. */
  startedAt?: number;
  finishedAt?: number;
  stdout: string;
  stderr: string;
  /** What the scenario decided when the command was sent. */
  outcome: { status: 'Success' | 'Failed' | 'TimedOut'; output?: string };
  /** Epoch ms of the next lifecycle step, if any; `resume()` re-arms it. */
  nextAt?: number;
}

export interface CommandRecord {
  commandId: string;
  documentName: string;
  documentVersion: string;
  pluginName: string;
  comment: string;
  parameters: Record<string, string[]>;
  instanceIds: string[];
  targets: Array<{ Key: string; Values: string[] }>;
  requestedAt: number;
  expiresAfter: number;
  timeoutSeconds: number;
  executionTimeoutSeconds: number;
  maxConcurrency: string;
  maxErrors: string;
  serviceRole?: string;
  notificationConfig?: Record<string, unknown>;
  cloudWatchOutputConfig?: Record<string, unknown>;
  outputS3Region?: string;
  outputS3BucketName?: string;
  outputS3KeyPrefix?: string;
  status: CommandStatus;
  statusDetails: string;
  invocations: InvocationRecord[];
}

export interface SsmState {
  /** By normalized name (see `parameterKey`). */
  parameters: Record<string, ParameterRecord>;
  pendingImageParameters: Record<string, PendingImageParameter>;
  /** In the order they were sent. */
  commands: CommandRecord[];
  /** Amazon's public parameters are seeded once per region, under the `aws` pseudo-account. */
  publicSeeded?: boolean;
  /** How many Amazon Linux releases the local cloud has published in this region. */
  publicReleases?: number;
}

/** The account under which Amazon's public parameters (`/aws/service/...`) are kept. */
export const PUBLIC_ACCOUNT = 'aws';

export function createSsmStore(): RegionalStore<SsmState> {
  return new RegionalStore<SsmState>(() => ({ parameters: {}, pendingImageParameters: {}, commands: [] }));
}
