/**
 * The fault suite in `npm test`: a fixed set of generated seeds, each run on the local cloud and checked against
 * every invariant (regressions.test.ts runs the hand-written scenarios). `npm run faults` runs many more.
 */
import { describe, expect, it } from 'vitest';
import { generateScenario } from './generator.ts';
import { formatFailure } from './report.ts';
import { checkScenario } from './scenario-check.ts';

/** Seeds that together cover chained pipelines, approvals, failed waves, crashes and every event fault. */
const FIXED_SEEDS = [9, 13, 22, 24, 28, 33];
const SCENARIO_TIMEOUT_MS = 240_000;

describe('Fault suite: fixed seeds', () => {
  for (const seed of FIXED_SEEDS) {
    it(
      `keeps every contract under seed ${seed}`,
      async () => {
        // Prepare
        const scenario = generateScenario(seed);

        // Act
        const { violations } = await checkScenario(scenario);

        // Assess
        expect(violations, formatFailure(scenario, violations)).toEqual([]);
      },
      SCENARIO_TIMEOUT_MS,
    );
  }
});
