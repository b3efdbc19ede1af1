import { ListTagsForResourceCommand, TagResourceCommand } from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectImageBuilderError, type ImageBuilderTestCloud, startImageBuilderTestCloud } from './imagebuilder-test-cloud.ts';

describe('Image Builder: TagResource', () => {
  let t: ImageBuilderTestCloud;
  beforeAll(async () => {
    t = await startImageBuilderTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('adds and overwrites tags on a pipeline and a component build', async () => {
    // Prepare
    const setup = await t.pipeline({ pipeline: { tags: { team: 'web', tier: 'gold' } } });
    // Act
    await t.ib.send(new TagResourceCommand({ resourceArn: setup.pipelineArn, tags: { tier: 'silver', owner: 'ops' } }));
    await t.ib.send(new TagResourceCommand({ resourceArn: setup.componentArns[0], tags: { reviewed: 'yes' } }));
    // Assess
    expect((await t.ib.send(new ListTagsForResourceCommand({ resourceArn: setup.pipelineArn }))).tags).toEqual({ team: 'web', tier: 'silver', owner: 'ops' });
    expect((await t.ib.send(new ListTagsForResourceCommand({ resourceArn: setup.componentArns[0] }))).tags).toEqual({ reviewed: 'yes' });
  });

  it('answers ResourceNotFoundException for a resource that does not exist', async () => {
    // Prepare
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/none';
    // Act
    const call = t.ib.send(new TagResourceCommand({ resourceArn: arn, tags: { a: 'b' } }));
    // Assess
    await expectImageBuilderError(
      call,
      'ResourceNotFoundException',
      `The following required resource 'DistributionConfiguration' cannot be found: '${arn}'.`,
      404,
    );
  });

  it('refuses a tag key in the aws: namespace', async () => {
    // Prepare
    const setup = await t.pipeline();
    // Act
    const call = t.ib.send(new TagResourceCommand({ resourceArn: setup.pipelineArn, tags: { 'aws:owner': 'me' } }));
    // Assess
    await expectImageBuilderError(
      call,
      'InvalidParameterValueException',
      /^The value supplied for parameter 'tags\.key' is not valid\. tags\.key must match pattern /,
    );
  });
});
