/**
 * DESIGN §5.8: secrets, such as the Slack webhook URL, never appear in logs, environment variables, state machine
 * payloads or notifications. (Git is checked by the repository's own secret scan, not here.)
 */
import type { Invariant } from './invariant.ts';

export const secretsNeverLeak: Invariant = {
  name: 'secrets-never-leak',
  contract: 'DESIGN §5.8',
  check(history) {
    const problems: string[] = [];
    for (const secret of history.secrets.filter((s) => s.length >= 8)) {
      // As written, and as it reads once escaped inside JSON or a URL.
      const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
      for (const surface of history.surfaces) {
        if ([...forms].some((form) => surface.text.includes(form))) problems.push(`a secret (${secret.slice(0, 12)}…) appears in ${surface.where}`);
      }
    }
    return problems;
  },
};
