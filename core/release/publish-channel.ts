/**
 * publish-channel: points a channel parameter (`aws:ec2:image`) at the release's AMI in every region, then
 * reads it back. Parameter Store validates an `aws:ec2:image` value asynchronously, so the new version only
 * appears after a moment: the read-back waits for it, and fails clearly if another value shows up or none.
 */
import type { RegionalAmi } from './contracts.ts';
import { AmiNotAvailableError, ChannelVerificationError, InvalidReleaseRequestError } from './errors.ts';
import type { ImagesPort, ParameterPort } from './ports.ts';
import { Tags } from './resource-names.ts';

/** Waits between read-backs, in ms: about a minute in all, within the step's two-minute timeout. */
export const READ_BACK_DELAYS = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000];

export interface PublishChannelDeps {
  parameters: ParameterPort;
  images: ImagesPort;
  accountId: string;
  sleep: (ms: number) => Promise<void>;
  delays?: readonly number[];
}

export interface PublishedRegion {
  region: string;
  imageId: string;
  version: number;
  previousImageId?: string;
}

export async function publishChannel(
  input: { releaseId: string; pipeline: string; parameterName: string; amis: RegionalAmi[] },
  deps: PublishChannelDeps,
): Promise<{ parameterName: string; regions: PublishedRegion[] }> {
  // AMIs distributed to other accounts are theirs to publish.
  const own = input.amis.filter((ami) => ami.accountId === undefined || ami.accountId === deps.accountId);
  if (own.length === 0) throw new InvalidReleaseRequestError('amis', `has no AMI of account ${deps.accountId} to publish`);
  const regions = await Promise.all(own.map((ami) => publishOne(input, ami, deps)));
  return { parameterName: input.parameterName, regions };
}

async function publishOne(
  input: { releaseId: string; pipeline: string; parameterName: string },
  ami: RegionalAmi,
  deps: PublishChannelDeps,
): Promise<PublishedRegion> {
  const { region, imageId } = ami;
  const name = input.parameterName;
  const current = await deps.parameters.get(region, name);
  // Already published (a retried step): writing again would only add a version.
  if (current?.value === imageId) return { region, imageId, version: current.version };
  // Parameter Store checks an aws:ec2:image value only after the write, silently: find a bad AMI first.
  const image = await deps.images.image(region, imageId);
  if (image?.state !== 'available') throw new AmiNotAvailableError(imageId, region, image ? image.state : 'missing');
  const description = `Goldsmith: ${input.pipeline} ${imageId}, release ${input.releaseId}`.slice(0, 1024);
  const version = await putWhenFree(region, name, imageId, description, deps);
  const verified = await readBack(region, name, imageId, version, deps);
  if (!current) await deps.parameters.tag(region, name, { [Tags.managed]: 'true', [Tags.pipeline]: input.pipeline });
  return { region, imageId, version: verified, ...(current && { previousImageId: current.value }) };
}

/** PutParameter, waiting out an earlier put still being validated (TooManyUpdates), e.g. after a crashed attempt. */
async function putWhenFree(region: string, name: string, imageId: string, description: string, deps: PublishChannelDeps): Promise<number> {
  for (const delay of [...(deps.delays ?? READ_BACK_DELAYS), undefined]) {
    try {
      return await deps.parameters.putImageId(region, name, imageId, description);
    } catch (error) {
      if ((error as Error).name !== 'TooManyUpdates' || delay === undefined) throw error;
      await deps.sleep(delay);
      const now = await deps.parameters.get(region, name);
      if (now?.value === imageId) return now.version;
    }
  }
  throw new ChannelVerificationError(name, region, imageId, undefined);
}

async function readBack(region: string, name: string, imageId: string, version: number, deps: PublishChannelDeps): Promise<number> {
  let found: string | undefined;
  for (const delay of [0, ...(deps.delays ?? READ_BACK_DELAYS)]) {
    if (delay > 0) await deps.sleep(delay);
    const value = await deps.parameters.get(region, name);
    found = value?.value;
    if (value && value.version >= version) {
      if (value.value !== imageId) break;
      return value.version;
    }
  }
  throw new ChannelVerificationError(name, region, imageId, found);
}
