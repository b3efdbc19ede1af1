import type {
  CreateTopicCommandInput,
  CreateTopicCommandOutput,
  DeleteTopicCommandInput,
  GetTopicAttributesCommandInput,
  GetTopicAttributesCommandOutput,
  ListTopicsCommandInput,
  ListTopicsCommandOutput,
  SetTopicAttributesCommandInput,
} from '@aws-sdk/client-sns';
import type { RequestContext } from '../../service.ts';
import { paginate } from '../events/pagination.ts';
import { checkTopicAttribute, defaultTopicPolicy, effectiveDeliveryPolicy } from './attributes.ts';
import { authorize } from './authorization.ts';
import { invalidParameter, invalidParameterRaw, missingValue } from './errors.ts';
import { findTopic, snsState, type TopicRecord, topicArnOf } from './store.ts';
import { checkTags } from './tag-operations.ts';

type Output<T> = Omit<T, '$metadata'>;

const STANDARD_NAME = /^[a-zA-Z0-9_-]{1,256}$/;
const FIFO_NAME = /^[a-zA-Z0-9_-]{1,251}\.fifo$/;

const sameEntries = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

export function createTopic(input: CreateTopicCommandInput, ctx: RequestContext): Output<CreateTopicCommandOutput> {
  if (input.Name === undefined) throw missingValue('name');
  const name = input.Name;
  const attributes = { ...(input.Attributes ?? {}) };
  const fifo = attributes.FifoTopic?.toLowerCase() === 'true';
  if (fifo) {
    if (!FIFO_NAME.test(name))
      throw invalidParameterRaw(
        'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.',
      );
    attributes.FifoTopic = 'true';
  } else {
    // SNS does not keep an explicit FifoTopic=false.
    delete attributes.FifoTopic;
    if (!STANDARD_NAME.test(name)) throw invalidParameter('Topic Name');
  }
  for (const [key, value] of Object.entries(attributes)) checkTopicAttribute(key, value, { creating: true, fifo });
  if (input.Tags) checkTags(input.Tags);
  const state = snsState(ctx);
  const arn = topicArnOf(ctx, name);
  const tags = Object.fromEntries((input.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  const existing = state.topics[arn];
  if (existing) {
    // CreateTopic is idempotent, as long as nothing differs.
    if (Object.entries(attributes).some(([k, v]) => existing.attributes[k] !== v))
      throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
    if (input.Tags && !sameEntries(tags, state.tags[arn] ?? {})) throw invalidParameter('Tags Reason: Topic already exists with different tags');
    return { TopicArn: arn };
  }
  const topic: TopicRecord = {
    arn,
    name,
    owner: ctx.accountId,
    attributes,
    fifo,
    createdAt: ctx.cloud.clock.now(),
    subscriptionsDeleted: 0,
    sequence: 0,
    deduplication: {},
  };
  if (input.DataProtectionPolicy) topic.attributes.DataProtectionPolicy = input.DataProtectionPolicy;
  state.topics[arn] = topic;
  if (input.Tags?.length) state.tags[arn] = tags;
  return { TopicArn: arn };
}

export function deleteTopic(input: DeleteTopicCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  if (input.TopicArn === undefined) throw missingValue('topicArn');
  const topic = findTopic(ctx, input.TopicArn);
  authorize(ctx, topic, 'DeleteTopic');
  const state = snsState(ctx, topic.owner, ctx.region);
  for (const [arn, subscription] of Object.entries(state.subscriptions)) {
    if (subscription.topicArn !== topic.arn) continue;
    delete state.tokens[subscription.token];
    delete state.subscriptions[arn];
  }
  delete state.tags[topic.arn];
  delete state.topics[topic.arn];
  return {};
}

export function listTopics(input: ListTopicsCommandInput, ctx: RequestContext): Output<ListTopicsCommandOutput> {
  const arns = Object.keys(snsState(ctx).topics).sort();
  const { page, nextToken } = paginate(arns, input.NextToken, 100, () => invalidParameter('NextToken'));
  return { Topics: page.map((TopicArn) => ({ TopicArn })), NextToken: nextToken };
}

export function getTopicAttributes(input: GetTopicAttributesCommandInput, ctx: RequestContext): Output<GetTopicAttributesCommandOutput> {
  if (input.TopicArn === undefined) throw missingValue('topicArn');
  const topic = findTopic(ctx, input.TopicArn);
  authorize(ctx, topic, 'GetTopicAttributes');
  const subscriptions = Object.values(snsState(ctx, topic.owner, ctx.region).subscriptions).filter((s) => s.topicArn === topic.arn);
  return {
    Attributes: {
      ...topic.attributes,
      TopicArn: topic.arn,
      Owner: topic.owner,
      Policy: topic.attributes.Policy ?? defaultTopicPolicy(topic),
      DisplayName: topic.attributes.DisplayName ?? '',
      SubscriptionsPending: String(subscriptions.filter((s) => s.pendingConfirmation).length),
      SubscriptionsConfirmed: String(subscriptions.filter((s) => !s.pendingConfirmation).length),
      SubscriptionsDeleted: String(topic.subscriptionsDeleted),
      EffectiveDeliveryPolicy: JSON.stringify(effectiveDeliveryPolicy(topic)),
    },
  };
}

export function setTopicAttributes(input: SetTopicAttributesCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  if (input.TopicArn === undefined) throw missingValue('topicArn');
  if (input.AttributeName === undefined) throw missingValue('attributeName');
  const topic = findTopic(ctx, input.TopicArn);
  authorize(ctx, topic, 'SetTopicAttributes');
  // FifoTopic is fixed when the topic is created.
  if (input.AttributeName === 'FifoTopic') throw invalidParameter('AttributeName');
  const value = input.AttributeValue ?? '';
  checkTopicAttribute(input.AttributeName, value, { creating: false, fifo: topic.fifo });
  topic.attributes[input.AttributeName] = value;
  return {};
}
