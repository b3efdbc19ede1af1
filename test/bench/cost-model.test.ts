import { describe, expect, it } from 'vitest';
import { addUsage, costOf, NO_USAGE, scaleUsage } from '../../bench/cost-model.ts';
import { PRICES } from '../../bench/prices.ts';

describe('Bench: cost model', () => {
  it('prices each billed item at its list price', () => {
    // Prepare
    const usage = { ...NO_USAGE, transitions: 1000, lambdaRequests: 1_000_000, lambdaGbSeconds: 100_000, snsPublishes: 2_000_000 };
    // Act
    const cost = costOf(usage);
    // Assess
    const usd = Object.fromEntries(cost.lines.map((line) => [line.item, line.usd]));
    expect(usd['Step Functions state transitions']).toBeCloseTo(0.025, 10);
    expect(usd['Lambda requests']).toBeCloseTo(0.2, 10);
    expect(usd['Lambda compute']).toBeCloseTo(1.33334, 10);
    expect(usd['SNS publishes']).toBeCloseTo(1, 10);
    expect(cost.totalUsd).toBeCloseTo(0.025 + 0.2 + 1.33334 + 1, 10);
  });

  it('charges nothing for free API calls and standard-tier parameters', () => {
    // Prepare
    const usage = { ...NO_USAGE, freeCalls: 5_000, parameterStoreCalls: 5_000 };
    // Act
    const cost = costOf(usage);
    // Assess
    expect(cost.totalUsd).toBe(0);
    expect(cost.lines.some((line) => line.item.startsWith('Parameter Store'))).toBe(false);
  });

  it('prices Parameter Store calls when parameters are advanced', () => {
    // Prepare
    const usage = { ...NO_USAGE, parameterStoreCalls: 20_000 };
    // Act
    const cost = costOf(usage, { parameterTier: 'advanced' });
    // Assess
    expect(cost.totalUsd).toBeCloseTo(20_000 * PRICES.ssmAdvancedApiInteraction.usd, 12);
    expect(cost.totalUsd).toBeCloseTo(0.1, 12);
  });

  it('prices DynamoDB reads below writes, per request unit', () => {
    // Prepare
    const usage = { ...NO_USAGE, dynamoDbReads: 1_000_000, dynamoDbWrites: 1_000_000 };
    // Act
    const lines = costOf(usage).lines.filter((line) => line.item.startsWith('DynamoDB'));
    // Assess
    expect(lines.map((line) => line.usd)).toEqual([0.625, 0.125]);
  });

  it('adds and scales usage field by field', () => {
    // Prepare
    const a = { ...NO_USAGE, transitions: 10, customEvents: 1 };
    const b = { ...NO_USAGE, transitions: 30, lambdaRequests: 4 };
    // Act
    const total = addUsage(a, b);
    const half = scaleUsage(total, 0.5);
    // Assess
    expect(total).toMatchObject({ transitions: 40, customEvents: 1, lambdaRequests: 4 });
    expect(half).toMatchObject({ transitions: 20, customEvents: 0.5, lambdaRequests: 2 });
  });
});
