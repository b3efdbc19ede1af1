import { RegionalStore } from '../../service.ts';

export interface SecretVersionRecord {
  versionId: string;
  secretString?: string;
  /** Base64, so the state stays plain JSON. */
  secretBinary?: string;
  stages: string[];
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms of the day (UTC midnight) it was last read, as AWS reports it. */
  lastAccessedAt?: number;
}

export interface SecretRecord {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags: Array<{ Key: string; Value: string }>;
  createdAt: number;
  lastChangedAt: number;
  lastAccessedAt?: number;
  /** Epoch ms when a scheduled deletion takes effect; set while the secret is marked for deletion. */
  deletionDate?: number;
  /** Version ids, oldest first. */
  versions: SecretVersionRecord[];
}

export interface SecretsState {
  /** By name. */
  secrets: Record<string, SecretRecord>;
}

export function createSecretsStore(): RegionalStore<SecretsState> {
  return new RegionalStore<SecretsState>(() => ({ secrets: {} }));
}
