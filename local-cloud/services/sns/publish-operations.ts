import { createHash, randomUUID } from 'node:crypto';
import type {
  MessageAttributeValue,
  PublishBatchCommandInput,
  PublishBatchCommandOutput,
  PublishBatchResultEntry,
  PublishCommandInput,
  PublishCommandOutput,
} from '@aws-sdk/client-sns';
import { AwsServiceError } from '../../errors.ts';
import type { RequestContext } from '../../service.ts';
import { authorize } from './authorization.ts';
import {
  batchIdsNotDistinct,
  batchTooLong,
  emptyBatch,
  invalidBatchEntryId,
  invalidParameter,
  invalidParameterValue,
  missingValue,
  tooManyEntries,
} from './errors.ts';
import type { PublishedMessage } from './message-format.ts';
import { appendBounded, findTopic, snsState, type TopicRecord } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const MAX_MESSAGE_BYTES = 262_144;
const DEDUPLICATION_WINDOW_MS = 5 * 60_000;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.$)(?!.*\.\.)[a-zA-Z0-9_\-.]+$/;

/** A subject must be one line of text: no line breaks or other control characters. */
const hasControlCharacter = (text: string) => [...text].some((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === '\u007f');

interface MessageFields {
  Message?: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

function checkAttributes(attributes: Record<string, MessageAttributeValue>, at: (name: string) => string): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    if (Buffer.byteLength(name) > 256) throw invalidParameterValue('Length of message attribute name must be less than 256 bytes.');
    if (!ATTRIBUTE_NAME.test(name)) {
      if (name.startsWith('.')) throw invalidParameterValue("Invalid message attribute name starting with character '.' was found.");
      if (name.endsWith('.')) throw invalidParameterValue("Invalid message attribute name ending with character '.' was found.");
      if (name.includes('..')) throw invalidParameterValue("Message attribute name can not have successive '.' character.");
      const bad = [...name].find((c) => !/[a-zA-Z0-9_\-.]/.test(c)) ?? '';
      throw invalidParameterValue(
        `Invalid non-alphanumeric character '#x${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase()}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`,
      );
    }
    const type = attribute.DataType;
    if (type === undefined) throw missingValue(at(name));
    if (!/^(String|Number|Binary)(\..+)?$/.test(type))
      throw invalidParameterValue(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    const field = type.startsWith('Binary') ? 'Binary' : 'String';
    const value = field === 'Binary' ? attribute.BinaryValue : attribute.StringValue;
    const other = field === 'Binary' ? attribute.StringValue : attribute.BinaryValue;
    if (value === undefined && other !== undefined)
      throw invalidParameterValue(`The message attribute '${name}' with type '${type}' must use field '${field}'.`);
    if (value === undefined || value.length === 0)
      throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
    if (type.startsWith('Number') && !Number.isFinite(Number(attribute.StringValue)))
      throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
    if (type.startsWith('String.Array')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(attribute.StringValue as string);
      } catch {
        parsed = undefined;
      }
      // Approximates SNS, whose exact wording for a bad String.Array is not documented.
      if (!Array.isArray(parsed)) throw invalidParameterValue(`The message attribute '${name}' with type 'String.Array' must be a JSON array.`);
    }
  }
}

function size(fields: MessageFields): number {
  let total = Buffer.byteLength(fields.Message ?? '');
  for (const [name, a] of Object.entries(fields.MessageAttributes ?? {}))
    total += Buffer.byteLength(name) + Buffer.byteLength(a.DataType ?? '') + (a.BinaryValue ? a.BinaryValue.length : Buffer.byteLength(a.StringValue ?? ''));
  return total;
}

/** Validates one message and returns it as the store keeps it; throws SNS's InvalidParameter errors. */
function prepare(fields: MessageFields, topic: TopicRecord, ctx: RequestContext, at: (name: string) => string): PublishedMessage {
  if (fields.Message === undefined) throw missingValue(at('message'));
  if (!fields.Message) throw invalidParameter('Empty message');
  if (fields.Subject !== undefined && (fields.Subject === '' || fields.Subject.length > 100 || hasControlCharacter(fields.Subject)))
    throw invalidParameter('Subject');
  if (fields.MessageAttributes) checkAttributes(fields.MessageAttributes, (name) => at(`messageAttributes.${name}.member.dataType`));
  if (size(fields) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  let perProtocol: Record<string, string> | undefined;
  if (fields.MessageStructure !== undefined) {
    if (fields.MessageStructure !== 'json') throw invalidParameter('MessageStructure');
    let parsed: unknown;
    try {
      parsed = JSON.parse(fields.Message);
    } catch {
      throw invalidParameter('Message Structure - JSON message body failed to parse');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidParameter('Message Structure - JSON message body failed to parse');
    // Entries that are not strings are ignored.
    perProtocol = Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    if (perProtocol.default === undefined) throw invalidParameter('Message Structure - No default entry in JSON message body');
  }
  if (topic.fifo) {
    if (!fields.MessageGroupId) throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
    if (!fields.MessageDeduplicationId && topic.attributes.ContentBasedDeduplication !== 'true')
      throw invalidParameter('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  } else if (fields.MessageDeduplicationId) {
    throw invalidParameter('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
  } else if (fields.MessageGroupId) {
    throw invalidParameter('MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid for this topic type');
  }
  const attributes = fields.MessageAttributes
    ? Object.fromEntries(
        Object.entries(fields.MessageAttributes).map(([name, a]) => [
          name,
          {
            DataType: a.DataType as string,
            StringValue: a.StringValue,
            BinaryValue: a.BinaryValue ? Buffer.from(a.BinaryValue).toString('base64') : undefined,
          },
        ]),
      )
    : undefined;
  return {
    messageId: randomUUID(),
    topicArn: topic.arn,
    subject: fields.Subject,
    message: fields.Message,
    perProtocol,
    attributes,
    timestamp: new Date(ctx.cloud.clock.now()).toISOString(),
    messageGroupId: fields.MessageGroupId,
    deduplicationId: topic.fifo ? (fields.MessageDeduplicationId ?? createHash('sha256').update(fields.Message).digest('hex')) : undefined,
  };
}

/**
 * Sends a prepared message to the topic's subscribers. A FIFO message whose deduplication id was seen in
 * the last five minutes is accepted again but not delivered again, and answers with the first message's ids.
 */
function send(ctx: RequestContext, topic: TopicRecord, message: PublishedMessage): { MessageId: string; SequenceNumber?: string } {
  if (topic.fifo && message.deduplicationId) {
    const now = ctx.cloud.clock.now();
    for (const [id, seen] of Object.entries(topic.deduplication)) if (now - seen.at > DEDUPLICATION_WINDOW_MS) delete topic.deduplication[id];
    const seen = topic.deduplication[message.deduplicationId];
    if (seen) return { MessageId: seen.messageId, SequenceNumber: seen.sequenceNumber };
    topic.sequence++;
    message.sequenceNumber = (10n ** 19n + BigInt(topic.sequence)).toString();
    topic.deduplication[message.deduplicationId] = { messageId: message.messageId, sequenceNumber: message.sequenceNumber, at: now };
  }
  ctx.cloud.services.sns.dispatcher.publish(topic.owner, ctx.region, topic, message);
  return { MessageId: message.messageId, SequenceNumber: message.sequenceNumber };
}

export function publish(input: PublishCommandInput, ctx: RequestContext): Output<PublishCommandOutput> {
  const target = input.TopicArn ?? input.TargetArn;
  if (input.TopicArn && input.TargetArn) throw invalidParameter('TopicArn or TargetArn Reason: Only one of TopicArn or TargetArn may be specified');
  if (!target && !input.PhoneNumber) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
  if (!target) return publishToPhone(input, ctx);
  // Mobile push endpoints (TargetArn …:endpoint/…) are not emulated.
  if (input.TargetArn && /:endpoint\//.test(input.TargetArn)) throw invalidParameter('TargetArn Reason: No endpoint found for the target arn specified');
  const topic = findTopic(ctx, target, { parameter: input.TopicArn ? 'TopicArn' : 'TargetArn', otherRegion: 'invalid' });
  authorize(ctx, topic, 'Publish');
  return send(
    ctx,
    topic,
    prepare(input, topic, ctx, (name) => name),
  );
}

/** SMS to a phone number is recorded in the delivery log, not sent. */
function publishToPhone(input: PublishCommandInput, ctx: RequestContext): Output<PublishCommandOutput> {
  if (!/^\+?[1-9]\d{1,14}$/.test(input.PhoneNumber as string)) throw invalidParameter(`PhoneNumber Reason: ${input.PhoneNumber} is not valid to publish to`);
  if (!input.Message) throw invalidParameter('Empty message');
  const messageId = randomUUID();
  appendBounded(snsState(ctx).deliveries, {
    at: ctx.cloud.clock.now(),
    messageId,
    type: 'Notification',
    topicArn: '',
    subscriptionArn: '',
    protocol: 'sms',
    endpoint: input.PhoneNumber as string,
    status: 'recorded',
    attempt: 1,
    body: input.Message,
  });
  return { MessageId: messageId };
}

export function publishBatch(input: PublishBatchCommandInput, ctx: RequestContext): Output<PublishBatchCommandOutput> {
  if (input.TopicArn === undefined) throw missingValue('topicArn');
  const entries = input.PublishBatchRequestEntries ?? [];
  if (!entries.length) throw emptyBatch();
  if (entries.length > 10) throw tooManyEntries();
  const ids = entries.map((e) => e.Id);
  if (ids.some((id) => !id || !/^[A-Za-z0-9_-]{1,80}$/.test(id))) throw invalidBatchEntryId();
  if (new Set(ids).size < ids.length) throw batchIdsNotDistinct();
  if (entries.reduce((n, e) => n + size(e), 0) > MAX_MESSAGE_BYTES) throw batchTooLong();
  const topic = findTopic(ctx, input.TopicArn, { otherRegion: 'invalid' });
  authorize(ctx, topic, 'Publish');
  const Successful: PublishBatchResultEntry[] = [];
  const Failed: NonNullable<PublishBatchCommandOutput['Failed']> = [];
  entries.forEach((entry, index) => {
    try {
      const message = prepare(entry, topic, ctx, (name) => `publishBatchRequestEntries.${index + 1}.member.${name}`);
      Successful.push({ Id: entry.Id, ...send(ctx, topic, message) });
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      Failed.push({ Id: entry.Id, Code: error.code, Message: error.message, SenderFault: error.sender });
    }
  });
  return { Successful, Failed };
}
