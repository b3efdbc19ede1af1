import { describe, expect, it } from 'vitest';
import { ValidationGateError } from '../../../core/release/errors.ts';
import { exceededThresholds, gateFindings } from '../../../core/release/findings-gate.ts';
import { FakeImageBuilder } from './fakes.ts';

const arn = 'arn:aws:imagebuilder:eu-central-1:123456789012:image/acme-web/1.0.7/1';

describe('Core: findings gate', () => {
  it('passes an image within every threshold, returning the counts', async () => {
    // Prepare
    const imageBuilder = new FakeImageBuilder();
    imageBuilder.findings.set(arn, { high: 2, medium: 9 });
    // Act
    const result = await gateFindings({ imageBuildVersionArn: arn, thresholds: { critical: 0, high: 2 } }, { imageBuilder });
    // Assess
    expect(result).toEqual({ counts: { high: 2, medium: 9 } });
  });

  it('throws ValidationGateError naming each severity over its threshold, most severe first', async () => {
    // Prepare
    const imageBuilder = new FakeImageBuilder();
    imageBuilder.findings.set(arn, { high: 3, critical: 1, low: 40 });
    // Act
    const gate = gateFindings({ imageBuildVersionArn: arn, thresholds: { high: 2, critical: 0 } }, { imageBuilder });
    // Assess
    await expect(gate).rejects.toThrow(ValidationGateError);
    await expect(gate).rejects.toThrow('has 1 critical finding (at most 0 allowed) and 3 high findings (at most 2 allowed)');
  });

  it('matches severities whatever their case, and ignores severities without a threshold', () => {
    // Act
    const exceeded = exceededThresholds({ CRITICAL: 2, LOW: 100 }, { critical: 1 });
    // Assess
    expect(exceeded).toEqual([{ severity: 'critical', count: 2, threshold: 1 }]);
  });
});
