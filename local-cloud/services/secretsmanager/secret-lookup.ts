import { randomInt } from 'node:crypto';
import type { RequestContext } from '../../service.ts';
import { Constraints } from '../ssm/constraints.ts';
import { secretNotFound } from './errors.ts';
import type { SecretRecord, SecretsState } from './store.ts';

const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A secret's ARN ends in a hyphen and six random characters, so a recreated name gets a new ARN. */
export function newSecretArn(ctx: RequestContext, name: string): string {
  const suffix = Array.from({ length: 6 }, () => SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)]).join('');
  return `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${name}-${suffix}`;
}

/** The caller's secrets, after purging those whose recovery window has run out. */
export function secretsOf(ctx: RequestContext): SecretsState {
  const state = ctx.cloud.services.secretsmanager.store.get(ctx.accountId, ctx.region);
  const now = ctx.cloud.clock.now();
  for (const [name, secret] of Object.entries(state.secrets)) if (secret.deletionDate !== undefined && secret.deletionDate <= now) delete state.secrets[name];
  return state;
}

/** Finds a secret by name, full ARN, or partial ARN (the ARN without its random suffix). */
export function findSecret(state: SecretsState, secretId: string): SecretRecord | undefined {
  const byName = state.secrets[secretId];
  if (byName) return byName;
  for (const secret of Object.values(state.secrets)) {
    if (secret.arn === secretId || secret.arn.slice(0, -7) === secretId) return secret;
  }
  return undefined;
}

export function requireSecret(ctx: RequestContext, secretId: string | undefined): SecretRecord {
  new Constraints().required(secretId, 'secretId').length(secretId, 'secretId', 1, 2048).check();
  const secret = findSecret(secretsOf(ctx), secretId as string);
  if (!secret) throw secretNotFound();
  return secret;
}

/** AWS reports LastAccessedDate to the day: midnight UTC of the day of the last read. */
export const dayOf = (ms: number) => ms - (ms % 86_400_000);
