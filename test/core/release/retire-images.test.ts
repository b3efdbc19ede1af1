import { describe, expect, it } from 'vitest';
import { retireImages } from '../../../core/release/retire-images.ts';
import { FakeAutoScaling, FakeImages, FakeParameters, FakeTemplates } from './fakes.ts';
import { ACCOUNT, HOME, pipelineInput, releaseConfigOf } from './release-fixture.ts';

const DAY = 86_400_000;
const NOW = 50 * DAY;
const prefix = `arn:aws:imagebuilder:${HOME}:${ACCOUNT}:image/acme-platform-web-server/`;

function setup() {
  const deps = {
    config: releaseConfigOf([pipelineInput({ retention: { keep: 1 } })]),
    accountId: ACCOUNT,
    images: new FakeImages(),
    parameters: new FakeParameters(),
    templates: new FakeTemplates(),
    autoScaling: new FakeAutoScaling(),
  };
  for (let build = 1; build <= 5; build++) {
    for (const region of [HOME, 'eu-west-1']) {
      const imageId = `ami-0${region === HOME ? 'a' : 'b'}${String(build).padStart(15, '0')}`;
      deps.images.images.set(imageId, {
        imageId,
        region,
        creationDate: build * DAY,
        state: 'available',
        builderArn: `${prefix}1.0.${build}/1`,
        snapshotIds: [`snap-${imageId}`],
        tags: {},
        ...(build === 1 && { deprecationTime: NOW - DAY }),
      });
    }
  }
  return deps;
}

describe('Core: retire-images', () => {
  it('keeps the newest build and everything in use, deprecates the rest, and deregisters what was deprecated', async () => {
    // Prepare
    const deps = setup();
    deps.parameters.set(HOME, '/goldsmith/web-server/candidate', 'ami-0a000000000000004');
    deps.templates.add(HOME, 'web-staging', ['ami-0a000000000000003']);
    const production = deps.templates.add(HOME, 'web-production', ['ami-0a000000000000002', 'ami-0a000000000000005'], 2);
    deps.autoScaling.groups = [{ autoScalingGroupName: 'web-production-a', launchTemplateId: production, version: '1' }];
    // Act
    const result = await retireImages({ releaseId: 'r5', pipeline: 'web-server' }, NOW, deps);
    // Assess
    expect(result.deregistered.map((a) => a.imageId).sort()).toEqual(['ami-0a000000000000001', 'ami-0b000000000000001']);
    expect(deps.images.deletedSnapshots.sort()).toEqual(['snap-ami-0a000000000000001', 'snap-ami-0b000000000000001']);
    expect(result.deprecated.map((a) => a.imageId).sort()).toEqual(['ami-0b000000000000002', 'ami-0b000000000000003', 'ami-0b000000000000004']);
    expect(result.kept).toBe(5);
  });
});
