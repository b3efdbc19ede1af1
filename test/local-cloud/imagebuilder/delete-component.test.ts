import { CreateComponentCommand, CreateImageRecipeCommand, DeleteComponentCommand, GetComponentCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: DeleteComponent', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('deletes a component build', async () => {
    // Prepare
    const { componentBuildVersionArn } = await t.ib.send(
      new CreateComponentCommand({ name: 'gone', semanticVersion: '1.0.0', platform: 'Linux', data: buildDocument() }),
    );
    // Act
    const deleted = await t.ib.send(new DeleteComponentCommand({ componentBuildVersionArn }));
    // Assess
    expect(deleted.componentBuildVersionArn).toBe(componentBuildVersionArn);
    await expectImageBuilderError(t.ib.send(new GetComponentCommand({ componentBuildVersionArn })), 'ResourceNotFoundException', /cannot be found/, 404);
  });

  it('refuses to delete a component a recipe uses', async () => {
    // Prepare
    const { componentBuildVersionArn } = await t.ib.send(
      new CreateComponentCommand({ name: 'used', semanticVersion: '1.0.0', platform: 'Linux', data: buildDocument() }),
    );
    await t.ib.send(
      new CreateImageRecipeCommand({
        name: 'uses-it',
        semanticVersion: '1.0.0',
        parentImage: t.parentAmi(),
        components: [{ componentArn: componentBuildVersionArn }],
      }),
    );
    // Act
    const call = t.ib.send(new DeleteComponentCommand({ componentBuildVersionArn }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceDependencyException',
      `Resource dependency error: The resource ARN '${componentBuildVersionArn}' has other resources depended on it.`,
    );
    const { component } = await t.ib.send(new GetComponentCommand({ componentBuildVersionArn }));
    expect(component?.arn).toBe(componentBuildVersionArn);
  });

  it('answers ResourceNotFoundException for a component that does not exist', async () => {
    // Act
    const call = t.ib.send(new DeleteComponentCommand({ componentBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:123456789012:component/nothing/1.0.0/1' }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceNotFoundException',
      "The following required resource 'Component' cannot be found: 'arn:aws:imagebuilder:us-east-1:123456789012:component/nothing/1.0.0/1'.",
      404,
    );
  });
});
