/**
 * The hand-written fault scenarios of regressions.ts, each run on the local cloud and checked against every
 * invariant and its own expectations. A scenario that shows a product bug not fixed yet is `it.fails`.
 */
import { describe, expect, it } from 'vitest';
import { regressions } from './regressions.ts';
import { formatFailure } from './report.ts';
import { checkScenario } from './scenario-check.ts';

const SCENARIO_TIMEOUT_MS = 240_000;

describe('Fault suite: regressions', () => {
  for (const regression of regressions) {
    const test = regression.knownBug ? it.fails : it;
    test(
      `keeps every contract in '${regression.scenario.name}': ${regression.why}`,
      async () => {
        // Act
        const { violations, history } = await checkScenario(regression.scenario);

        // Assess
        expect(violations, formatFailure(regression.scenario, violations)).toEqual([]);
        expect(regression.expect?.(history) ?? []).toEqual([]);
      },
      SCENARIO_TIMEOUT_MS,
    );
  }
});
