import { describe, expect, it } from 'vitest';
import { AmiNotAvailableError, ChannelVerificationError } from '../../../core/release/errors.ts';
import { publishChannel } from '../../../core/release/publish-channel.ts';
import { FakeImages, FakeParameters } from './fakes.ts';
import { ACCOUNT } from './release-fixture.ts';

const NAME = '/goldsmith/web-server/candidate';
const amis = [
  { region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa' },
  { region: 'eu-west-1', imageId: 'ami-0bbbbbbbbbbbbbbbb' },
  { region: 'eu-west-1', imageId: 'ami-0cccccccccccccccc', accountId: '210987654321' },
];
const input = { releaseId: 'r1', pipeline: 'web-server', parameterName: NAME, amis };

function setup() {
  const parameters = new FakeParameters();
  const images = new FakeImages();
  for (const { region, imageId } of amis) {
    images.images.set(imageId, { imageId, region, creationDate: 0, state: 'available', snapshotIds: [], tags: {} });
  }
  const slept: number[] = [];
  return { parameters, images, slept, deps: { parameters, images, accountId: ACCOUNT, sleep: async (ms: number) => void slept.push(ms), delays: [1, 2, 4] } };
}

describe('Core: publish-channel', () => {
  it("writes this account's AMI in every region and waits until it reads back", async () => {
    // Prepare
    const { parameters, deps, slept } = setup();
    parameters.set('eu-central-1', NAME, 'ami-0999999999999999a', 4);
    parameters.settleAfterReads = 1;
    // Act
    const result = await publishChannel(input, deps);
    // Assess
    expect(result.regions).toEqual([
      { region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa', version: 5, previousImageId: 'ami-0999999999999999a' },
      { region: 'eu-west-1', imageId: 'ami-0bbbbbbbbbbbbbbbb', version: 1 },
    ]);
    expect(parameters.puts.map((p) => p.region)).toEqual(['eu-central-1', 'eu-west-1']);
    expect(slept.length).toBeGreaterThan(0);
    expect(parameters.tags.get(`eu-west-1:${NAME}`)).toEqual({ 'goldsmith:managed': 'true', 'goldsmith:pipeline': 'web-server' });
  });

  it('writes nothing when the channel already points at the AMI (a retried step)', async () => {
    // Prepare
    const { parameters, deps } = setup();
    parameters.set('eu-central-1', NAME, 'ami-0aaaaaaaaaaaaaaaa', 2);
    parameters.set('eu-west-1', NAME, 'ami-0bbbbbbbbbbbbbbbb', 3);
    // Act
    const result = await publishChannel(input, deps);
    // Assess
    expect(parameters.puts).toEqual([]);
    expect(result.regions.map((r) => r.version)).toEqual([2, 3]);
  });

  it('throws AmiNotAvailableError, writing nothing, for an AMI that is not available in its region', async () => {
    // Prepare
    const { parameters, images, deps } = setup();
    images.images.set('ami-0aaaaaaaaaaaaaaaa', {
      imageId: 'ami-0aaaaaaaaaaaaaaaa',
      region: 'eu-central-1',
      creationDate: 0,
      state: 'pending',
      snapshotIds: [],
      tags: {},
    });
    // Act
    const attempt = publishChannel({ ...input, amis: amis.slice(0, 1) }, deps);
    // Assess
    await expect(attempt).rejects.toThrow(AmiNotAvailableError);
    expect(parameters.puts).toEqual([]);
  });

  it('throws ChannelVerificationError when the new version never shows up', async () => {
    // Prepare
    const { parameters, deps } = setup();
    parameters.settleAfterReads = 1_000;
    // Act
    const attempt = publishChannel({ ...input, amis: amis.slice(0, 1) }, deps);
    // Assess
    await expect(attempt).rejects.toThrow(ChannelVerificationError);
    await expect(attempt).rejects.toThrow(/reads nothing instead of ami-0aaaaaaaaaaaaaaaa/);
  });
});
