/**
 * DESIGN §1.8 and §5.2: every notification is sent exactly once per release and outcome. No release, outcome
 * and channel is told twice; every release that ran to its end (and did not just join another) has exactly one
 * final SNS notification: succeeded, failed or skipped. (Slack is checked for duplicates only: on the local
 * cloud its webhook is the inbox, see RELIABILITY.md.)
 */
import { releaseExecutions } from '../history-queries.ts';
import { RELEASE_STATES } from '../release-states.ts';
import type { Invariant } from './invariant.ts';

const FINAL = new Set(['succeeded', 'failed', 'skipped']);

export const notificationsOnce: Invariant = {
  name: 'notifications-once',
  contract: 'DESIGN §1.8, §5.2',
  check(history) {
    const problems: string[] = [];
    const counts = new Map<string, number>();
    for (const n of history.notifications) {
      const key = `${n.channel} ${n.release ?? '?'} ${n.outcome ?? '?'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, count] of counts) if (count > 1) problems.push(`notification ${key} was sent ${count} times`);
    for (const release of releaseExecutions(history)) {
      if (release.status !== 'SUCCEEDED' && release.status !== 'FAILED') continue;
      if (release.states.some((s) => s.name === RELEASE_STATES.alreadyRunning)) continue;
      const finals = history.notifications.filter((n) => n.channel === 'sns' && n.release === release.name && FINAL.has(n.outcome ?? ''));
      if (finals.length === 0) problems.push(`release ${release.name} ${release.status} without a final SNS notification`);
      if (new Set(finals.map((n) => n.outcome)).size > 1) problems.push(`release ${release.name} was told ${finals.map((n) => n.outcome).join(' and ')}`);
    }
    return problems;
  },
};
