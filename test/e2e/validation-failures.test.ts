import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionalAmi } from '../../core/release/contracts.ts';
import { type Fleet, startFleet } from './harness.ts';

// One fleet for all: none of these releases publishes or rolls anything out, so each starts from the same fleet.
let fleet: Fleet;
beforeAll(async () => {
  fleet = await startFleet();
});
afterAll(() => fleet.close());

/** Nothing reached the fleet: no channel was written and every launch template keeps its first version. */
async function assertFleetUntouched(f: Fleet): Promise<void> {
  for (const channel of ['/goldsmith/web-server/candidate', '/goldsmith/web-server/stable'])
    expect((await f.channel(channel)).current, channel).toBeUndefined();
  for (const name of ['web-staging', 'web-production']) expect((await f.launchTemplate(name)).latestVersion, name).toBe(1);
  for (const group of ['web-staging', 'web-production-a', 'web-production-b']) expect(await f.refreshes(group), group).toEqual([]);
}

/** Every AMI of the release is tagged rejected and deprecated. */
async function assertRejected(f: Fleet, amis: readonly RegionalAmi[]): Promise<void> {
  expect(amis.length).toBeGreaterThan(0);
  const home = amis.filter((a) => a.region === f.region).map((a) => a.imageId);
  const described = await f.clients.ec2.send(new DescribeImagesCommand({ ImageIds: home }));
  for (const image of described.Images ?? []) {
    expect(image.Tags, image.ImageId).toEqual(expect.arrayContaining([{ Key: 'goldsmith:status', Value: 'rejected' }]));
    expect(image.DeprecationTime, image.ImageId).toBeDefined();
  }
}

describe('Release: validation failures', () => {
  it('fails with BuildFailedError when the build fails, and changes nothing on the fleet', async () => {
    // Prepare
    fleet.setScenario({ builds: { 'acme-platform-web-server': { failAtComponent: 'acme-platform-install-nginx' } } });
    // Act
    const release = await fleet.release('web-server');
    // Assess
    expect(release.status).toBe('FAILED');
    expect(release.error).toBe('BuildFailedError');
    expect(release.cause).toContain('acme-platform-install-nginx');
    await assertFleetUntouched(fleet);
    const subjects = fleet.messages.filter((m) => m.channel === 'sns' && m.text.includes(release.name)).map((m) => m.subject);
    expect(subjects).toEqual([expect.stringMatching(/started/), expect.stringMatching(/failed/)]);
  });

  it('rejects an image whose findings exceed the thresholds, and never publishes it', async () => {
    // Prepare
    fleet.setScenario({ builds: { 'acme-platform-web-server': { findings: { CRITICAL: 1, HIGH: 3 } } } });
    // Act
    const { executionArn, releaseId } = await fleet.start('web-server');
    const release = await fleet.finish(executionArn);
    // Assess
    expect(release.status).toBe('FAILED');
    expect(release.error).toBe('ValidationGateError');
    await assertFleetUntouched(fleet);
    const images = await fleet.clients.ec2.send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'tag:goldsmith:pipeline', Values: ['web-server'] }] }),
    );
    await assertRejected(
      fleet,
      (images.Images ?? []).map((i) => ({ region: fleet.region, imageId: i.ImageId as string })),
    );
    expect(releaseId).toBe(release.name);
  });

  it('rejects an image whose smoke test fails, and still terminates the test instance', async () => {
    // Prepare
    fleet.setScenario({ commands: [{ commandContains: 'curl', status: 'Failed', output: 'curl: (7) connection refused' }] });
    // Act
    const release = await fleet.release('web-server');
    // Assess
    expect(release.status).toBe('FAILED');
    expect(release.error).toBe('SmokeTestFailedError');
    await assertFleetUntouched(fleet);
    // TerminateInstances was called: the instance shuts down, then is gone a little later.
    fleet.session.cloud.clock.advance(600_000);
    const instances = await fleet.instancesTagged('goldsmith:release', release.name);
    expect(instances.length).toBeGreaterThan(0);
    expect(instances.map((i) => i.State?.Name)).toEqual(instances.map(() => 'terminated'));
    const images = await fleet.clients.ec2.send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'tag:goldsmith:pipeline', Values: ['web-server'] }] }),
    );
    await assertRejected(
      fleet,
      (images.Images ?? []).map((i) => ({ region: fleet.region, imageId: i.ImageId as string })),
    );
  });
});
