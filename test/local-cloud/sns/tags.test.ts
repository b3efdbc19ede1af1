import { CreateTopicCommand, ListTagsForResourceCommand, SNSClient, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

describe('SNS: tags', () => {
  let cloud: TestCloud;
  let sns: SNSClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sns = new SNSClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('tags a topic at creation and later, and untags it', async () => {
    // Prepare
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'tagged', Tags: [{ Key: 'goldsmith:managed', Value: 'true' }] }));
    // Act
    await sns.send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: 'team', Value: 'platform' }] }));
    await sns.send(new UntagResourceCommand({ ResourceArn: TopicArn, TagKeys: ['goldsmith:managed'] }));
    const { Tags } = await sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }));
    // Assess
    expect(Tags).toEqual([{ Key: 'team', Value: 'platform' }]);
  });

  it('answers ResourceNotFound for a topic that does not exist', async () => {
    // Act
    const error = await sns
      .send(new TagResourceCommand({ ResourceArn: 'arn:aws:sns:us-east-1:123456789012:none', Tags: [{ Key: 'a', Value: 'b' }] }))
      .catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Resource does not exist', $metadata: { httpStatusCode: 404 } });
  });

  it('rejects duplicated tag keys', async () => {
    // Prepare
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'dupes' }));
    // Act
    const error = await sns
      .send(
        new TagResourceCommand({
          ResourceArn: TopicArn,
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'a', Value: '2' },
          ],
        }),
      )
      .catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Duplicated keys are not allowed.',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
