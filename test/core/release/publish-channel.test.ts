import { describe, expect, it } from 'vitest';
import { AmiNotAvailableError, ChannelVerificationError } from '../../../core/release/errors.ts';
import { publishChannel, VERIFY_READS, verifyChannel } from '../../../core/release/publish-channel.ts';
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

/** A put that failed because an earlier one of the parameter is still being validated. */
function tooManyUpdates(): Error {
  const error = new Error('There are concurrent updates for the resource that you are trying to update.');
  error.name = 'TooManyUpdates';
  return error;
}

describe('Core: publish-channel', () => {
  it("writes this account's AMI in every region and returns without waiting for the new versions", async () => {
    // Prepare
    const { parameters, deps, slept } = setup();
    parameters.set('eu-central-1', NAME, 'ami-0999999999999999a', 4);
    parameters.settleAfterReads = 1;
    // Act
    const result = await publishChannel(input, deps);
    // Assess
    expect(result).toEqual({
      parameterName: NAME,
      regions: [
        { region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa', version: 5, previousImageId: 'ami-0999999999999999a', verified: false },
        { region: 'eu-west-1', imageId: 'ami-0bbbbbbbbbbbbbbbb', version: 1, verified: false },
      ],
      verified: false,
      reads: 0,
    });
    expect(parameters.puts.map((p) => p.region)).toEqual(['eu-central-1', 'eu-west-1']);
    expect(slept).toEqual([]);
    expect(parameters.tags.size).toBe(0);
  });

  it('writes nothing, and reports the channel verified, when it already points at the AMI (a retried step)', async () => {
    // Prepare
    const { parameters, deps } = setup();
    parameters.set('eu-central-1', NAME, 'ami-0aaaaaaaaaaaaaaaa', 2);
    parameters.set('eu-west-1', NAME, 'ami-0bbbbbbbbbbbbbbbb', 3);
    // Act
    const result = await publishChannel(input, deps);
    // Assess
    expect(parameters.puts).toEqual([]);
    expect(result.regions.map((r) => r.version)).toEqual([2, 3]);
    expect(result.verified).toBe(true);
  });

  it('waits out an earlier put still being validated (TooManyUpdates), and takes its version when it holds the AMI', async () => {
    // Prepare
    const { parameters, deps, slept } = setup();
    const put = parameters.putImageId.bind(parameters);
    let failures = 1;
    parameters.putImageId = async (region, name, imageId) => {
      if (failures-- > 0) {
        await put(region, name, imageId);
        throw tooManyUpdates();
      }
      return put(region, name, imageId);
    };
    // Act
    const result = await publishChannel({ ...input, amis: amis.slice(0, 1) }, deps);
    // Assess
    expect(slept).toEqual([1]);
    expect(parameters.puts).toHaveLength(1);
    expect(result.regions).toEqual([{ region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa', version: 1, verified: false }]);
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
});

describe('Core: verify-channel', () => {
  it('reports the channel unverified while the new version is not visible yet, counting the read-back', async () => {
    // Prepare
    const { parameters, deps } = setup();
    parameters.settleAfterReads = 1;
    const published = await publishChannel({ ...input, amis: amis.slice(0, 1) }, deps);
    // Act
    const result = await verifyChannel({ pipeline: 'web-server', ...published }, { parameters });
    // Assess
    expect(result).toMatchObject({ verified: false, reads: 1, regions: [{ region: 'eu-central-1', verified: false }] });
    expect(parameters.tags.size).toBe(0);
  });

  it('verifies every region once its version reads back, and tags only the parameters the publish created', async () => {
    // Prepare
    const { parameters, deps } = setup();
    parameters.set('eu-central-1', NAME, 'ami-0999999999999999a', 4);
    const published = await publishChannel(input, deps);
    // Act
    const result = await verifyChannel({ pipeline: 'web-server', ...published }, { parameters });
    // Assess
    expect(result).toEqual({
      parameterName: NAME,
      regions: [
        { region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa', version: 5, previousImageId: 'ami-0999999999999999a', verified: true },
        { region: 'eu-west-1', imageId: 'ami-0bbbbbbbbbbbbbbbb', version: 1, verified: true },
      ],
      verified: true,
      reads: 1,
    });
    expect([...parameters.tags.keys()]).toEqual([`eu-west-1:${NAME}`]);
    expect(parameters.tags.get(`eu-west-1:${NAME}`)).toEqual({ 'goldsmith:managed': 'true', 'goldsmith:pipeline': 'web-server' });
  });

  it('reads only the regions not verified yet', async () => {
    // Prepare
    const { parameters } = setup();
    const reads: string[] = [];
    const get = parameters.get.bind(parameters);
    parameters.get = async (region, name) => {
      reads.push(region);
      return get(region, name);
    };
    parameters.set('eu-west-1', NAME, 'ami-0bbbbbbbbbbbbbbbb', 2);
    const regions = [
      { region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa', version: 1, verified: true },
      { region: 'eu-west-1', imageId: 'ami-0bbbbbbbbbbbbbbbb', version: 2, previousImageId: 'ami-0999999999999999a', verified: false },
    ];
    // Act
    const result = await verifyChannel({ pipeline: 'web-server', parameterName: NAME, regions, reads: 3 }, { parameters });
    // Assess
    expect(reads).toEqual(['eu-west-1']);
    expect(result).toMatchObject({ verified: true, reads: 4 });
  });

  it('throws ChannelVerificationError when another value shows up at or after the version written', async () => {
    // Prepare
    const { parameters } = setup();
    parameters.set('eu-central-1', NAME, 'ami-0dddddddddddddddd', 6);
    const regions = [{ region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa', version: 5, previousImageId: 'ami-0999999999999999a', verified: false }];
    // Act
    const attempt = verifyChannel({ pipeline: 'web-server', parameterName: NAME, regions }, { parameters });
    // Assess
    await expect(attempt).rejects.toThrow(ChannelVerificationError);
    await expect(attempt).rejects.toThrow(/reads ami-0dddddddddddddddd instead of ami-0aaaaaaaaaaaaaaaa/);
  });

  it('throws ChannelVerificationError when the new version has not shown up by the last read-back', async () => {
    // Prepare
    const { parameters, deps } = setup();
    parameters.settleAfterReads = 1_000;
    const published = await publishChannel({ ...input, amis: amis.slice(0, 1) }, deps);
    // Act
    const early = await verifyChannel({ pipeline: 'web-server', ...published, reads: VERIFY_READS - 2 }, { parameters });
    const last = verifyChannel({ pipeline: 'web-server', ...published, reads: VERIFY_READS - 1 }, { parameters });
    // Assess
    expect(early.verified).toBe(false);
    await expect(last).rejects.toThrow(ChannelVerificationError);
    await expect(last).rejects.toThrow(/reads nothing instead of ami-0aaaaaaaaaaaaaaaa/);
  });
});
