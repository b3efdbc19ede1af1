/**
 * DESIGN §5.7: bad input (a malformed event, an unknown pipeline, an invalid config, a component document that
 * fails its schema) gets a clear error that names the field, and changes nothing.
 */
import type { Invariant } from './invariant.ts';

export const badInputChangesNothing: Invariant = {
  name: 'bad-input-changes-nothing',
  contract: 'DESIGN §5.7',
  check(history) {
    const problems: string[] = [];
    for (const probe of history.probes) {
      const what = `${probe.target} given ${probe.description}`;
      if (probe.error === undefined) {
        if (!probe.ignorable) problems.push(`${what} was accepted`);
      } else
        for (const field of probe.expectFields)
          if (!probe.error.includes(field)) problems.push(`${what} answered an error that does not name '${field}': ${probe.error.slice(0, 300)}`);
      if (probe.stateBefore !== probe.stateAfter) problems.push(`${what} changed state: ${stateDifference(probe.stateBefore, probe.stateAfter)}`);
    }
    return problems;
  },
};

/** The first line that differs, so a report says what changed. */
function stateDifference(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return `'${(a[i] ?? '').slice(0, 160)}' became '${(b[i] ?? '').slice(0, 160)}'`;
  return 'the states differ';
}
