import { createHash } from 'node:crypto';

/** A stage names one deployment of the app: `local`, `dev`, `prod`. */
export const STAGE = /^[a-z][a-z0-9-]{0,15}$/;

export class InvalidStageError extends Error {
  constructor(stage: string) {
    super(`Stage '${stage}' is not valid: use 1–16 lowercase letters, digits and hyphens, starting with a letter (e.g. 'local', 'prod').`);
    this.name = 'InvalidStageError';
  }
}

/** AWS's name length limits for the names Goldsmith chooses. */
export const NAME_LIMITS = {
  function: 64,
  stateMachine: 80,
  rule: 64,
  schedule: 64,
  topic: 256,
  table: 255,
  queue: 80,
  role: 64,
  instanceProfile: 128,
} as const;

/**
 * `<prefix>-<suffix>`, cut to `max` characters. A cut name ends in 8 hex digits of the full name's hash,
 * so two long names that share a beginning still differ.
 */
export function boundedName(prefix: string, suffix: string, max: number): string {
  const full = `${prefix}-${suffix}`;
  if (full.length <= max) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, max - 9).replace(/-+$/, '')}-${hash}`;
}
