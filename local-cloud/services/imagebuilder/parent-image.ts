import type { DescribeImagesCommandOutput, Image as Ec2Image } from '@aws-sdk/client-ec2';
import type { GetParameterCommandOutput } from '@aws-sdk/client-ssm';
import { parseArn } from './arns.ts';
import { findImage, type Scope } from './lookup.ts';

export interface ResolvedParent {
  imageId?: string;
  architecture?: 'x86_64' | 'arm64';
  osVersion?: string;
  /** Why the build cannot start from this parent: the build fails with this reason. */
  failure?: string;
}

/** AMI name patterns of the Amazon-managed Image Builder images, to find them among EC2's public images. */
const AMAZON_IMAGES: Array<{ prefix: string; amiName: string; osVersion: string }> = [
  { prefix: 'amazon-linux-2023-x86', amiName: 'al2023-ami-2023.*-x86_64', osVersion: 'Amazon Linux 2023' },
  { prefix: 'amazon-linux-2023-arm64', amiName: 'al2023-ami-2023.*-arm64', osVersion: 'Amazon Linux 2023' },
  { prefix: 'amazon-linux-2-x86', amiName: 'amzn2-ami-hvm-*-x86_64-gp2', osVersion: 'Amazon Linux 2' },
  { prefix: 'amazon-linux-2-arm64', amiName: 'amzn2-ami-hvm-*-arm64-gp2', osVersion: 'Amazon Linux 2' },
  { prefix: 'windows-server-2022', amiName: 'Windows_Server-2022-English-Full-Base-*', osVersion: 'Microsoft Windows Server 2022' },
];

/**
 * Resolves a recipe's parent image when a build starts, as Image Builder does: an `ssm:` parameter is
 * read then, an AMI must exist and be visible to the account, and an Image Builder image gives the AMI
 * it distributed to the build's region.
 */
export async function resolveParentImage(scope: Scope, parentImage: string): Promise<ResolvedParent> {
  const where = { accountId: scope.accountId, region: scope.region };
  let amiId = parentImage;
  if (parentImage.startsWith('ssm:')) {
    const name = parentImage.slice('ssm:'.length);
    try {
      const output = await scope.cloud.invoke<GetParameterCommandOutput>('ssm', 'GetParameter', { Name: name }, where, 'imagebuilder');
      amiId = output.Parameter?.Value ?? '';
    } catch (error) {
      return { failure: `Image Builder could not read the parent image parameter '${name}': ${messageOf(error)}` };
    }
  } else if (parentImage.startsWith('arn:')) {
    return resolveImageBuilderParent(scope, parentImage);
  }
  const image = await describeImage(scope, amiId);
  if ('failure' in image) return { failure: `The parent image '${amiId}' cannot be used: ${image.failure}` };
  return { imageId: image.ImageId, architecture: architectureOf(image.Architecture), osVersion: osVersionOf(image) };
}

async function resolveImageBuilderParent(scope: Scope, arn: string): Promise<ResolvedParent> {
  const parsed = parseArn(arn);
  if (parsed?.owner === 'aws') {
    const known = AMAZON_IMAGES.find((entry) => parsed.name.startsWith(entry.prefix));
    const architecture = /arm64|aarch64/.test(parsed.name) ? 'arm64' : 'x86_64';
    try {
      const output = await scope.cloud.invoke<DescribeImagesCommandOutput>(
        'ec2',
        'DescribeImages',
        { Owners: ['amazon'], Filters: [{ Name: 'name', Values: [known?.amiName ?? `${parsed.name}*`] }] },
        { accountId: scope.accountId, region: scope.region },
        'imagebuilder',
      );
      const newest = [...(output.Images ?? [])].sort((a, b) => String(b.CreationDate).localeCompare(String(a.CreationDate)))[0];
      if (newest) return { imageId: newest.ImageId, architecture: architectureOf(newest.Architecture) ?? architecture, osVersion: known?.osVersion };
    } catch {
      // Falls through: Amazon's managed images are not catalogued locally, so the build still runs.
    }
    return { architecture, osVersion: known?.osVersion };
  }
  const image = findImage(scope, arn);
  const source = image && (image.status === 'AVAILABLE' ? image : undefined);
  const ami = source?.amis.find((a) => a.region === scope.region && a.accountId === scope.accountId);
  if (!ami) return { failure: `The parent image '${arn}' has no available AMI in ${scope.region} for account ${scope.accountId}.` };
  return { imageId: ami.image, architecture: source?.parent.architecture, osVersion: source?.osVersion };
}

async function describeImage(scope: Scope, amiId: string): Promise<Ec2Image | { failure: string }> {
  try {
    const output = await scope.cloud.invoke<DescribeImagesCommandOutput>(
      'ec2',
      'DescribeImages',
      { ImageIds: [amiId] },
      { accountId: scope.accountId, region: scope.region },
      'imagebuilder',
    );
    const image = output.Images?.[0];
    if (!image) return { failure: 'the AMI does not exist or is not shared with the account.' };
    if (image.State && image.State !== 'available') return { failure: `the AMI is ${image.State}.` };
    return image;
  } catch (error) {
    return { failure: messageOf(error) };
  }
}

function architectureOf(value: string | undefined): 'x86_64' | 'arm64' | undefined {
  return value === 'arm64' || value === 'x86_64' ? value : undefined;
}

function osVersionOf(image: Ec2Image): string | undefined {
  const name = image.Name ?? '';
  if (/^al2023/.test(name)) return 'Amazon Linux 2023';
  if (/^amzn2/.test(name)) return 'Amazon Linux 2';
  if (/ubuntu/i.test(name)) return 'Ubuntu';
  if (image.Platform === 'Windows' || /windows/i.test(name)) return 'Microsoft Windows Server';
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
