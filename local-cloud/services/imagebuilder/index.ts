import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore, ServiceDefinition } from '../../service.ts';
import { ImageBuilds } from './image-builds.ts';
import { createComponent, deleteComponent, getComponent, listComponentBuildVersions, listComponents } from './operations/components.ts';
import {
  createDistributionConfiguration,
  deleteDistributionConfiguration,
  getDistributionConfiguration,
  listDistributionConfigurations,
  updateDistributionConfiguration,
} from './operations/distribution-configurations.ts';
import { createImagePipeline, deleteImagePipeline, getImagePipeline, listImagePipelines, updateImagePipeline } from './operations/image-pipelines.ts';
import { createImageRecipe, deleteImageRecipe, getImageRecipe, listImageRecipes } from './operations/image-recipes.ts';
import { listImageScanFindingAggregations, listImageScanFindings } from './operations/image-scan-findings.ts';
import {
  cancelImageCreation,
  deleteImage,
  getImage,
  listImageBuildVersions,
  listImagePipelineImages,
  listImages,
  startImagePipelineExecution,
} from './operations/images.ts';
import {
  createInfrastructureConfiguration,
  deleteInfrastructureConfiguration,
  getInfrastructureConfiguration,
  listInfrastructureConfigurations,
  updateInfrastructureConfiguration,
} from './operations/infrastructure-configurations.ts';
import { listTagsForResource, tagResource, untagResource } from './operations/tags.ts';
import { PipelineSchedules } from './pipeline-schedules.ts';
import { createImageBuilderStore, type ImageBuilderState } from './store.ts';

/**
 * EC2 Image Builder: components, recipes, infrastructure and distribution configurations, pipelines,
 * and image builds that run on the simulated clock, distribute AMIs through EC2 and emit AWS's events.
 */
export class ImageBuilderService {
  readonly definition: ServiceDefinition;
  readonly store: RegionalStore<ImageBuilderState>;
  readonly builds: ImageBuilds;
  readonly schedules: PipelineSchedules;

  constructor(cloud: CloudRuntime) {
    this.store = createImageBuilderStore();
    this.builds = new ImageBuilds(cloud, this.store);
    this.schedules = new PipelineSchedules(cloud, this.store, this.builds);
    this.definition = {
      signingName: 'imagebuilder',
      model: 'imagebuilder-2019-12-02',
      operations: {
        CreateComponent: createComponent,
        GetComponent: getComponent,
        ListComponents: listComponents,
        ListComponentBuildVersions: listComponentBuildVersions,
        DeleteComponent: deleteComponent,
        CreateImageRecipe: createImageRecipe,
        GetImageRecipe: getImageRecipe,
        ListImageRecipes: listImageRecipes,
        DeleteImageRecipe: deleteImageRecipe,
        CreateInfrastructureConfiguration: createInfrastructureConfiguration,
        GetInfrastructureConfiguration: getInfrastructureConfiguration,
        ListInfrastructureConfigurations: listInfrastructureConfigurations,
        UpdateInfrastructureConfiguration: updateInfrastructureConfiguration,
        DeleteInfrastructureConfiguration: deleteInfrastructureConfiguration,
        CreateDistributionConfiguration: createDistributionConfiguration,
        GetDistributionConfiguration: getDistributionConfiguration,
        ListDistributionConfigurations: listDistributionConfigurations,
        UpdateDistributionConfiguration: updateDistributionConfiguration,
        DeleteDistributionConfiguration: deleteDistributionConfiguration,
        CreateImagePipeline: createImagePipeline,
        GetImagePipeline: getImagePipeline,
        ListImagePipelines: listImagePipelines,
        UpdateImagePipeline: updateImagePipeline,
        DeleteImagePipeline: deleteImagePipeline,
        StartImagePipelineExecution: startImagePipelineExecution,
        GetImage: getImage,
        ListImages: listImages,
        ListImageBuildVersions: listImageBuildVersions,
        ListImagePipelineImages: listImagePipelineImages,
        ListImageScanFindings: listImageScanFindings,
        ListImageScanFindingAggregations: listImageScanFindingAggregations,
        CancelImageCreation: cancelImageCreation,
        DeleteImage: deleteImage,
        TagResource: tagResource,
        UntagResource: untagResource,
        ListTagsForResource: listTagsForResource,
      },
    };
  }

  /** Re-arms the builds in flight and the pipeline schedules, after the state was restored. */
  resume(): void {
    this.builds.resume();
    this.schedules.resume();
  }
}
