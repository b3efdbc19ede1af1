import { describe, expect, it } from 'vitest';
import type { AmiView } from '../../../core/release/ports.ts';
import { planRetirement } from '../../../core/release/retention.ts';

const DAY = 86_400_000;
const NOW = 100 * DAY;
let counter = 0;
const ami = (build: number, overrides: Partial<AmiView> = {}): AmiView => ({
  imageId: `ami-${String(++counter).padStart(17, '0')}`,
  region: 'eu-central-1',
  creationDate: build * DAY,
  state: 'available',
  builderArn: `arn:aws:imagebuilder:eu-central-1:123456789012:image/acme-web/1.0.${build}/1`,
  snapshotIds: [`snap-${counter}`],
  tags: {},
  ...overrides,
});
const ids = (images: AmiView[]) => images.map((i) => i.imageId).sort();

describe('Core: retention', () => {
  it('keeps the last N builds in every region and deprecates older ones', () => {
    // Prepare
    const builds = [1, 2, 3, 4].flatMap((b) => [ami(b), ami(b, { region: 'eu-west-1' })]);
    // Act
    const plan = planRetirement(builds, { keep: 2, inUse: new Set(), now: NOW });
    // Assess
    expect(ids(plan.keep)).toEqual(ids(builds.slice(4)));
    expect(ids(plan.deprecate)).toEqual(ids(builds.slice(0, 4)));
    expect(plan.deregister).toEqual([]);
  });

  it('deregisters images deprecated by an earlier run, and waits for those deprecated in the future', () => {
    // Prepare
    const past = ami(1, { deprecationTime: NOW - DAY });
    const future = ami(2, { deprecationTime: NOW + DAY });
    const kept = ami(3);
    // Act
    const plan = planRetirement([past, future, kept], { keep: 1, inUse: new Set(), now: NOW });
    // Assess
    expect(plan.deregister).toEqual([past]);
    expect(plan.waiting).toEqual([future]);
    expect(plan.keep).toEqual([kept]);
  });

  it('keeps an old image that a channel, launch template or group still uses', () => {
    // Prepare
    const used = ami(1, { deprecationTime: NOW - DAY });
    const unused = ami(2);
    const newest = ami(3);
    // Act
    const plan = planRetirement([used, unused, newest], { keep: 1, inUse: new Set([used.imageId]), now: NOW });
    // Assess
    expect(ids(plan.keep)).toEqual(ids([used, newest]));
    expect(plan.deprecate).toEqual([unused]);
  });

  it('does not count rejected builds among the last N', () => {
    // Prepare
    const good = ami(1);
    const rejected = ami(2, { tags: { 'goldsmith:status': 'rejected' }, deprecationTime: NOW - DAY });
    // Act
    const plan = planRetirement([good, rejected], { keep: 1, inUse: new Set(), now: NOW });
    // Assess
    expect(plan.keep).toEqual([good]);
    expect(plan.deregister).toEqual([rejected]);
  });
});
