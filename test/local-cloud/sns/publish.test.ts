import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { type HttpReceiver, startHttpReceiver } from './http-receiver.ts';

describe('SNS: Publish', () => {
  let cloud: TestCloud;
  let sns: SNSClient;
  let receiver: HttpReceiver;
  let topicArn: string;

  /** Subscribes the receiver over HTTP and confirms it, leaving no request in the receiver's list. */
  async function confirmedHttpSubscription(attributes?: Record<string, string>): Promise<string> {
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: receiver.url, Attributes: attributes, ReturnSubscriptionArn: true }),
    );
    const [confirmation] = await receiver.waitFor(1);
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: (JSON.parse(confirmation.body) as { Token: string }).Token }));
    receiver.requests.length = 0;
    return SubscriptionArn as string;
  }

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

  it('posts a notification to a confirmed HTTP endpoint with AWS headers and JSON body', async () => {
    // Prepare
    const subscriptionArn = await confirmedHttpSubscription();
    // Act
    const { MessageId } = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: 'Image published',
        Message: 'ami-0123456789abcdef0 is stable',
        MessageAttributes: { pipeline: { DataType: 'String', StringValue: 'web' }, wave: { DataType: 'Number', StringValue: '2' } },
      }),
    );
    const [request] = await receiver.waitFor(1);
    const body = JSON.parse(request.body) as Record<string, unknown>;
    // Assess
    expect(request.headers).toMatchObject({
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': MessageId,
      'x-amz-sns-topic-arn': topicArn,
      'x-amz-sns-subscription-arn': subscriptionArn,
    });
    expect(Object.keys(body)).toEqual([
      'Type',
      'MessageId',
      'TopicArn',
      'Subject',
      'Message',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
      'UnsubscribeURL',
      'MessageAttributes',
    ]);
    expect(body).toMatchObject({
      Type: 'Notification',
      MessageId,
      TopicArn: topicArn,
      Subject: 'Image published',
      Message: 'ami-0123456789abcdef0 is stable',
      Timestamp: new Date(cloud.clock.now()).toISOString(),
      SignatureVersion: '1',
      UnsubscribeURL: `${cloud.endpoint}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
      MessageAttributes: { pipeline: { Type: 'String', Value: 'web' }, wave: { Type: 'Number', Value: '2' } },
    });
    expect(Buffer.from(body.Signature as string, 'base64')).toHaveLength(256);
  });

  it('sends the raw message with raw message delivery', async () => {
    // Prepare
    const subscriptionArn = await confirmedHttpSubscription();
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' }));
    // Act
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: '{"ami":"ami-1"}' }));
    const [request] = await receiver.waitFor(1);
    // Assess
    expect(request.body).toBe('{"ami":"ami-1"}');
    expect(request.headers['x-amz-sns-rawdelivery']).toBe('true');
  });

  it('sends each protocol its own text with MessageStructure json', async () => {
    // Prepare
    await confirmedHttpSubscription();
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'ops@example.com' }));
    // Act
    await sns.send(
      new PublishCommand({ TopicArn: topicArn, MessageStructure: 'json', Message: JSON.stringify({ default: 'plain', http: 'for http', email: 42 }) }),
    );
    const [request] = await receiver.waitFor(1);
    // Assess
    expect((JSON.parse(request.body) as { Message: string }).Message).toBe('for http');
  });

  it.each([
    [{ Message: '' }, 'InvalidParameterException', 'Invalid parameter: Empty message'],
    [{ Message: 'x', Subject: '' }, 'InvalidParameterException', 'Invalid parameter: Subject'],
    [{ Message: 'x', Subject: 'two\nlines' }, 'InvalidParameterException', 'Invalid parameter: Subject'],
    [
      { Message: 'not json', MessageStructure: 'json' },
      'InvalidParameterException',
      'Invalid parameter: Message Structure - JSON message body failed to parse',
    ],
    [
      { Message: '{"http":"x"}', MessageStructure: 'json' },
      'InvalidParameterException',
      'Invalid parameter: Message Structure - No default entry in JSON message body',
    ],
    [
      { Message: 'x', MessageGroupId: 'g' },
      'InvalidParameterException',
      'Invalid parameter: MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid for this topic type',
    ],
    [{ Message: 'x'.repeat(262_145) }, 'InvalidParameterException', 'Invalid parameter: Message too long'],
  ])('rejects publishing %#', async (fields, name, message) => {
    // Act
    const error = await sns.send(new PublishCommand({ TopicArn: topicArn, ...fields })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name, message, $metadata: { httpStatusCode: 400 } });
  });

  it.each([
    [
      { a: { DataType: 'Colour', StringValue: 'red' } },
      "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
    ],
    [{ a: { DataType: 'Number', StringValue: 'ten' } }, "Could not cast message attribute 'a' value to number."],
    [
      { a: { DataType: 'String', StringValue: '' } },
      "The message attribute 'a' must contain non-empty message attribute value for message attribute type 'String'.",
    ],
    [{ a: { DataType: 'Binary', StringValue: 'x' } }, "The message attribute 'a' with type 'Binary' must use field 'Binary'."],
    [{ '.a': { DataType: 'String', StringValue: 'x' } }, "Invalid message attribute name starting with character '.' was found."],
  ])('rejects message attributes %o', async (attributes, message) => {
    // Act
    const error = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'x', MessageAttributes: attributes })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'InvalidParameterValueException', message, $metadata: { httpStatusCode: 400 } });
  });

  it('rejects publishing without a topic or target', async () => {
    // Act
    const error = await sns.send(new PublishCommand({ Message: 'x' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter',
    });
  });

  it('answers NotFound when publishing to a topic that does not exist', async () => {
    // Act
    const error = await sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:ghost', Message: 'x' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist', $metadata: { httpStatusCode: 404 } });
  });

  it('delivers only what passes a message-attribute filter policy', async () => {
    // Prepare
    await confirmedHttpSubscription({ FilterPolicy: JSON.stringify({ outcome: ['FAILED'], wave: [{ numeric: ['>=', 2] }] }) });
    // Act
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: 'skipped',
        MessageAttributes: { outcome: { DataType: 'String', StringValue: 'SUCCEEDED' }, wave: { DataType: 'Number', StringValue: '3' } },
      }),
    );
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: 'delivered',
        MessageAttributes: { outcome: { DataType: 'String', StringValue: 'FAILED' }, wave: { DataType: 'Number', StringValue: '2' } },
      }),
    );
    const [request] = await receiver.waitFor(1);
    const log = () => cloud.runtime.services.sns.deliveries('123456789012', 'us-east-1').filter((d) => d.topicArn === topicArn && d.type === 'Notification');
    await vi.waitFor(() => expect(log()).toHaveLength(2));
    // Assess
    expect((JSON.parse(request.body) as { Message: string }).Message).toBe('delivered');
    expect(log().map((d) => d.status)).toEqual(['filtered', 'delivered']);
  });

  it('delivers only what passes a message-body filter policy', async () => {
    // Prepare
    await confirmedHttpSubscription({
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: JSON.stringify({ detail: { state: { status: ['AVAILABLE'] } } }),
    });
    // Act
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ detail: { state: { status: 'BUILDING' } } }) }));
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'not json' }));
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ detail: { state: { status: 'AVAILABLE' } } }) }));
    const [request] = await receiver.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Assess
    expect(receiver.requests).toHaveLength(1);
    expect(JSON.parse((JSON.parse(request.body) as { Message: string }).Message)).toEqual({ detail: { state: { status: 'AVAILABLE' } } });
  });

  it('retries a failing HTTP endpoint three times, 20 simulated seconds apart, then records the failure', async () => {
    // Prepare
    const subscriptionArn = await confirmedHttpSubscription();
    await sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: subscriptionArn,
        AttributeName: 'RedrivePolicy',
        AttributeValue: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:sns-dlq' }),
      }),
    );
    receiver.respondWith(() => 503);
    // Act
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'flaky' }));
    const log = () => cloud.runtime.services.sns.deliveries('123456789012', 'us-east-1').filter((d) => d.messageId === MessageId);
    await vi.waitFor(() => expect(log()).toHaveLength(1));
    cloud.clock.advance(19_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const beforeDelay = receiver.requests.length;
    for (let i = 2; i <= 4; i++) {
      cloud.clock.advance(1_000);
      await vi.waitFor(() => expect(log()).toHaveLength(i));
      cloud.clock.advance(19_000);
    }
    cloud.clock.advance(3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Assess
    expect(beforeDelay).toBe(1);
    expect(receiver.requests).toHaveLength(4);
    expect(log().map((d) => [d.status, d.attempt, d.statusCode])).toEqual([
      ['retrying', 1, 503],
      ['retrying', 2, 503],
      ['retrying', 3, 503],
      ['failed', 4, 503],
    ]);
    expect(cloud.runtime.services.sns.deadLetters('123456789012', 'us-east-1').find((d) => d.messageId === MessageId)).toMatchObject({
      subscriptionArn,
      deadLetterArn: 'arn:aws:sqs:us-east-1:123456789012:sns-dlq',
      errorMessage: 'HTTP 503',
    });
  });

  it('follows the topic delivery policy, and delivers once the endpoint recovers', async () => {
    // Prepare
    await sns.send(
      new SetTopicAttributesCommand({
        TopicArn: topicArn,
        AttributeName: 'DeliveryPolicy',
        AttributeValue: JSON.stringify({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 5, numRetries: 2 } } }),
      }),
    );
    await confirmedHttpSubscription();
    receiver.respondWith((n) => (n === 1 ? 500 : 200));
    // Act
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'recovers' }));
    const log = () => cloud.runtime.services.sns.deliveries('123456789012', 'us-east-1').filter((d) => d.messageId === MessageId);
    await vi.waitFor(() => expect(log()).toHaveLength(1));
    cloud.clock.advance(5_000);
    await vi.waitFor(() => expect(log()).toHaveLength(2));
    // Assess
    expect(log().map((d) => d.status)).toEqual(['retrying', 'delivered']);
  });

  it('does not retry a client error from the endpoint', async () => {
    // Prepare
    await confirmedHttpSubscription();
    receiver.respondWith(() => 403);
    // Act
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'refused' }));
    await receiver.waitFor(1);
    const log = () => cloud.runtime.services.sns.deliveries('123456789012', 'us-east-1').filter((d) => d.messageId === MessageId);
    await vi.waitFor(() => expect(log()).toHaveLength(1));
    cloud.clock.advance(120_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Assess
    expect(receiver.requests).toHaveLength(1);
    expect(log()[0]).toMatchObject({ status: 'failed', statusCode: 403 });
  });

  it('records, without sending, messages for an HTTP endpoint off this machine', async () => {
    // Prepare
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'https', Endpoint: 'https://hooks.example.com/sns', ReturnSubscriptionArn: true }),
    );
    // Act
    const log = cloud.runtime.services.sns.deliveries('123456789012', 'us-east-1').filter((d) => d.subscriptionArn === SubscriptionArn);
    // Assess
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ type: 'SubscriptionConfirmation', status: 'recorded' });
    expect(log[0].errorMessage).toMatch(/only delivers to HTTP\/S endpoints on this machine/);
  });

  it('invokes a Lambda subscriber asynchronously with the SNS event', async () => {
    // Prepare
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:123456789012:function:notify' }),
    );
    // Act
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'to lambda' }));
    await vi.waitFor(() => expect(cloud.runtime.calls.some((c) => c.service === 'lambda' && c.operation === 'Invoke' && c.caller === 'sns')).toBe(true));
    const record = cloud.runtime.services.sns.deliveries('123456789012', 'us-east-1').find((d) => d.messageId === MessageId);
    const event = JSON.parse(record?.body ?? '{}') as { Records: Array<{ EventSource: string; EventSubscriptionArn: string; Sns: Record<string, unknown> }> };
    // Assess
    expect(event.Records[0]).toMatchObject({ EventSource: 'aws:sns', EventSubscriptionArn: SubscriptionArn });
    expect(event.Records[0].Sns).toMatchObject({
      Type: 'Notification',
      MessageId,
      TopicArn: topicArn,
      Subject: null,
      Message: 'to lambda',
      MessageAttributes: {},
    });
  });

  it('requires a message group on FIFO topics and does not deliver a duplicate twice', async () => {
    // Prepare
    const fifo = await sns.send(
      new CreateTopicCommand({ Name: `fifo-${Date.now()}.fifo`, Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } }),
    );
    // Act
    const missingGroup = await sns.send(new PublishCommand({ TopicArn: fifo.TopicArn, Message: 'a' })).catch((e: unknown) => e);
    const first = await sns.send(new PublishCommand({ TopicArn: fifo.TopicArn, Message: 'a', MessageGroupId: 'g' }));
    const duplicate = await sns.send(new PublishCommand({ TopicArn: fifo.TopicArn, Message: 'a', MessageGroupId: 'g' }));
    const second = await sns.send(new PublishCommand({ TopicArn: fifo.TopicArn, Message: 'b', MessageGroupId: 'g' }));
    // Assess
    expect(missingGroup).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
    });
    expect(duplicate.MessageId).toBe(first.MessageId);
    expect(BigInt(second.SequenceNumber as string)).toBeGreaterThan(BigInt(first.SequenceNumber as string));
  });

  it('publishes a batch, reporting each entry', async () => {
    // Prepare
    await confirmedHttpSubscription();
    // Act
    const result = await sns.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: [
          { Id: 'one', Message: 'first' },
          { Id: 'two', Message: '' },
          { Id: 'three', Message: 'third', Subject: 'S' },
        ],
      }),
    );
    await receiver.waitFor(2);
    // Assess
    expect(result.Successful?.map((s) => s.Id)).toEqual(['one', 'three']);
    expect(result.Failed).toEqual([{ Id: 'two', Code: 'InvalidParameter', Message: 'Invalid parameter: Empty message', SenderFault: true }]);
    expect(receiver.requests.map((r) => (JSON.parse(r.body) as { Message: string }).Message).sort()).toEqual(['first', 'third']);
  });

  it.each([
    [[], 'EmptyBatchRequestException', "The batch request doesn't contain any entries."],
    [
      Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, Message: 'x' })),
      'TooManyEntriesInBatchRequestException',
      'The batch request contains more entries than permissible.',
    ],
    [
      [
        { Id: 'same', Message: 'a' },
        { Id: 'same', Message: 'b' },
      ],
      'BatchEntryIdsNotDistinctException',
      'Two or more batch entries in the request have the same Id.',
    ],
    [[{ Id: 'bad id', Message: 'a' }], 'InvalidBatchEntryIdException', "The Id of a batch entry in a batch request doesn't abide by the specification."],
  ])('rejects the batch %#', async (entries, name, message) => {
    // Act
    const error = await sns.send(new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name, message, $metadata: { httpStatusCode: 400 } });
  });

  it('lets another account publish only when the topic policy allows it', async () => {
    // Prepare
    const stranger = new SNSClient({ ...cloud.config(), credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    const denied = await stranger.send(new PublishCommand({ TopicArn: topicArn, Message: 'x' })).catch((e: unknown) => e);
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sns:Publish', Resource: topicArn }] };
    await sns.send(new SetTopicAttributesCommand({ TopicArn: topicArn, AttributeName: 'Policy', AttributeValue: JSON.stringify(policy) }));
    // Act
    const allowed = await stranger.send(new PublishCommand({ TopicArn: topicArn, Message: 'x' }));
    // Assess
    expect(denied).toMatchObject({ name: 'AuthorizationErrorException', $metadata: { httpStatusCode: 403 } });
    expect(allowed.MessageId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
