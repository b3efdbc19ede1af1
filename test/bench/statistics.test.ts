import { describe, expect, it } from 'vitest';
import { linearFit, median, quantile, summarize } from '../../bench/statistics.ts';

describe('Bench: statistics', () => {
  it('returns the middle value, or the mean of the two middle values', () => {
    // Prepare
    const odd = [5, 1, 3];
    const even = [4, 1, 3, 2];
    // Act
    const results = [median(odd), median(even)];
    // Assess
    expect(results).toEqual([3, 2.5]);
  });

  it('interpolates quantiles between ranks', () => {
    // Prepare
    const values = [10, 20, 30, 40, 50];
    // Act
    const [p10, p90] = [quantile(values, 0.1), quantile(values, 0.9)];
    // Assess
    expect(p10).toBeCloseTo(14);
    expect(p90).toBeCloseTo(46);
  });

  it('throws on no values and on a quantile outside 0–1', () => {
    // Act & Assess
    expect(() => median([])).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(/0 ≤ q ≤ 1/);
  });

  it('summarizes runs with their spread', () => {
    // Act
    const summary = summarize([3, 1, 2]);
    // Assess
    expect(summary).toMatchObject({ runs: 3, median: 2, min: 1, max: 3 });
  });

  it('fits the line through points on a line exactly', () => {
    // Prepare
    const points = [1, 2, 4, 8].map((x) => [x, 0.5 + 0.25 * x] as const);
    // Act
    const fit = linearFit(points);
    // Assess
    expect(fit.slope).toBeCloseTo(0.25);
    expect(fit.intercept).toBeCloseTo(0.5);
  });

  it('refuses a line through a single x value', () => {
    // Act & Assess
    expect(() => linearFit([[1, 1]])).toThrow(RangeError);
    expect(() =>
      linearFit([
        [1, 1],
        [1, 2],
      ]),
    ).toThrow(/different x/);
  });
});
