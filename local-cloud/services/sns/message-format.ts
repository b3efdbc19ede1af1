import { sign } from './signing.ts';
import type { MessageType, SubscriptionRecord, TopicRecord } from './store.ts';

/** A published message as the store keeps it: JSON only, binary attribute values in base64. */
export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
  /** With MessageStructure `json`: the text for each protocol, `default` for the rest. */
  perProtocol?: Record<string, string>;
  attributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  /** ISO 8601 with milliseconds, as SNS writes it. */
  timestamp: string;
  sequenceNumber?: string;
  messageGroupId?: string;
  deduplicationId?: string;
}

/** The text a protocol receives: its own entry of a JSON-structured message, else the default. */
export function contentFor(message: PublishedMessage, protocol: string): string {
  if (!message.perProtocol) return message.message;
  return message.perProtocol[protocol] ?? message.perProtocol.default ?? '';
}

/** Attributes as the HTTP/S, SQS and Lambda message formats list them. */
export function formattedAttributes(message: PublishedMessage): Record<string, { Type: string; Value: string }> {
  const out: Record<string, { Type: string; Value: string }> = {};
  for (const [name, attribute] of Object.entries(message.attributes ?? {})) {
    out[name] = { Type: attribute.DataType, Value: attribute.DataType.startsWith('Binary') ? (attribute.BinaryValue ?? '') : (attribute.StringValue ?? '') };
  }
  return out;
}

export const subscribeUrl = (endpoint: string, topicArn: string, token: string) =>
  `${endpoint}/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=${token}`;
export const unsubscribeUrl = (endpoint: string, subscriptionArn: string) => `${endpoint}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;
export const signingCertUrl = (endpoint: string) => `${endpoint}/SimpleNotificationService-local.pem`;

const signatureVersion = (topic: TopicRecord) => topic.attributes.SignatureVersion ?? '1';

/** The JSON body of a notification for HTTP/S, SQS, email-json and Firehose endpoints. */
export function notificationBody(message: PublishedMessage, topic: TopicRecord, subscription: SubscriptionRecord, endpoint: string): string {
  const body: Record<string, unknown> = { Type: 'Notification', MessageId: message.messageId };
  if (topic.fifo) body.SequenceNumber = message.sequenceNumber;
  body.TopicArn = topic.arn;
  if (message.subject !== undefined) body.Subject = message.subject;
  body.Message = contentFor(message, subscription.protocol);
  body.Timestamp = message.timestamp;
  // FIFO topics send no signature.
  if (!topic.fifo) {
    body.SignatureVersion = signatureVersion(topic);
    body.Signature = sign(body, signatureVersion(topic));
    body.SigningCertURL = signingCertUrl(endpoint);
  }
  body.UnsubscribeURL = unsubscribeUrl(endpoint, subscription.arn);
  if (message.attributes && Object.keys(message.attributes).length) body.MessageAttributes = formattedAttributes(message);
  return JSON.stringify(body);
}

/** The JSON body of a SubscriptionConfirmation (or UnsubscribeConfirmation) message. */
export function confirmationBody(
  type: Exclude<MessageType, 'Notification'>,
  messageId: string,
  topic: TopicRecord,
  subscription: SubscriptionRecord,
  endpoint: string,
  timestamp: string,
): string {
  const text =
    type === 'SubscriptionConfirmation'
      ? `You have chosen to subscribe to the topic ${topic.arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
      : `You have chosen to deactivate subscription ${subscription.arn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`;
  const body: Record<string, unknown> = {
    Type: type,
    MessageId: messageId,
    Token: subscription.token,
    TopicArn: topic.arn,
    Message: text,
    SubscribeURL: subscribeUrl(endpoint, topic.arn, subscription.token),
    Timestamp: timestamp,
  };
  body.SignatureVersion = signatureVersion(topic);
  body.Signature = sign(body, signatureVersion(topic));
  body.SigningCertURL = signingCertUrl(endpoint);
  return JSON.stringify(body);
}

/** The event a Lambda subscriber receives (note `SigningCertUrl` and `UnsubscribeUrl`, spelt as AWS does here). */
export function lambdaEvent(message: PublishedMessage, topic: TopicRecord, subscription: SubscriptionRecord, endpoint: string): string {
  const sns: Record<string, unknown> = {
    Type: 'Notification',
    MessageId: message.messageId,
    TopicArn: topic.arn,
    Subject: message.subject ?? null,
    Message: contentFor(message, 'lambda'),
    Timestamp: message.timestamp,
  };
  sns.SignatureVersion = signatureVersion(topic);
  sns.Signature = sign(sns, signatureVersion(topic));
  sns.SigningCertUrl = signingCertUrl(endpoint);
  sns.UnsubscribeUrl = unsubscribeUrl(endpoint, subscription.arn);
  sns.MessageAttributes = formattedAttributes(message);
  return JSON.stringify({ Records: [{ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: subscription.arn, Sns: sns }] });
}
