import { CreateComponentCommand, GetComponentCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: GetComponent', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('returns the component with its document, parameters and state', async () => {
    // Prepare
    const data = `${buildDocument()}parameters:\n  - Port:\n      type: string\n      default: '8080'\n      description: Port nginx listens on.\n`;
    const created = await t.ib.send(
      new CreateComponentCommand({
        name: 'nginx',
        semanticVersion: '1.0.0',
        platform: 'Linux',
        data,
        description: 'Installs nginx',
        changeDescription: 'First',
      }),
    );
    // Act
    const { component } = await t.ib.send(new GetComponentCommand({ componentBuildVersionArn: created.componentBuildVersionArn }));
    // Assess
    expect(component).toMatchObject({
      arn: created.componentBuildVersionArn,
      name: 'nginx',
      version: '1.0.0',
      description: 'Installs nginx',
      changeDescription: 'First',
      type: 'BUILD',
      platform: 'Linux',
      state: { status: 'ACTIVE' },
      owner: '123456789012',
      data,
      encrypted: true,
      parameters: [{ name: 'Port', type: 'string', defaultValue: ['8080'], description: 'Port nginx listens on.' }],
    });
    expect(new Date(component?.dateCreated as string).getTime()).toBe(t.cloud.clock.now());
  });

  it('resolves a version ARN or a wildcard to the newest build', async () => {
    // Prepare
    await t.ib.send(new CreateComponentCommand({ name: 'tool', semanticVersion: '1.0.0', platform: 'Linux', data: buildDocument() }));
    await t.ib.send(new CreateComponentCommand({ name: 'tool', semanticVersion: '1.1.0', platform: 'Linux', data: buildDocument() }));
    const newest = await t.ib.send(new CreateComponentCommand({ name: 'tool', semanticVersion: '1.1.0', platform: 'Linux', data: buildDocument() }));
    // Act
    const byVersion = await t.ib.send(
      new GetComponentCommand({ componentBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:123456789012:component/tool/1.1.0' }),
    );
    const byWildcard = await t.ib.send(
      new GetComponentCommand({ componentBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:123456789012:component/tool/1.x.x' }),
    );
    // Assess
    expect(byVersion.component?.arn).toBe(newest.componentBuildVersionArn);
    expect(byWildcard.component?.arn).toBe(newest.componentBuildVersionArn);
  });

  it('returns an Amazon-managed component', async () => {
    // Act
    const { component } = await t.ib.send(
      new GetComponentCommand({ componentBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }),
    );
    // Assess
    expect(component).toMatchObject({ name: 'update-linux', owner: 'Amazon', platform: 'Linux', type: 'BUILD' });
    expect(component?.arn).toMatch(/^arn:aws:imagebuilder:us-east-1:aws:component\/update-linux\/\d+\.\d+\.\d+\/1$/);
  });

  it('answers ResourceNotFoundException for a component that does not exist', async () => {
    // Act
    const call = t.ib.send(new GetComponentCommand({ componentBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:123456789012:component/missing/1.0.0/1' }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceNotFoundException',
      "The following required resource 'Component' cannot be found: 'arn:aws:imagebuilder:us-east-1:123456789012:component/missing/1.0.0/1'.",
      404,
    );
  });

  it('refuses an ARN that is not a component ARN', async () => {
    // Act
    const call = t.ib.send(new GetComponentCommand({ componentBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1' }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      /^The value supplied for parameter 'componentBuildVersionArn' is not valid\. componentBuildVersionArn must match pattern \^arn:aws/,
    );
  });
});
