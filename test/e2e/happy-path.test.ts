import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseView } from '../../adapters/aws/release-console.ts';
import { type Fleet, startFleet } from './harness.ts';

describe('Release: happy path', () => {
  let fleet: Fleet;
  let release: ReleaseView;

  beforeAll(async () => {
    fleet = await startFleet();
    release = await fleet.release('web-server');
  });
  afterAll(() => fleet.close());

  it('succeeds with an AMI in every distribution region', () => {
    // Assess
    expect(release.status).toBe('SUCCEEDED');
    expect(release.output?.image?.amis?.map((a) => a.region)).toEqual(['eu-central-1', 'eu-west-1']);
  });

  it('points candidate and stable at the new AMI in every region', async () => {
    // Act
    const amis = release.output?.image?.amis ?? [];
    // Assess
    for (const { region, imageId } of amis) {
      for (const channel of ['/goldsmith/web-server/candidate', '/goldsmith/web-server/stable']) {
        const state = await fleet.channel(channel, region);
        expect(state.current, `${channel} in ${region}`).toMatchObject({ value: imageId, version: 1 });
      }
    }
  });

  it('gives each launch template a new default version with the literal AMI id, and refreshes every group to it', async () => {
    // Prepare
    const home = release.output?.image?.amis?.find((a) => a.region === fleet.region)?.imageId;
    // Act
    const templates = await Promise.all(['web-staging', 'web-production'].map((name) => fleet.launchTemplate(name)));
    // Assess
    for (const template of templates) expect(template).toEqual({ defaultVersion: 2, latestVersion: 2, defaultImageId: home });
    for (const group of ['web-staging', 'web-production-a', 'web-production-b']) {
      const refreshes = await fleet.refreshes(group);
      expect(refreshes, group).toHaveLength(1);
      expect(refreshes[0]).toMatchObject({ Status: 'Successful' });
      expect(refreshes[0].DesiredConfiguration?.LaunchTemplate?.Version).toBe('2');
      expect((await fleet.groupInstances(group)).map((i) => i.imageId)).toEqual([home]);
    }
  });

  it('terminates the smoke test instance', async () => {
    // Act
    const instances = await fleet.instancesTagged('goldsmith:release', release.name);
    // Assess
    expect(instances.length).toBeGreaterThan(0);
    expect(instances.map((i) => i.State?.Name)).toEqual(instances.map(() => 'terminated'));
  });

  it('tells SNS once at the start and once at the end', () => {
    // Act
    const subjects = fleet.messages.filter((m) => m.channel === 'sns' && m.text.includes(release.name)).map((m) => m.subject);
    // Assess
    expect(subjects).toEqual([expect.stringMatching(/started/), expect.stringMatching(/released/)]);
  });

  it('tags the AMI with its pipeline and keeps it encrypted', async () => {
    // Prepare
    const home = release.output?.image?.amis?.find((a) => a.region === fleet.region)?.imageId as string;
    // Act
    const described = await fleet.clients.ec2.send(new DescribeImagesCommand({ ImageIds: [home] }));
    // Assess
    const image = described.Images?.[0];
    expect(image?.Tags).toEqual(expect.arrayContaining([{ Key: 'goldsmith:pipeline', Value: 'web-server' }]));
    expect(image?.BlockDeviceMappings?.[0]?.Ebs?.Encrypted).toBe(true);
  });
});
