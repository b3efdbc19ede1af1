/**
 * publish-channel and verify-channel: point a channel parameter (`aws:ec2:image`) at the release's AMI in
 * every region, then read it back. Parameter Store validates an `aws:ec2:image` value asynchronously
 * (PutParameter returns before it is done, and a rejected value never shows up), so the publish step only
 * writes and the state machine waits between read-backs: a Wait state, not a sleeping function.
 */
import type { RegionalAmi } from './contracts.ts';
import { AmiNotAvailableError, ChannelVerificationError, InvalidReleaseRequestError } from './errors.ts';
import type { ImagesPort, ParameterPort } from './ports.ts';
import { Tags } from './resource-names.ts';

/**
 * Waits between PutParameter attempts, in ms, while an earlier put of the parameter is still being validated
 * (TooManyUpdates, e.g. after a crashed attempt): about a minute in all, within the step's two-minute timeout.
 */
export const PUT_RETRY_DELAYS = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000];

/** Read-backs before a channel counts as unverified; with the state machine's 5 s Wait, two minutes. */
export const VERIFY_READS = 24;

export interface PublishedRegion {
  region: string;
  imageId: string;
  /** The version written; once verified, the version read back. */
  version: number;
  previousImageId?: string;
  /** The version is visible with this AMI. */
  verified: boolean;
}

/** What the publish step wrote, and how far its read-back got; the verify step takes and returns it. */
export interface ChannelPublication {
  parameterName: string;
  regions: PublishedRegion[];
  /** Every region is verified. */
  verified: boolean;
  /** Read-backs so far. */
  reads: number;
}

export interface PublishChannelDeps {
  parameters: ParameterPort;
  images: ImagesPort;
  accountId: string;
  sleep: (ms: number) => Promise<void>;
  delays?: readonly number[];
}

export async function publishChannel(
  input: { releaseId: string; pipeline: string; parameterName: string; amis: RegionalAmi[] },
  deps: PublishChannelDeps,
): Promise<ChannelPublication> {
  // AMIs distributed to other accounts are theirs to publish.
  const own = input.amis.filter((ami) => ami.accountId === undefined || ami.accountId === deps.accountId);
  if (own.length === 0) throw new InvalidReleaseRequestError('amis', `has no AMI of account ${deps.accountId} to publish`);
  const regions = await Promise.all(own.map((ami) => publishOne(input, ami, deps)));
  return { parameterName: input.parameterName, regions, verified: regions.every((r) => r.verified), reads: 0 };
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
  if (current?.value === imageId) return { region, imageId, version: current.version, verified: true };
  // Parameter Store checks an aws:ec2:image value only after the write, silently: find a bad AMI first.
  const image = await deps.images.image(region, imageId);
  if (image?.state !== 'available') throw new AmiNotAvailableError(imageId, region, image ? image.state : 'missing');
  const description = `Goldsmith: ${input.pipeline} ${imageId}, release ${input.releaseId}`.slice(0, 1024);
  const version = await putWhenFree(region, name, imageId, description, deps);
  // No previousImageId means the put created the parameter: verify-channel tags it once it exists.
  return { region, imageId, version, verified: false, ...(current && { previousImageId: current.value }) };
}

/** PutParameter, waiting out an earlier put still being validated (TooManyUpdates), e.g. after a crashed attempt. */
async function putWhenFree(region: string, name: string, imageId: string, description: string, deps: PublishChannelDeps): Promise<number> {
  for (const delay of [...(deps.delays ?? PUT_RETRY_DELAYS), undefined]) {
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

/**
 * One read-back of every region not yet verified. Fails when another value shows up at or after the version
 * written, or when the version is still missing after VERIFY_READS read-backs (Parameter Store rejected it).
 */
export async function verifyChannel(
  input: { pipeline: string; parameterName: string; regions: PublishedRegion[]; reads?: number },
  deps: { parameters: ParameterPort },
): Promise<ChannelPublication> {
  const reads = (input.reads ?? 0) + 1;
  const checked: Array<{ published: PublishedRegion; found?: string }> = await Promise.all(
    input.regions.map((published) => (published.verified ? { published } : verifyOne(input, published, deps))),
  );
  const missing = checked.find((c) => !c.published.verified);
  if (missing && reads >= VERIFY_READS) {
    throw new ChannelVerificationError(input.parameterName, missing.published.region, missing.published.imageId, missing.found);
  }
  const regions = checked.map((c) => c.published);
  return { parameterName: input.parameterName, regions, verified: !missing, reads };
}

async function verifyOne(
  input: { pipeline: string; parameterName: string },
  published: PublishedRegion,
  deps: { parameters: ParameterPort },
): Promise<{ published: PublishedRegion; found?: string }> {
  const { region, imageId } = published;
  const value = await deps.parameters.get(region, input.parameterName);
  if (!value || value.version < published.version) return { published, found: value?.value };
  if (value.value !== imageId) throw new ChannelVerificationError(input.parameterName, region, imageId, value.value);
  // Tags need the parameter to exist, which a created one only does once validated.
  if (published.previousImageId === undefined) {
    await deps.parameters.tag(region, input.parameterName, { [Tags.managed]: 'true', [Tags.pipeline]: input.pipeline });
  }
  return { published: { ...published, version: value.version, verified: true } };
}
