import { describe, expect, it } from 'vitest';
import { decideBuild, describeChanges, fingerprintOf } from '../../../core/release/change-detection.ts';
import type { SuccessRecord } from '../../../core/release/ports.ts';

const inputs = {
  parentImageId: 'ami-0aaaaaaaaaaaaaaaa',
  recipeArn: 'arn:aws:imagebuilder:eu-central-1:123456789012:image-recipe/acme-web/1.0.7',
  components: [
    { name: 'acme-install-nginx', version: '1.0.3' },
    { name: 'acme-hardening', version: '1.0.1' },
  ],
};
const success = (overrides: Partial<SuccessRecord> = {}): SuccessRecord => ({
  pipeline: 'web',
  releaseId: 'web-2026-10-scheduled',
  succeededAt: 1,
  amis: [{ region: 'eu-central-1', imageId: 'ami-0bbbbbbbbbbbbbbbb' }],
  fingerprint: fingerprintOf(inputs),
  parentImageId: inputs.parentImageId,
  components: inputs.components,
  ...overrides,
});
const options = { skipWhenUnchanged: true, force: false };

describe('Core: skip when unchanged', () => {
  it('fingerprints the same inputs the same way, whatever the component order', () => {
    // Act
    const reordered = fingerprintOf({ ...inputs, components: [...inputs.components].reverse() });
    // Assess
    expect(reordered).toBe(fingerprintOf(inputs));
    expect(fingerprintOf({ ...inputs, parentImageId: 'ami-0cccccccccccccccc' })).not.toBe(fingerprintOf(inputs));
  });

  it('skips when neither the parent image nor a component changed since the last success', () => {
    // Act
    const decision = decideBuild('web', inputs, success(), options);
    // Assess
    expect(decision.action).toBe('skip');
    expect(decision.reason).toContain('web-2026-10-scheduled');
  });

  it('builds the first release of a pipeline', () => {
    // Act
    const decision = decideBuild('web', inputs, undefined, options);
    // Assess
    expect(decision).toMatchObject({ action: 'build', reason: expect.stringContaining('First release') });
  });

  it('builds when the parent image changed, saying from which AMI to which', () => {
    // Act
    const decision = decideBuild('web', { ...inputs, parentImageId: 'ami-0cccccccccccccccc' }, success(), options);
    // Assess
    expect(decision.action).toBe('build');
    expect(decision.reason).toContain('parent image ami-0aaaaaaaaaaaaaaaa → ami-0cccccccccccccccc');
  });

  it('builds when a component changed, naming it', () => {
    // Act
    const changed = { ...inputs, components: [{ name: 'acme-install-nginx', version: '1.0.4' }] };
    const decision = decideBuild('web', changed, success(), options);
    // Assess
    expect(decision.action).toBe('build');
    expect(describeChanges(changed, success())).toEqual(['component acme-install-nginx 1.0.3 → 1.0.4', 'component acme-hardening removed']);
  });

  it('builds unchanged inputs when forced or when skipWhenUnchanged is off', () => {
    // Act
    const forced = decideBuild('web', inputs, success(), { skipWhenUnchanged: true, force: true });
    const notSkipping = decideBuild('web', inputs, success(), { skipWhenUnchanged: false, force: false });
    // Assess
    expect(forced).toMatchObject({ action: 'build', reason: expect.stringContaining('Forced') });
    expect(notSkipping).toMatchObject({ action: 'build', reason: expect.stringContaining('skipWhenUnchanged is off') });
  });
});
