import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore } from '../../service.ts';
import { type ParameterRecord, PUBLIC_ACCOUNT, type SsmState } from './store.ts';

/** Amazon's account, which owns the Amazon Linux AMIs. */
export const AMAZON_OWNER_ID = '137112412989';

const PREFIX = '/aws/service/ami-amazon-linux-latest/';

type Architecture = 'x86_64' | 'arm64';

/** The public parameters the local cloud serves, and the architecture of the AMI each points at. */
export const PUBLIC_IMAGE_PARAMETERS: ReadonlyArray<{ name: string; architecture: Architecture }> = [
  { name: `${PREFIX}al2023-ami-kernel-default-x86_64`, architecture: 'x86_64' },
  { name: `${PREFIX}al2023-ami-kernel-6.1-x86_64`, architecture: 'x86_64' },
  { name: `${PREFIX}al2023-ami-kernel-default-arm64`, architecture: 'arm64' },
  { name: `${PREFIX}al2023-ami-kernel-6.1-arm64`, architecture: 'arm64' },
];

// Parameter Store keeps the last 100 versions of a public parameter too.
const MAX_VERSIONS = 100;

export interface PublishedPublicImage {
  /** The new AMI per architecture. */
  imageIds: Partial<Record<Architecture, string>>;
  /** Each public parameter moved, with its new value and version. */
  parameters: Array<{ name: string; value: string; version: number }>;
}

/**
 * Seeds Amazon's public parameters for a region on first read: each Amazon Linux 2023 parameter points at
 * an Amazon-owned public AMI registered in EC2. The seeding happens once per region.
 */
export function ensurePublicParameters(cloud: CloudRuntime, store: RegionalStore<SsmState>, region: string): SsmState {
  const state = store.get(PUBLIC_ACCOUNT, region);
  if (!state.publicSeeded) {
    release(cloud, state, region, PUBLIC_IMAGE_PARAMETERS);
    state.publicSeeded = true;
  }
  return state;
}

/**
 * Releases a newer Amazon Linux 2023 image and moves the public parameter(s) to it, as Amazon does when it
 * publishes a new AMI: all of them, or only `name` (and the image for its architecture).
 */
export function publishPublicImage(cloud: CloudRuntime, store: RegionalStore<SsmState>, region: string, name?: string): PublishedPublicImage {
  const state = ensurePublicParameters(cloud, store, region);
  const targets = name ? PUBLIC_IMAGE_PARAMETERS.filter((p) => p.name === name) : PUBLIC_IMAGE_PARAMETERS;
  if (targets.length === 0)
    throw new RangeError(`No public parameter ${name}. The local cloud publishes: ${PUBLIC_IMAGE_PARAMETERS.map((p) => p.name).join(', ')}.`);
  return release(cloud, state, region, targets);
}

function release(
  cloud: CloudRuntime,
  state: SsmState,
  region: string,
  targets: ReadonlyArray<{ name: string; architecture: Architecture }>,
): PublishedPublicImage {
  const now = cloud.clock.now();
  const number = (state.publicReleases ?? 0) + 1;
  state.publicReleases = number;
  const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '');
  const releaseVersion = `2023.8.${day}.${number}`;
  const published: PublishedPublicImage = { imageIds: {}, parameters: [] };
  for (const architecture of new Set(targets.map((t) => t.architecture))) {
    const { imageId } = cloud.services.ec2.registerImage(AMAZON_OWNER_ID, region, {
      name: `al2023-ami-${releaseVersion}-kernel-6.1-${architecture}`,
      description: `Amazon Linux 2023 AMI ${releaseVersion} ${architecture} HVM kernel-6.1`,
      architecture,
      volumeSizeGiB: 8,
      ownerAlias: 'amazon',
      ownerId: AMAZON_OWNER_ID,
      public: true,
    });
    published.imageIds[architecture] = imageId;
  }
  for (const target of targets) {
    const value = published.imageIds[target.architecture] as string;
    const record: ParameterRecord = state.parameters[target.name] ?? { name: target.name, versions: [], tags: {} };
    state.parameters[target.name] = record;
    const version = (record.versions.at(-1)?.version ?? 0) + 1;
    record.versions.push({
      version,
      type: 'String',
      value,
      dataType: 'text',
      tier: 'Standard',
      labels: [],
      lastModifiedDate: now,
      lastModifiedUser: 'Amazon',
    });
    if (record.versions.length > MAX_VERSIONS) record.versions.shift();
    published.parameters.push({ name: target.name, value, version });
  }
  return published;
}
