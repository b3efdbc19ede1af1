import { CreateComponentCommand, ListComponentBuildVersionsCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: ListComponentBuildVersions', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('lists every build of a component version', async () => {
    // Prepare
    await t.ib.send(new CreateComponentCommand({ name: 'agent', semanticVersion: '3.1.0', platform: 'Linux', data: buildDocument(), tags: { build: 'one' } }));
    await t.ib.send(
      new CreateComponentCommand({ name: 'agent', semanticVersion: '3.1.0', platform: 'Linux', data: buildDocument(), changeDescription: 'Rebuilt' }),
    );
    await t.ib.send(new CreateComponentCommand({ name: 'agent', semanticVersion: '3.2.0', platform: 'Linux', data: buildDocument() }));
    // Act
    const { componentSummaryList } = await t.ib.send(
      new ListComponentBuildVersionsCommand({ componentVersionArn: 'arn:aws:imagebuilder:us-east-1:123456789012:component/agent/3.1.0' }),
    );
    // Assess
    expect(componentSummaryList?.map((c) => c.arn)).toEqual([
      'arn:aws:imagebuilder:us-east-1:123456789012:component/agent/3.1.0/1',
      'arn:aws:imagebuilder:us-east-1:123456789012:component/agent/3.1.0/2',
    ]);
    expect(componentSummaryList?.[0]).toMatchObject({ name: 'agent', version: '3.1.0', state: { status: 'ACTIVE' }, type: 'BUILD', tags: { build: 'one' } });
    expect(componentSummaryList?.[1].changeDescription).toBe('Rebuilt');
  });

  it('refuses a build ARN where a version ARN is expected', async () => {
    // Act
    const call = t.ib.send(
      new ListComponentBuildVersionsCommand({ componentVersionArn: 'arn:aws:imagebuilder:us-east-1:123456789012:component/agent/3.1.0/1' }),
    );
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      /^The value supplied for parameter 'componentVersionArn' is not valid\. componentVersionArn must match pattern /,
    );
  });
});
