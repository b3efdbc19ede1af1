/** EC2 Image Builder, for the release: start a pipeline, read images, recipes and scan findings. */
import {
  GetImageCommand,
  GetImagePipelineCommand,
  GetImageRecipeCommand,
  GetInfrastructureConfigurationCommand,
  type Image,
  ImagebuilderClient,
  type ImagePipeline,
  ListImageScanFindingsCommand,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import type { RegionalAmi } from '../../core/release/contracts.ts';
import type { ComponentVersion, ImageBuilderPort, ImageView, PipelineRecipe } from '../../core/release/ports.ts';
import { regionOf } from '../../core/release/resource-names.ts';
import { type AdapterOptions, isAwsError, RegionalClients } from './regional-clients.ts';

const NOT_FOUND = 'ResourceNotFoundException';

/** `…:component/<name>/<version>/<build>` → name and version. */
function componentOf(arn: string): ComponentVersion {
  const [, name = arn, version = ''] = /:component\/([^/]+)\/([^/]+)/.exec(arn) ?? [];
  return { name, version };
}

/**
 * This account's AMIs first, the build's region first among them, then the other accounts' copies: validation launches the
 * test instance from the first, and an AMI distributed to another account cannot be launched from this one.
 */
export function validationFirst(amis: RegionalAmi[], imageBuildVersionArn: string): RegionalAmi[] {
  const [, , , home, account] = imageBuildVersionArn.split(':');
  const rank = (ami: RegionalAmi) => Number(ami.accountId === undefined || ami.accountId === account) * 2 + Number(ami.region === home);
  return [...amis].sort((a, b) => rank(b) - rank(a));
}

export class ImageBuilderAdapter implements ImageBuilderPort {
  private readonly clients: RegionalClients<ImagebuilderClient>;

  constructor(options: AdapterOptions) {
    this.clients = new RegionalClients((region) => new ImagebuilderClient({ region }), options.instrument);
  }

  /** Image Builder resources live in their ARN's region. */
  private client(arn: string): ImagebuilderClient {
    return this.clients.in(regionOf(arn));
  }

  async startPipeline(imagePipelineArn: string, clientToken: string): Promise<string> {
    const out = await this.client(imagePipelineArn).send(new StartImagePipelineExecutionCommand({ imagePipelineArn, clientToken }));
    return out.imageBuildVersionArn as string;
  }

  async getImage(imageBuildVersionArn: string): Promise<ImageView | undefined> {
    let image: Image | undefined;
    try {
      image = (await this.client(imageBuildVersionArn).send(new GetImageCommand({ imageBuildVersionArn }))).image;
    } catch (error) {
      if (isAwsError(error, NOT_FOUND)) return undefined;
      throw error;
    }
    if (!image) return undefined;
    const amis = validationFirst(
      (image.outputResources?.amis ?? [])
        .filter((ami) => ami.region && ami.image)
        .map((ami) => ({ region: ami.region as string, imageId: ami.image as string, ...(ami.accountId && { accountId: ami.accountId }) })),
      imageBuildVersionArn,
    );
    const dateCreated = image.dateCreated ? Date.parse(image.dateCreated) : Number.NaN;
    return {
      arn: image.arn ?? imageBuildVersionArn,
      status: image.state?.status ?? 'UNKNOWN',
      ...(image.state?.reason && { reason: image.state.reason }),
      ...(image.sourcePipelineArn && { pipelineArn: image.sourcePipelineArn }),
      ...(Number.isFinite(dateCreated) && { dateCreated }),
      amis,
    };
  }

  async getPipelineRecipe(imagePipelineArn: string): Promise<PipelineRecipe | undefined> {
    const client = this.client(imagePipelineArn);
    let pipeline: ImagePipeline | undefined;
    try {
      pipeline = (await client.send(new GetImagePipelineCommand({ imagePipelineArn }))).imagePipeline;
    } catch (error) {
      if (isAwsError(error, NOT_FOUND)) return undefined;
      throw error;
    }
    if (!pipeline?.imageRecipeArn) return undefined;
    const { imageRecipe } = await client.send(new GetImageRecipeCommand({ imageRecipeArn: pipeline.imageRecipeArn }));
    const infrastructure = pipeline.infrastructureConfigurationArn
      ? (await client.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: pipeline.infrastructureConfigurationArn })))
          .infrastructureConfiguration
      : undefined;
    return {
      imagePipelineArn,
      recipeArn: pipeline.imageRecipeArn,
      parentImage: imageRecipe?.parentImage ?? '',
      components: (imageRecipe?.components ?? []).flatMap((c) => (c.componentArn ? [componentOf(c.componentArn)] : [])),
      infrastructure: {
        ...(infrastructure?.instanceProfileName && { instanceProfileName: infrastructure.instanceProfileName }),
        ...(infrastructure?.subnetId && { subnetId: infrastructure.subnetId }),
        ...(infrastructure?.securityGroupIds?.length && { securityGroupIds: infrastructure.securityGroupIds }),
      },
    };
  }

  async scanFindingCounts(imageBuildVersionArn: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    let nextToken: string | undefined;
    do {
      const page = await this.client(imageBuildVersionArn).send(
        new ListImageScanFindingsCommand({ filters: [{ name: 'imageBuildVersionArn', values: [imageBuildVersionArn] }], nextToken }),
      );
      for (const finding of page.findings ?? []) {
        const severity = (finding.severity ?? 'untriaged').toLowerCase();
        counts[severity] = (counts[severity] ?? 0) + 1;
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return counts;
  }
}
