import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseView } from '../../adapters/aws/release-console.ts';
import { type Fleet, startFleet } from './harness.ts';

describe('Release: a refresh fails in production', () => {
  let fleet: Fleet;
  let first: ReleaseView;
  let failed: ReleaseView;

  beforeAll(async () => {
    fleet = await startFleet({ groupSize: 2 });
    first = await fleet.release('web-server');
    fleet.setScenario({ refreshes: { 'web-production-a': { failAtPercentage: 50 } } });
    failed = await fleet.release('web-server', { force: true });
  }, 90_000);
  afterAll(() => fleet.close());

  it('fails the release with the refresh error', () => {
    // Assess
    expect(first.status).toBe('SUCCEEDED');
    expect(failed.status).toBe('FAILED');
    // The wave runs as a child execution: the release's Roll Out Wave task fails with it, and the cause names the refresh.
    expect(failed.error).toBe('States.TaskFailed');
    expect(failed.cause).toContain('RefreshFailedError');
  });

  it("keeps staging on the new image, and gives production's launch template its previous default back", async () => {
    // Act
    const staging = await fleet.launchTemplate('web-staging');
    const production = await fleet.launchTemplate('web-production');
    // Assess
    expect(staging.defaultVersion).toBe(3);
    expect(production.latestVersion).toBe(3);
    expect(production.defaultVersion).toBe(2);
    expect(production.defaultImageId).toBe(first.output?.image?.amis?.[0].imageId);
  });

  it('leaves stable on the last good image, while candidate moved', async () => {
    // Act
    const stable = await fleet.channel('/goldsmith/web-server/stable');
    const candidate = await fleet.channel('/goldsmith/web-server/candidate');
    // Assess
    expect(stable.current).toMatchObject({ value: first.output?.image?.amis?.[0].imageId, version: 1 });
    expect(candidate.current?.version).toBe(2);
    expect(candidate.current?.value).not.toBe(stable.current?.value);
  });

  it('puts the failed group back on the previous image', async () => {
    // Act
    const instances = await fleet.groupInstances('web-production-a');
    // Assess
    expect(instances.length).toBe(2);
    expect(new Set(instances.map((i) => i.imageId))).toEqual(new Set([first.output?.image?.amis?.[0].imageId]));
  });
});
