import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { StackContext } from 'sst/constructs';
import { CustomerKey } from './constructs/customer-key.ts';
import { applyTags } from './constructs/resource-tags.ts';
import { useGoldsmith } from './model/goldsmith-app.ts';
import { suppress } from './security/nag-suppressions.ts';
import { removeUnusedHandler } from './security/unused-handler.ts';

/** Where Goldsmith talks: the encrypted topics (Image Builder's build notifications, release messages, alarms) and the Slack webhook secrets. */
export async function Notifications({ stack, app }: StackContext) {
  const goldsmith = await useGoldsmith(app);
  const { model, registry } = goldsmith;

  const key = new CustomerKey(stack, 'NotificationsKey', {
    description: `Goldsmith ${model.stage}: encrypts the notification topics`,
    alias: `${model.prefix}-notifications`,
    tags: model.tags,
  });
  // Image Builder publishes build notifications with its service-linked role (created on first use).
  key.allowRoleArn(
    'ImageBuilderPublishes',
    `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder`,
  );
  const alarms = `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${model.prefix}-*`;
  key.allowService('CloudWatchAlarmsPublish', 'cloudwatch.amazonaws.com', {
    StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
    ArnLike: { 'aws:SourceArn': alarms },
  });
  goldsmith.keys.set('notifications', key);

  for (const spec of model.topics) {
    const topic = new Topic(stack, `Topic-${spec.key}`, {
      topicName: spec.name,
      displayName: spec.description.slice(0, 100),
      masterKey: key.key,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': alarms } },
      }),
    );
    applyTags(topic, spec.tags);
    registry.register('topic', spec.key, { arn: topic.topicArn, name: topic.topicName });
  }

  for (const spec of model.secrets) {
    // No SecretString and no GenerateSecretString: CloudFormation creates the secret without a value.
    const secret = new CfnSecret(stack, `Secret-${spec.key.replace(/[^A-Za-z0-9]/g, '-')}`, { name: spec.name, description: spec.description });
    secret.applyRemovalPolicy(spec.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    applyTags(secret, spec.tags);
    suppress(
      secret,
      'SMG4',
      'The secret holds a Slack incoming webhook URL that an operator puts there; Slack issues the URL, so Secrets Manager cannot rotate it.',
    );
    registry.register('secret', spec.key, { arn: secret.ref, name: spec.name });
  }

  removeUnusedHandler(stack);
}
