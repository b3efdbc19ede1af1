import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { type HttpReceiver, startHttpReceiver } from './http-receiver.ts';

describe('SNS: subscriptions', () => {
  let cloud: TestCloud;
  let sns: SNSClient;
  let receiver: HttpReceiver;
  let topicArn: string;
  beforeAll(async () => {
    cloud = await startTestCloud();
    sns = new SNSClient(cloud.config());
  });
  afterAll(() => cloud.stop());
  beforeEach(async () => {
    receiver = await startHttpReceiver();
    topicArn = (await sns.send(new CreateTopicCommand({ Name: `topic-${Math.random().toString(36).slice(2, 8)}` }))).TopicArn as string;
  });
  afterEach(() => receiver.close());

  it('posts a SubscriptionConfirmation to an HTTP endpoint, confirmed by opening its SubscribeURL', async () => {
    // Prepare
    const { SubscriptionArn: pending } = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: receiver.url }));
    const [confirmation] = await receiver.waitFor(1);
    const message = JSON.parse(confirmation.body) as Record<string, string>;
    // Act: the subscriber opens the URL, unsigned, as AWS expects.
    const response = await fetch(message.SubscribeURL);
    const xml = await response.text();
    const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    // Assess
    expect(pending).toBe('pending confirmation');
    expect(confirmation.method).toBe('POST');
    expect(confirmation.headers).toMatchObject({
      'x-amz-sns-message-type': 'SubscriptionConfirmation',
      'x-amz-sns-topic-arn': topicArn,
      'content-type': 'text/plain; charset=UTF-8',
      'user-agent': 'Amazon Simple Notification Service Agent',
    });
    expect(confirmation.headers['x-amz-sns-message-id']).toBe(message.MessageId);
    expect(message).toMatchObject({ Type: 'SubscriptionConfirmation', TopicArn: topicArn, SignatureVersion: '1' });
    expect(message.Message).toBe(
      `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    );
    expect(message.SubscribeURL).toBe(`${cloud.endpoint}/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=${message.Token}`);
    expect(response.status).toBe(200);
    expect(xml).toContain('<ConfirmSubscriptionResponse');
    expect(Subscriptions?.[0].SubscriptionArn).toMatch(new RegExp(`^${topicArn}:[0-9a-f-]{36}$`));
  });

  it('confirms a subscription through the API with the token', async () => {
    // Prepare
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: receiver.url, ReturnSubscriptionArn: true }),
    );
    const [confirmation] = await receiver.waitFor(1);
    const { Token } = JSON.parse(confirmation.body) as { Token: string };
    // Act
    const confirmed = await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token, AuthenticateOnUnsubscribe: 'true' }));
    const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    // Assess
    expect(confirmed.SubscriptionArn).toBe(SubscriptionArn);
    expect(Attributes).toMatchObject({ PendingConfirmation: 'false', ConfirmationWasAuthenticated: 'true', Protocol: 'http', Endpoint: receiver.url });
  });

  it('rejects a confirmation with an unknown token', async () => {
    // Act
    const error = await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: 'abc' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Token', $metadata: { httpStatusCode: 400 } });
  });

  it('confirms Lambda subscriptions at once and answers their ARN', async () => {
    // Act
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:notify' }),
    );
    const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    const topic = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    // Assess
    expect(SubscriptionArn).toMatch(new RegExp(`^${topicArn}:`));
    expect(Attributes?.PendingConfirmation).toBe('false');
    expect(topic.Attributes?.SubscriptionsConfirmed).toBe('1');
  });

  it('keeps email subscriptions pending and records their confirmation message', async () => {
    // Act
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'ops@example.com' }));
    const recorded = cloud.runtime.services.sns.deliveries('123456789012', 'us-east-1').filter((d) => d.topicArn === topicArn);
    const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    // Assess
    expect(SubscriptionArn).toBe('pending confirmation');
    expect(Subscriptions?.[0]).toMatchObject({ SubscriptionArn: 'PendingConfirmation', Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: topicArn });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ type: 'SubscriptionConfirmation', status: 'recorded', endpoint: 'ops@example.com' });
  });

  it('answers the same subscription when subscribing twice, and refuses different attributes', async () => {
    // Prepare
    const input = { TopicArn: topicArn, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:twice' };
    const first = await sns.send(new SubscribeCommand(input));
    // Act
    const second = await sns.send(new SubscribeCommand(input));
    const error = await sns.send(new SubscribeCommand({ ...input, Attributes: { FilterPolicy: '{"a":["b"]}' } })).catch((e: unknown) => e);
    // Assess
    expect(second.SubscriptionArn).toBe(first.SubscriptionArn);
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Attributes Reason: Subscription already exists with different attributes',
    });
  });

  it.each([
    [{ Protocol: 'carrier-pigeon', Endpoint: 'x' }, 'Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon'],
    [{ Protocol: 'https', Endpoint: 'http://127.0.0.1/' }, 'Invalid parameter: Endpoint must match the specified protocol'],
    [{ Protocol: 'sqs', Endpoint: 'queue' }, 'Invalid parameter: SQS endpoint ARN'],
  ])('rejects subscribing %o', async (fields, message) => {
    // Act
    const error = await sns.send(new SubscribeCommand({ TopicArn: topicArn, ...fields })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'InvalidParameterException', message, $metadata: { httpStatusCode: 400 } });
  });

  it('refuses subscribing to a topic that does not exist', async () => {
    // Act
    const error = await sns
      .send(new SubscribeCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:nope', Protocol: 'email', Endpoint: 'a@b.c' }))
      .catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist', $metadata: { httpStatusCode: 404 } });
  });

  it('validates filter policies as subscription attributes, in AWS words for each operation', async () => {
    // Prepare
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'lambda',
        Endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:filtered',
        Attributes: { FilterPolicy: JSON.stringify({ detail: { status: ['AVAILABLE'] } }), FilterPolicyScope: 'MessageBody' },
      }),
    );
    // Act
    const onSubscribe = await sns
      .send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'x@y.z', Attributes: { FilterPolicy: '{"a": "b"}' } }))
      .catch((e: unknown) => e);
    const onSet = await sns
      .send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'FilterPolicyScope', AttributeValue: 'MessageAttributes' }))
      .catch((e: unknown) => e);
    const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    // Assess
    expect(onSubscribe).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Attributes Reason: FilterPolicy: "a" must be an object or an array',
    });
    expect(onSet).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy',
    });
    expect(Attributes).toMatchObject({ FilterPolicyScope: 'MessageBody', FilterPolicy: JSON.stringify({ detail: { status: ['AVAILABLE'] } }) });
  });

  it('sets raw message delivery and refuses it for protocols that do not support it', async () => {
    // Prepare
    const http = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: receiver.url, ReturnSubscriptionArn: true }));
    const lambda = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:raw' }),
    );
    // Act
    await sns.send(
      new SetSubscriptionAttributesCommand({ SubscriptionArn: http.SubscriptionArn, AttributeName: 'RawMessageDelivery', AttributeValue: 'True' }),
    );
    const error = await sns
      .send(new SetSubscriptionAttributesCommand({ SubscriptionArn: lambda.SubscriptionArn, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' }))
      .catch((e: unknown) => e);
    const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: http.SubscriptionArn }));
    // Assess
    expect(Attributes?.RawMessageDelivery).toBe('true');
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Delivery protocol [lambda] does not support raw message delivery.',
    });
  });

  it('answers NotFound for the attributes of a subscription that does not exist', async () => {
    // Act
    const error = await sns
      .send(new GetSubscriptionAttributesCommand({ SubscriptionArn: `${topicArn}:00000000-0000-0000-0000-000000000000` }))
      .catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'NotFoundException', message: 'Subscription does not exist', $metadata: { httpStatusCode: 404 } });
  });

  it('unsubscribes, counts the deleted subscription, and accepts a second unsubscribe', async () => {
    // Prepare
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:gone' }),
    );
    // Act
    await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    const { Subscriptions } = await sns.send(new ListSubscriptionsCommand({}));
    // Assess
    expect(Attributes?.SubscriptionsDeleted).toBe('1');
    expect(Subscriptions?.map((s) => s.SubscriptionArn)).not.toContain(SubscriptionArn);
  });

  it('unsubscribes through the unsigned UnsubscribeURL', async () => {
    // Prepare
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:url' }),
    );
    // Act
    const response = await fetch(`${cloud.endpoint}/?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`);
    const error = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn })).catch((e: unknown) => e);
    // Assess
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<UnsubscribeResponse');
    expect(error).toMatchObject({ name: 'NotFoundException' });
  });

  it('rejects unsubscribing a topic ARN with no subscription id', async () => {
    // Act
    const error = await sns.send(new UnsubscribeCommand({ SubscriptionArn: topicArn })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: SubscriptionId', $metadata: { httpStatusCode: 400 } });
  });
});
