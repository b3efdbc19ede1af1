import { CreateComponentCommand, CreateImageRecipeCommand, GetImageRecipeCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: CreateImageRecipe', () => {
  let t: ImageBuilderTestCloud;
  let componentArn: string;
  let parameterised: string;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
    componentArn = (await t.ib.send(new CreateComponentCommand({ name: 'nginx', semanticVersion: '1.0.0', platform: 'Linux', data: buildDocument() })))
      .componentBuildVersionArn as string;
    const data = `${buildDocument()}parameters:\n  - Port:\n      type: string\n      default: '80'\n  - Domain:\n      type: string\n`;
    parameterised = (await t.ib.send(new CreateComponentCommand({ name: 'site', semanticVersion: '1.0.0', platform: 'Linux', data })))
      .componentBuildVersionArn as string;
  });
  afterAll(() => t.cloud.stop());

  it('creates a recipe with components, parameters, block devices and a working directory', async () => {
    // Prepare
    const parentImage = t.parentAmi();
    // Act
    const created = await t.ib.send(
      new CreateImageRecipeCommand({
        name: 'Web Server',
        semanticVersion: '1.4.0',
        description: 'The web fleet',
        parentImage,
        components: [
          { componentArn },
          { componentArn: parameterised, parameters: [{ name: 'Domain', value: ['example.com'] }] },
          { componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' },
        ],
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 30, volumeType: 'gp3', encrypted: true, deleteOnTermination: true } }],
        workingDirectory: '/var/tmp',
        tags: { team: 'web' },
      }),
    );
    // Assess
    expect(created.imageRecipeArn).toBe('arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web-server/1.4.0');
    const { imageRecipe } = await t.ib.send(new GetImageRecipeCommand({ imageRecipeArn: created.imageRecipeArn }));
    expect(imageRecipe).toMatchObject({
      name: 'Web Server',
      version: '1.4.0',
      type: 'AMI',
      platform: 'Linux',
      parentImage,
      workingDirectory: '/var/tmp',
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 30, volumeType: 'gp3', encrypted: true } }],
      components: [{ componentArn }, { componentArn: parameterised, parameters: [{ name: 'Domain', value: ['example.com'] }] }, {}],
      tags: { team: 'web' },
    });
  });

  it('accepts an SSM parameter as the parent image', async () => {
    // Act
    const created = await t.ib.send(
      new CreateImageRecipeCommand({
        name: 'from-ssm',
        semanticVersion: '1.0.0',
        parentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
        components: [{ componentArn }],
      }),
    );
    // Assess
    expect(created.imageRecipeArn).toMatch(/image-recipe\/from-ssm\/1\.0\.0$/);
  });

  it('refuses a recipe version that exists already', async () => {
    // Prepare
    const request = { name: 'twice', semanticVersion: '1.0.0', parentImage: t.parentAmi(), components: [{ componentArn }] };
    await t.ib.send(new CreateImageRecipeCommand(request));
    // Act
    const call = t.ib.send(new CreateImageRecipeCommand(request));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceAlreadyExistsException',
      "The following resource 'ImageRecipe' already exists: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/twice/1.0.0'.",
    );
  });

  it('answers ResourceNotFoundException for a component that does not exist', async () => {
    // Prepare
    const missing = 'arn:aws:imagebuilder:us-east-1:123456789012:component/missing/1.0.0/1';
    // Act
    const call = t.ib.send(
      new CreateImageRecipeCommand({ name: 'missing', semanticVersion: '1.0.0', parentImage: t.parentAmi(), components: [{ componentArn: missing }] }),
    );
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'Component' cannot be found: '${missing}'.`, 404);
  });

  it('refuses a parameter the component does not declare', async () => {
    // Act
    const call = t.ib.send(
      new CreateImageRecipeCommand({
        name: 'bad-parameter',
        semanticVersion: '1.0.0',
        parentImage: t.parentAmi(),
        components: [
          {
            componentArn: parameterised,
            parameters: [
              { name: 'Domain', value: ['a'] },
              { name: 'Colour', value: ['blue'] },
            ],
          },
        ],
      }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      `The value supplied for parameter 'components[0].parameters[1].name' is not valid. The parameter 'Colour' is not defined in component '${parameterised}'.`,
    );
  });

  it('refuses a parent image that is neither an AMI, a parameter nor an image ARN', async () => {
    // Act
    const call = t.ib.send(
      new CreateImageRecipeCommand({ name: 'bad-parent', semanticVersion: '1.0.0', parentImage: 'ubuntu:24.04', components: [{ componentArn }] }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'parentImage' is not valid. The parent image must be an AMI ID, an SSM parameter given as ssm:<parameter-name>, or an Image Builder image ARN.",
    );
  });

  it('answers ResourceNotFoundException for a parent image ARN of the account that does not exist', async () => {
    // Prepare
    const parentImage = 'arn:aws:imagebuilder:us-east-1:123456789012:image/base/1.0.0/1';
    // Act
    const call = t.ib.send(new CreateImageRecipeCommand({ name: 'missing-parent', semanticVersion: '1.0.0', parentImage, components: [{ componentArn }] }));
    // Assess
    await expectImageBuilderError(call, 'ResourceNotFoundException', `The following required resource 'Image' cannot be found: '${parentImage}'.`, 404);
  });

  it('refuses a name with characters Image Builder does not allow', async () => {
    // Act
    const call = t.ib.send(
      new CreateImageRecipeCommand({ name: 'web/server', semanticVersion: '1.0.0', parentImage: t.parentAmi(), components: [{ componentArn }] }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      "The value supplied for parameter 'name' is not valid. name must match pattern ^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$",
    );
  });
});
