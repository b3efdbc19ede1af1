/**
 * Ids derived from what they identify, so that a retried or repeated step asks AWS for the same thing
 * and AWS's own idempotency (client tokens, execution names) turns the repeat into a no-op.
 */
import { createHash } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A short lowercase hex hash: enough to tell requests apart, short enough for a 80-character name. */
export function shortHash(text: string, length = 10): string {
  return sha256(text).slice(0, length);
}

/** A UUID-shaped token (36 characters, Image Builder's limit) for one purpose of one release. */
export function clientToken(releaseId: string, purpose = 'build'): string {
  const h = sha256(`${purpose}:${releaseId}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
