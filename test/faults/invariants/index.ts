import type { History } from '../history.ts';
import { amiInUseKept } from './ami-in-use-kept.ts';
import { approvalReported } from './approval-reported.ts';
import { badInputChangesNothing } from './bad-input-changes-nothing.ts';
import { channelsValidated } from './channels-validated.ts';
import { failedWaveRestores } from './failed-wave-restores.ts';
import type { Invariant } from './invariant.ts';
import { lockReleased } from './lock-released.ts';
import { noDuplicateEffects } from './no-duplicate-effects.ts';
import { nothingLeftRunning } from './nothing-left-running.ts';
import { notificationsOnce } from './notifications-once.ts';
import { oneReleaseAtATime } from './one-release-at-a-time.ts';
import { secretsNeverLeak } from './secrets-never-leak.ts';
import { terminalWithinBounds } from './terminal-within-bounds.ts';
import { testInstancesTerminated } from './test-instances-terminated.ts';

export type { Invariant } from './invariant.ts';

/** Every invariant, in DESIGN §5 order, then the extra ones. */
export const invariants: readonly Invariant[] = [
  channelsValidated,
  noDuplicateEffects,
  notificationsOnce,
  testInstancesTerminated,
  failedWaveRestores,
  terminalWithinBounds,
  oneReleaseAtATime,
  badInputChangesNothing,
  secretsNeverLeak,
  amiInUseKept,
  lockReleased,
  nothingLeftRunning,
  approvalReported,
];

export interface Violation {
  invariant: string;
  contract: string;
  message: string;
}

/** Runs every invariant; a checker that throws is itself reported, never hidden. */
export function checkHistory(history: History, list: readonly Invariant[] = invariants): Violation[] {
  return list.flatMap((invariant) => {
    try {
      return invariant.check(history).map((message) => ({ invariant: invariant.name, contract: invariant.contract, message }));
    } catch (error) {
      return [
        { invariant: invariant.name, contract: invariant.contract, message: `the checker failed: ${error instanceof Error ? error.stack : String(error)}` },
      ];
    }
  });
}
