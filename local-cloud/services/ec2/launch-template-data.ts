import type { RequestLaunchTemplateData, ValidationError } from '@aws-sdk/client-ec2';
import type { RequestContext } from '../../service.ts';
import { amiMalformed, amiNotFound, invalidParameterValue } from './errors.ts';
import { canUse, locateImage } from './image-access.ts';
import { isImageId } from './resource-ids.ts';
import { tagsByResourceType } from './tag-specifications.ts';

/** The resource types a launch template's TagSpecifications may tag. */
export const LAUNCH_TAGGABLE = ['instance', 'volume', 'network-interface', 'spot-instances-request', 'elastic-gpu'];

const SSM_ALIAS = /^resolve:ssm:(.+)$/;

export function checkEnum(name: string, value: string | undefined, allowed: string[]): void {
  if (value !== undefined && !allowed.includes(value))
    throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid. Valid values: ${allowed.join(', ')}.`);
}

/** Validates what EC2 refuses outright in launch parameters (a malformed AMI id, bad enum values, bad tags). */
export function checkLaunchData(data: RequestLaunchTemplateData): void {
  const imageId = data.ImageId;
  if (imageId !== undefined && !SSM_ALIAS.test(imageId) && !isImageId(imageId)) throw amiMalformed(imageId);
  const metadata = data.MetadataOptions;
  if (metadata) {
    checkEnum('httpTokens', metadata.HttpTokens, ['optional', 'required']);
    checkEnum('httpEndpoint', metadata.HttpEndpoint, ['enabled', 'disabled']);
    checkEnum('httpProtocolIpv6', metadata.HttpProtocolIpv6, ['enabled', 'disabled']);
    checkEnum('instanceMetadataTags', metadata.InstanceMetadataTags, ['enabled', 'disabled']);
    const hops = metadata.HttpPutResponseHopLimit;
    if (hops !== undefined && (!Number.isInteger(hops) || hops < 1 || hops > 64))
      throw invalidParameterValue(`Value (${hops}) for parameter httpPutResponseHopLimit is invalid. Valid values: 1 through 64.`);
  }
  if (data.IamInstanceProfile?.Arn && data.IamInstanceProfile.Name)
    throw invalidParameterValue('The launch template IAM instance profile must specify either an ARN or a name, not both.');
  tagsByResourceType(data.TagSpecifications, LAUNCH_TAGGABLE, { allowAwsPrefix: false });
}

/**
 * What EC2 warns about (but still saves) when a launch template names an AMI that does not exist:
 * launch templates are only fully checked at launch.
 */
export function launchDataWarnings(data: RequestLaunchTemplateData, ctx: RequestContext): ValidationError[] {
  const imageId = data.ImageId;
  if (!imageId || !isImageId(imageId)) return [];
  const found = locateImage(ctx, imageId);
  if (found && canUse(found.image, ctx.accountId)) return [];
  const error = amiNotFound([imageId]);
  return [{ Code: error.code, Message: error.message }];
}

/** Resolves `resolve:ssm:<parameter>` image ids through SSM, as EC2 does at launch (or when asked with ResolveAlias). */
export async function resolveImageAlias(imageId: string | undefined, ctx: RequestContext): Promise<string | undefined> {
  const alias = imageId ? SSM_ALIAS.exec(imageId) : null;
  if (!alias) return imageId;
  const output = await ctx.cloud.invoke<{ Parameter?: { Value?: string } }>(
    'ssm',
    'GetParameter',
    { Name: alias[1] },
    { accountId: ctx.accountId, region: ctx.region },
    'ec2',
  );
  return output.Parameter?.Value;
}
