/**
 * Local mode only: points the app's notifications at a loopback inbox, so users can read what a release
 * sent. Each Slack webhook secret gets the inbox's Slack URL as its value, and the inbox subscribes to each
 * topic over HTTP (a stand-in for the team's e-mail subscription). On AWS, people put the real webhook URL
 * in the secret and subscribe themselves; this never runs there.
 */
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { ListSubscriptionsByTopicCommand, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import { type AppModel, type DeploymentScope, ref, resolveReference } from '../../core/app-model/index.ts';
import { type AwsTarget, deployClients, destroyClients } from './local-deployer-clients.ts';
import { isAwsError } from './regional-clients.ts';

export interface InboxUrls {
  slackUrl: string;
  snsUrl: string;
  /** The path every inbox URL has, to tell stale inbox subscriptions from others. */
  path: string;
}

export async function connectInbox(model: AppModel, scope: DeploymentScope, target: AwsTarget, inbox: InboxUrls): Promise<void> {
  const clients = deployClients(target);
  try {
    for (const secret of model.secrets) {
      let current: string | undefined;
      try {
        current = (await clients.secrets.send(new GetSecretValueCommand({ SecretId: secret.name }))).SecretString;
      } catch (error) {
        // A secret created without a value has no AWSCURRENT version yet.
        if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
      }
      if (current !== inbox.slackUrl) await clients.secrets.send(new PutSecretValueCommand({ SecretId: secret.name, SecretString: inbox.slackUrl }));
    }
    for (const topic of model.topics) {
      const topicArn = resolveReference(model, ref('topic', topic.key), scope);
      const listed = await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
      const inboxes = (listed.Subscriptions ?? []).filter(
        (s) => s.Protocol === 'http' && s.Endpoint?.startsWith('http://127.0.0.1:') && s.Endpoint.includes(inbox.path),
      );
      for (const stale of inboxes.filter((s) => s.Endpoint !== inbox.snsUrl && s.SubscriptionArn?.startsWith('arn:'))) {
        await clients.sns.send(new UnsubscribeCommand({ SubscriptionArn: stale.SubscriptionArn }));
      }
      if (!inboxes.some((s) => s.Endpoint === inbox.snsUrl)) {
        await clients.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: inbox.snsUrl }));
      }
    }
  } finally {
    destroyClients(clients);
  }
}
