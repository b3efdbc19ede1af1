/** Where a pipeline's notifications go: its own topic and Slack secret from config, else the installation's (env). */
import type { PipelineConfig } from '../config/index.ts';

export interface NotificationTargets {
  topicArn?: string;
  slackSecretId?: string;
}

export function notificationTargets(
  pipeline: PipelineConfig | undefined,
  fallback: NotificationTargets,
  scope: { region: string; accountId: string },
): NotificationTargets {
  const sns = pipeline?.notifications.sns;
  const topicArn = sns?.topicArn ?? (sns?.topicName ? `arn:aws:sns:${scope.region}:${scope.accountId}:${sns.topicName}` : fallback.topicArn);
  const slackSecretId = pipeline?.notifications.slack?.webhookSecretName ?? fallback.slackSecretId;
  return { ...(topicArn && { topicArn }), ...(slackSecretId && { slackSecretId }) };
}
