import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  ListTopicsCommand,
  SetTopicAttributesCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

describe('SNS: topics', () => {
  let cloud: TestCloud;
  let sns: SNSClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sns = new SNSClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('creates a topic with attributes and answers the same ARN when created again', async () => {
    // Prepare
    const input = { Name: 'releases', Attributes: { DisplayName: 'Releases', KmsMasterKeyId: 'alias/aws/sns' } };
    // Act
    const first = await sns.send(new CreateTopicCommand(input));
    const again = await sns.send(new CreateTopicCommand({ Name: 'releases' }));
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: first.TopicArn }));
    // Assess
    expect(first.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:releases');
    expect(again.TopicArn).toBe(first.TopicArn);
    expect(Attributes).toMatchObject({
      TopicArn: first.TopicArn,
      Owner: '123456789012',
      DisplayName: 'Releases',
      KmsMasterKeyId: 'alias/aws/sns',
      SubscriptionsConfirmed: '0',
      SubscriptionsPending: '0',
    });
    expect(JSON.parse(Attributes?.Policy ?? '{}').Statement[0].Condition.StringEquals['AWS:SourceOwner']).toBe('123456789012');
    expect(JSON.parse(Attributes?.EffectiveDeliveryPolicy ?? '{}').http.defaultHealthyRetryPolicy.numRetries).toBe(3);
  });

  it('rejects creating an existing topic with different attributes', async () => {
    // Prepare
    await sns.send(new CreateTopicCommand({ Name: 'alerts', Attributes: { DisplayName: 'A' } }));
    // Act
    const error = await sns.send(new CreateTopicCommand({ Name: 'alerts', Attributes: { DisplayName: 'B' } })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Attributes Reason: Topic already exists with different attributes',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('rejects a topic name with characters SNS does not allow', async () => {
    // Act
    const error = await sns.send(new CreateTopicCommand({ Name: 'bad name!' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Topic Name', $metadata: { httpStatusCode: 400 } });
  });

  it('creates a FIFO topic only with a .fifo name', async () => {
    // Act
    const fifo = await sns.send(new CreateTopicCommand({ Name: 'orders.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } }));
    const error = await sns.send(new CreateTopicCommand({ Name: 'orders', Attributes: { FifoTopic: 'true' } })).catch((e: unknown) => e);
    const attributes = await sns.send(new GetTopicAttributesCommand({ TopicArn: fifo.TopicArn }));
    // Assess
    expect(attributes.Attributes).toMatchObject({ FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    expect(error).toMatchObject({ name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
    expect((error as Error).message).toMatch(/^Fifo Topic names must end with \.fifo/);
  });

  it('rejects content-based deduplication on a standard topic', async () => {
    // Act
    const error = await sns.send(new CreateTopicCommand({ Name: 'plain', Attributes: { ContentBasedDeduplication: 'true' } })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics',
    });
  });

  it('sets a topic attribute and rejects an unknown one', async () => {
    // Prepare
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'settable' }));
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: TopicArn }],
    });
    // Act
    await sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Policy', AttributeValue: policy }));
    await sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'DisplayName', AttributeValue: 'Settable' }));
    const error = await sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Colour', AttributeValue: 'red' })).catch((e: unknown) => e);
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
    // Assess
    expect(Attributes?.Policy).toBe(policy);
    expect(Attributes?.DisplayName).toBe('Settable');
    expect(error).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: AttributeName', $metadata: { httpStatusCode: 400 } });
  });

  it('answers NotFound for the attributes of a topic that does not exist', async () => {
    // Act
    const error = await sns.send(new GetTopicAttributesCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:missing' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist', $metadata: { httpStatusCode: 404 } });
  });

  it('answers InvalidParameter for a malformed topic ARN', async () => {
    // Act
    const error = await sns.send(new GetTopicAttributesCommand({ TopicArn: 'not-an-arn' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('lists topics in pages of 100', async () => {
    // Prepare
    const fresh = await startTestCloud();
    const client = new SNSClient(fresh.config());
    for (let i = 0; i < 105; i++) await client.send(new CreateTopicCommand({ Name: `t${String(i).padStart(3, '0')}` }));
    // Act
    const first = await client.send(new ListTopicsCommand({}));
    const second = await client.send(new ListTopicsCommand({ NextToken: first.NextToken }));
    await fresh.stop();
    // Assess
    expect(first.Topics).toHaveLength(100);
    expect(second.Topics).toHaveLength(5);
    expect(second.NextToken).toBeUndefined();
  });

  it('deletes a topic, which then no longer exists', async () => {
    // Prepare
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'doomed' }));
    // Act
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    const error = await sns.send(new GetTopicAttributesCommand({ TopicArn })).catch((e: unknown) => e);
    const { Topics } = await sns.send(new ListTopicsCommand({}));
    // Assess
    expect(error).toMatchObject({ name: 'NotFoundException' });
    expect(Topics?.map((t) => t.TopicArn)).not.toContain(TopicArn);
  });

  it('answers AuthorizationError to another account that the topic policy does not allow', async () => {
    // Prepare
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'private' }));
    const stranger = new SNSClient({ ...cloud.config(), credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    // Act
    const error = await stranger.send(new GetTopicAttributesCommand({ TopicArn })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'AuthorizationErrorException', $metadata: { httpStatusCode: 403 } });
    expect((error as Error).message).toBe(
      `User: arn:aws:iam::111122223333:user/local is not authorized to perform: SNS:GetTopicAttributes on resource: ${TopicArn} because no resource-based policy allows the SNS:GetTopicAttributes action`,
    );
  });
});
