import type { Image, ImageScanStatus, ImageStatus, ImageSummary, ImageVersion, OutputResources, Platform } from '@aws-sdk/client-imagebuilder';
import { versionArnOf } from './arns.ts';
import { iso } from './lookup.ts';
import { distributionView } from './operations/distribution-configurations.ts';
import { recipeView } from './operations/image-recipes.ts';
import { infrastructureView } from './operations/infrastructure-configurations.ts';
import type { ImageRecord } from './store.ts';

/** An image as GetImage answers it. */
export function imageView(image: ImageRecord, accountId: string): Image {
  return {
    arn: image.arn,
    type: 'AMI',
    name: image.name,
    version: image.version,
    platform: image.platform as Platform,
    enhancedImageMetadataEnabled: image.enhancedImageMetadataEnabled,
    osVersion: image.osVersion,
    state: { status: image.status as ImageStatus, reason: image.reason },
    imageRecipe: recipeView(image.recipe, accountId),
    sourcePipelineName: image.pipelineName,
    sourcePipelineArn: image.pipelineArn,
    infrastructureConfiguration: infrastructureView(image.infrastructure),
    distributionConfiguration: image.distribution && distributionView(image.distribution),
    imageTestsConfiguration: image.imageTestsConfiguration,
    dateCreated: iso(image.dateCreated),
    outputResources: outputResourcesOf(image),
    tags: image.tags,
    buildType: image.buildType,
    imageSource: 'CUSTOM',
    scanState: image.scan && { status: image.scan.status as ImageScanStatus, reason: image.scan.reason },
    imageScanningConfiguration: image.imageScanningConfiguration,
  };
}

export function imageSummaryView(image: ImageRecord, accountId: string): ImageSummary {
  return {
    arn: image.arn,
    name: image.name,
    type: 'AMI',
    version: image.version,
    platform: image.platform as Platform,
    osVersion: image.osVersion,
    state: { status: image.status as ImageStatus, reason: image.reason },
    owner: accountId,
    dateCreated: iso(image.dateCreated),
    outputResources: outputResourcesOf(image),
    tags: image.tags,
    buildType: image.buildType,
    imageSource: 'CUSTOM',
  };
}

/** One entry per image version, as ListImages answers. */
export function imageVersionView(image: ImageRecord, accountId: string): ImageVersion {
  return {
    arn: versionArnOf(image.arn),
    name: image.name,
    type: 'AMI',
    version: image.version,
    platform: image.platform as Platform,
    osVersion: image.osVersion,
    owner: accountId,
    dateCreated: iso(image.dateCreated),
    buildType: image.buildType,
    imageSource: 'CUSTOM',
  };
}

function outputResourcesOf(image: ImageRecord): OutputResources {
  // An AMI is still being copied while the image is distributing.
  const status: ImageStatus = image.status === 'DISTRIBUTING' ? 'PENDING' : 'AVAILABLE';
  return { amis: image.amis.map((ami) => ({ ...ami, state: { status } })) };
}
