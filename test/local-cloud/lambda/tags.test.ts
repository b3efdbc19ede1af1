import { LambdaClient, ListTagsCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { createFunction, esm } from './function-package.ts';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:tagged';

describe('Lambda: TagResource', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'tagged', esm('return 1;'), { Tags: { team: 'platform' } });
  });
  afterAll(() => cloud.stop());

  it('adds tags to those the function has', async () => {
    // Act
    const tagged = await lambda.send(new TagResourceCommand({ Resource: ARN, Tags: { 'goldsmith:managed': 'true' } }));
    const listed = await lambda.send(new ListTagsCommand({ Resource: ARN }));
    // Assess
    expect(tagged.$metadata.httpStatusCode).toBe(204);
    expect(listed.Tags).toEqual({ team: 'platform', 'goldsmith:managed': 'true' });
  });

  it('throws ResourceNotFoundException for an unknown function', async () => {
    // Act
    const error = await lambda.send(new TagResourceCommand({ Resource: `${ARN}-missing`, Tags: { a: 'b' } })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe(`Function not found: ${ARN}-missing`);
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('throws InvalidParameterValueException for a version ARN', async () => {
    // Act
    const error = await lambda.send(new TagResourceCommand({ Resource: `${ARN}:1`, Tags: { a: 'b' } })).catch((e) => e);
    // Assess
    expect(error.name).toBe('InvalidParameterValueException');
    expect(error.message).toBe('Tags on function aliases and versions are not supported. Please specify a function ARN.');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('Lambda: ListTags', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'tagged', esm('return 1;'), { Tags: { team: 'platform', stage: 'dev' } });
  });
  afterAll(() => cloud.stop());

  it('lists the tags, without those removed', async () => {
    // Prepare
    await lambda.send(new UntagResourceCommand({ Resource: ARN, TagKeys: ['stage'] }));
    // Act
    const listed = await lambda.send(new ListTagsCommand({ Resource: ARN }));
    // Assess
    expect(listed.Tags).toEqual({ team: 'platform' });
  });

  it('throws ValidationException for a resource that is not a function ARN', async () => {
    // Act
    const error = await lambda.send(new ListTagsCommand({ Resource: 'tagged' })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(
      /^1 validation error detected: Value 'tagged' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
    );
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('Lambda: UntagResource', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.config());
    await createFunction(lambda, 'tagged', esm('return 1;'), { Tags: { team: 'platform', stage: 'dev' } });
  });
  afterAll(() => cloud.stop());

  it('removes the named tags', async () => {
    // Act
    const untagged = await lambda.send(new UntagResourceCommand({ Resource: ARN, TagKeys: ['team', 'unknown'] }));
    const listed = await lambda.send(new ListTagsCommand({ Resource: ARN }));
    // Assess
    expect(untagged.$metadata.httpStatusCode).toBe(204);
    expect(listed.Tags).toEqual({ stage: 'dev' });
  });

  it('throws ResourceNotFoundException for an unknown function', async () => {
    // Act
    const error = await lambda.send(new UntagResourceCommand({ Resource: `${ARN}-gone`, TagKeys: ['team'] })).catch((e) => e);
    // Assess
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.message).toBe(`Function not found: ${ARN}-gone`);
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});
