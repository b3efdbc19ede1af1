import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { CustomerKey } from '../constructs/customer-key.ts';
import { applyTags } from '../constructs/resource-tags.ts';
import type { GoldsmithApp } from '../model/goldsmith-app.ts';

/** The model's queues: encrypted with the release key, SSL only. Each is where undeliverable events end up. */
export function deadLetterQueues(scope: Construct, goldsmith: GoldsmithApp, key: CustomerKey): Map<string, Queue> {
  const queues = new Map<string, Queue>();
  for (const spec of goldsmith.model.queues) {
    const queue = new Queue(scope, `Queue-${spec.key}`, {
      queueName: spec.name,
      retentionPeriod: Duration.seconds(spec.messageRetentionSeconds),
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key.key,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    applyTags(queue, spec.tags);
    goldsmith.registry.register('queue', spec.key, { arn: queue.queueArn, name: queue.queueName });
    queues.set(spec.key, queue);
  }
  return queues;
}
