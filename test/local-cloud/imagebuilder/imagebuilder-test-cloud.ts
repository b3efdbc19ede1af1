import {
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  type CreateDistributionConfigurationCommandInput,
  CreateImagePipelineCommand,
  type CreateImagePipelineCommandInput,
  CreateImageRecipeCommand,
  type CreateImageRecipeCommandInput,
  CreateInfrastructureConfigurationCommand,
  type CreateInfrastructureConfigurationCommandInput,
  ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { expect } from 'vitest';
import type { CloudEvent } from '../../../local-cloud/cloud.ts';
import type { LocalCloudOptions } from '../../../local-cloud/index.ts';
import { startTestCloud, type TestCloud } from '../harness.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
/** 45 minutes: Image Builder's default build duration in the local cloud. */
export const DEFAULT_BUILD_MS = 2_700_000;

export const buildDocument = (step = 'InstallNginx') =>
  `name: install\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: ${step}\n        action: ExecuteBash\n        inputs:\n          commands:\n            - dnf install -y nginx\n  - name: validate\n    steps:\n      - name: CheckNginx\n        action: ExecuteBash\n        inputs:\n          commands:\n            - nginx -v\n`;

export const testDocument = (step = 'CurlHome') =>
  `schemaVersion: 1.0\nphases:\n  - name: test\n    steps:\n      - name: ${step}\n        action: ExecuteBash\n        inputs:\n          commands:\n            - curl -f http://localhost/\n`;

export interface PipelineSetup {
  name: string;
  componentArns: string[];
  recipeArn: string;
  infrastructureArn: string;
  distributionArn?: string;
  pipelineArn: string;
  parentAmi: string;
}

export interface PipelineOptions {
  components?: Array<{ name: string; data: string }>;
  recipe?: Partial<CreateImageRecipeCommandInput>;
  infrastructure?: Partial<CreateInfrastructureConfigurationCommandInput>;
  /** `null` leaves the pipeline without a distribution configuration. */
  distribution?: Partial<CreateDistributionConfigurationCommandInput> | null;
  pipeline?: Partial<CreateImagePipelineCommandInput>;
}

export interface ImageBuilderTestCloud {
  cloud: TestCloud;
  ib: ImagebuilderClient;
  /** Registers an available AMI in the default account to build from. */
  parentAmi(architecture?: 'x86_64' | 'arm64'): string;
  /** Creates components, a recipe, configurations and a pipeline, each with a fresh name. */
  pipeline(options?: PipelineOptions): Promise<PipelineSetup>;
  /** The state change events of one image, in order. */
  stateChanges(imageArn: string): CloudEvent[];
}

let counter = 0;

/** A frozen-clock local cloud and an Image Builder client pointed at it. */
export async function startImageBuilderTestCloud(options: LocalCloudOptions = {}): Promise<ImageBuilderTestCloud> {
  const cloud = await startTestCloud(options);
  const ib = new ImagebuilderClient(cloud.config());
  const parentAmi = (architecture: 'x86_64' | 'arm64' = 'x86_64') =>
    cloud.runtime.services.ec2.registerImage(ACCOUNT, REGION, { name: `base-${++counter}`, architecture }).imageId;
  return {
    cloud,
    ib,
    parentAmi,
    stateChanges: (imageArn) =>
      cloud.runtime.events.filter((e) => e['detail-type'] === 'EC2 Image Builder Image State Change' && e.resources.includes(imageArn)),
    async pipeline(setup = {}) {
      const name = `web-${++counter}`;
      const componentArns: string[] = [];
      for (const component of setup.components ?? [{ name: `install-nginx-${counter}`, data: buildDocument() }]) {
        const created = await ib.send(new CreateComponentCommand({ name: component.name, semanticVersion: '1.0.0', platform: 'Linux', data: component.data }));
        componentArns.push(created.componentBuildVersionArn as string);
      }
      const parent = parentAmi();
      const recipe = await ib.send(
        new CreateImageRecipeCommand({
          name,
          semanticVersion: '1.0.0',
          parentImage: parent,
          components: componentArns.map((componentArn) => ({ componentArn })),
          ...setup.recipe,
        }),
      );
      const infrastructure = await ib.send(
        new CreateInfrastructureConfigurationCommand({ name, instanceProfileName: 'ImageBuilderInstanceProfile', ...setup.infrastructure }),
      );
      const distribution =
        setup.distribution === null
          ? undefined
          : await ib.send(
              new CreateDistributionConfigurationCommand({
                name,
                distributions: [{ region: REGION, amiDistributionConfiguration: { name: `${name}-{{ imagebuilder:buildDate }}` } }],
                ...setup.distribution,
              }),
            );
      const pipeline = await ib.send(
        new CreateImagePipelineCommand({
          name,
          imageRecipeArn: recipe.imageRecipeArn,
          infrastructureConfigurationArn: infrastructure.infrastructureConfigurationArn,
          distributionConfigurationArn: distribution?.distributionConfigurationArn,
          ...setup.pipeline,
        }),
      );
      return {
        name,
        componentArns,
        recipeArn: recipe.imageRecipeArn as string,
        infrastructureArn: infrastructure.infrastructureConfigurationArn as string,
        distributionArn: distribution?.distributionConfigurationArn,
        pipelineArn: pipeline.imagePipelineArn as string,
        parentAmi: parent,
      };
    },
  };
}

/** Asserts that a call fails with Image Builder's error code, message and HTTP status. */
export async function expectImageBuilderError(call: Promise<unknown>, code: string, message: string | RegExp, status = 400): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e as { name: string; message: string; $metadata: { httpStatusCode?: number } },
  );
  expect(error, `expected ${code}`).toBeDefined();
  expect(error?.name).toBe(code);
  if (typeof message === 'string') expect(error?.message).toBe(message);
  else expect(error?.message).toMatch(message);
  expect(error?.$metadata.httpStatusCode).toBe(status);
}
