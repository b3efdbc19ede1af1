import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore, ServiceDefinition } from '../../service.ts';
import { SnsDispatcher } from './delivery.ts';
import { publish, publishBatch } from './publish-operations.ts';
import type { SnsDeadLetterRecord, SnsDeliveryRecord, SnsState } from './store.ts';
import { createSnsStore } from './store.ts';
import {
  confirmSubscription,
  getSubscriptionAttributes,
  listSubscriptions,
  listSubscriptionsByTopic,
  setSubscriptionAttributes,
  subscribe,
  unsubscribe,
} from './subscription-operations.ts';
import { listTagsForResource, tagResource, untagResource } from './tag-operations.ts';
import { createTopic, deleteTopic, getTopicAttributes, listTopics, setTopicAttributes } from './topic-operations.ts';

/**
 * SNS: topics (standard and FIFO), subscriptions with filter policies, and real deliveries to HTTP/S
 * endpoints and Lambda functions. Email, SMS, SQS, mobile and Firehose deliveries are recorded in the
 * delivery log instead of sent (the local cloud has no mail server and no SQS).
 */
export class SnsService {
  readonly definition: ServiceDefinition;
  readonly store: RegionalStore<SnsState>;
  readonly dispatcher: SnsDispatcher;

  constructor(cloud: CloudRuntime) {
    this.store = createSnsStore();
    this.dispatcher = new SnsDispatcher(cloud, this.store);
    this.definition = {
      signingName: 'sns',
      model: 'sns-2010-03-31',
      operations: {
        CreateTopic: createTopic,
        DeleteTopic: deleteTopic,
        ListTopics: listTopics,
        GetTopicAttributes: getTopicAttributes,
        SetTopicAttributes: setTopicAttributes,
        Subscribe: subscribe,
        ConfirmSubscription: confirmSubscription,
        Unsubscribe: unsubscribe,
        ListSubscriptions: listSubscriptions,
        ListSubscriptionsByTopic: listSubscriptionsByTopic,
        GetSubscriptionAttributes: getSubscriptionAttributes,
        SetSubscriptionAttributes: setSubscriptionAttributes,
        Publish: publish,
        PublishBatch: publishBatch,
        TagResource: tagResource,
        UntagResource: untagResource,
        ListTagsForResource: listTagsForResource,
      },
    };
  }

  /** What was delivered (or recorded, filtered, retried) for an account and region, oldest first. */
  deliveries(accountId: string, region: string): SnsDeliveryRecord[] {
    return this.store.get(accountId, region).deliveries;
  }

  /** Messages whose delivery failed for good (AWS would put them in the subscription's dead-letter queue). */
  deadLetters(accountId: string, region: string): SnsDeadLetterRecord[] {
    return this.store.get(accountId, region).deadLetters;
  }

  resume(): void {
    this.dispatcher.stop();
    this.dispatcher.resume();
  }

  async stop(): Promise<void> {
    this.dispatcher.stop();
  }
}
