import { Aws } from 'aws-cdk-lib';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { CustomerKey } from '../constructs/customer-key.ts';
import { applyTags } from '../constructs/resource-tags.ts';
import type { GoldsmithApp } from '../model/goldsmith-app.ts';

/**
 * The model's EventBridge rules. Each target has the model's retry policy and dead-letter queue; the
 * function lets only its rule invoke it, and the queue and key let only Goldsmith's rules deliver to them.
 */
export function eventRules(scope: Construct, goldsmith: GoldsmithApp, queues: Map<string, Queue>, key: CustomerKey): void {
  const { model, registry, arns } = goldsmith;
  key.allowService('EventBridgeDeadLetters', 'events.amazonaws.com', {
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnLike: { 'aws:SourceArn': arns.rule(`${model.prefix}-*`) },
  });

  for (const spec of model.rules) {
    const rule = new CfnRule(scope, `Rule-${spec.key}`, {
      name: spec.name,
      description: spec.description,
      eventBusName: spec.eventBusName,
      eventPattern: spec.eventPattern,
      state: 'ENABLED',
      targets: spec.targets.map((target) => ({
        id: target.id,
        arn: registry.resolve(target.arn),
        retryPolicy: {
          maximumRetryAttempts: target.retryPolicy.maximumRetryAttempts,
          maximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds,
        },
        deadLetterConfig: { arn: registry.resolve(target.deadLetterQueueArn) },
      })),
    });
    applyTags(rule, spec.tags);
    registry.register('rule', spec.key, { arn: rule.attrArn, name: spec.name });

    for (const target of spec.targets) {
      new CfnPermission(scope, `Invoke-${spec.key}-${target.id}`, {
        action: 'lambda:InvokeFunction',
        functionName: registry.resolve(target.arn),
        principal: 'events.amazonaws.com',
        sourceArn: rule.attrArn,
        sourceAccount: Aws.ACCOUNT_ID,
      });
      const queue = queues.get(target.deadLetterQueueArn.name);
      if (!queue)
        throw new Error(`Rule ${spec.key} sends undeliverable events to the queue '${target.deadLetterQueueArn.name}', which the app model does not have.`);
      queue.addToResourcePolicy(
        new PolicyStatement({
          sid: `Rule${spec.key.replace(/[^A-Za-z0-9]/g, '')}${target.id.replace(/[^A-Za-z0-9]/g, '')}`,
          effect: Effect.ALLOW,
          principals: [new ServicePrincipal('events.amazonaws.com')],
          actions: ['sqs:SendMessage'],
          resources: [queue.queueArn],
          conditions: { ArnEquals: { 'aws:SourceArn': rule.attrArn } },
        }),
      );
    }
  }
}
