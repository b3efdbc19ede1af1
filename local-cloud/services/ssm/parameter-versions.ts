import { randomBytes } from 'node:crypto';
import type { CloudRuntime } from '../../cloud.ts';
import { parameterMaxVersionLimitExceeded } from './errors.ts';
import { emitParameterChange } from './parameter-events.ts';
import type { ParameterRecord, ParameterVersionRecord, SsmState } from './store.ts';

/** Parameter Store keeps the 100 most recent versions of a parameter. */
export const MAX_PARAMETER_VERSIONS = 100;

/**
 * Refuses a new version when the oldest of 100 would have to go but carries a label, as AWS does.
 */
export function checkVersionLimit(record: ParameterRecord | undefined): void {
  if (!record || record.versions.length < MAX_PARAMETER_VERSIONS) return;
  const oldest = record.versions[0];
  if (oldest.labels.length > 0) throw parameterMaxVersionLimitExceeded(record.name, oldest.version);
}

/** A KMS-looking ciphertext blob: what a SecureString reads as without decryption. */
export function simulatedCiphertext(value: string): string {
  // The header mimics a KMS envelope (AQICAH…); the rest is random, since nothing decrypts it.
  return Buffer.concat([Buffer.from([0x01, 0x02, 0x02, 0x00, 0x78]), randomBytes(48 + Buffer.byteLength(value))]).toString('base64');
}

/** Adds a version (creating the parameter if needed) and emits the Parameter Store Change event. */
export function appendVersion(
  cloud: CloudRuntime,
  scope: { accountId: string; region: string },
  state: SsmState,
  change: { key: string; name: string; version: ParameterVersionRecord; tags: Record<string, string>; operation: 'Create' | 'Update' },
): void {
  const record: ParameterRecord = state.parameters[change.key] ?? { name: change.name, versions: [], tags: {} };
  state.parameters[change.key] = record;
  record.versions.push(change.version);
  while (record.versions.length > MAX_PARAMETER_VERSIONS) record.versions.shift();
  Object.assign(record.tags, change.tags);
  emitParameterChange(cloud, scope, {
    operation: change.operation,
    name: record.name,
    type: change.version.type,
    dataType: change.version.dataType,
    description: change.version.description,
  });
}
