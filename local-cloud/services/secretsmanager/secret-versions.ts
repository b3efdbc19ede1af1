import { randomUUID } from 'node:crypto';
import { Constraints } from '../ssm/constraints.ts';
import { invalidParameter, versionExists } from './errors.ts';
import type { SecretRecord, SecretVersionRecord } from './store.ts';

export interface SecretValue {
  secretString?: string;
  secretBinary?: Uint8Array;
}

/** Checks a secret value as AWS does: a string or a binary, never both, each at most 64 KiB. */
export function checkSecretValue(value: SecretValue, required: boolean): void {
  new Constraints()
    .length(value.secretString, 'secretString', 0, 65_536)
    .length(value.secretBinary ? Buffer.from(value.secretBinary).toString('base64') : undefined, 'secretBinary', 0, 87_384)
    .check();
  if (value.secretString !== undefined && value.secretBinary !== undefined)
    throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  if (required && value.secretString === undefined && value.secretBinary === undefined)
    throw invalidParameter('You must provide either SecretString or SecretBinary.');
}

export function checkClientRequestToken(token: string | undefined): void {
  new Constraints().length(token, 'clientRequestToken', 32, 64).check();
}

export const hasValue = (value: SecretValue) => value.secretString !== undefined || value.secretBinary !== undefined;

const sameValue = (version: SecretVersionRecord, value: SecretValue) =>
  version.secretString === value.secretString && version.secretBinary === (value.secretBinary ? Buffer.from(value.secretBinary).toString('base64') : undefined);

/**
 * Adds a version and moves its staging labels onto it. Moving AWSCURRENT makes the version that had it
 * AWSPREVIOUS. Repeating a request with the same ClientRequestToken and value changes nothing; the same
 * token with another value is refused, as AWS refuses to modify a version.
 */
export function addVersion(secret: SecretRecord, value: SecretValue, token: string | undefined, stages: string[], now: number): SecretVersionRecord {
  const versionId = token ?? randomUUID();
  const existing = secret.versions.find((v) => v.versionId === versionId);
  if (existing) {
    if (!sameValue(existing, value)) throw versionExists();
    return existing;
  }
  const version: SecretVersionRecord = {
    versionId,
    secretString: value.secretString,
    secretBinary: value.secretBinary ? Buffer.from(value.secretBinary).toString('base64') : undefined,
    stages: [],
    createdAt: now,
  };
  const previousCurrent = secret.versions.find((v) => v.stages.includes('AWSCURRENT'));
  for (const other of secret.versions) other.stages = other.stages.filter((stage) => !stages.includes(stage));
  if (stages.includes('AWSCURRENT') && previousCurrent) {
    for (const other of secret.versions) other.stages = other.stages.filter((stage) => stage !== 'AWSPREVIOUS');
    previousCurrent.stages.push('AWSPREVIOUS');
  }
  version.stages = [...stages];
  secret.versions.push(version);
  // Versions without a label are deprecated; AWS keeps about 100 of them.
  const deprecated = secret.versions.filter((v) => v.stages.length === 0);
  if (deprecated.length > 100) secret.versions = secret.versions.filter((v) => v !== deprecated[0]);
  secret.lastChangedAt = now;
  return version;
}
