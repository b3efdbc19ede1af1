import { describe, expect, it } from 'vitest';
import type { StudyRun } from '../../bench/release-study.ts';
import { medianRun } from '../../bench/suites/cost-section.ts';

const run = (totalUsd: number) => ({ cost: { totalUsd, lines: [] } }) as unknown as StudyRun;

describe('Bench: cost section', () => {
  it('picks the run of median cost, the lower middle one for an even count', () => {
    // Prepare
    const odd = [run(3), run(1), run(2)];
    const even = [run(4), run(1), run(3), run(2)];
    // Act
    const picked = [medianRun(odd), medianRun(even)];
    // Assess
    expect(picked.map((r) => r.cost.totalUsd)).toEqual([2, 2]);
  });
});
