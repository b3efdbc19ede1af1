/** The SNS topic and Slack secret of a pipeline: from its config, else the installation's (GOLDSMITH_TOPIC_ARN, GOLDSMITH_SLACK_SECRET_ID). */
import { type NotificationTargets, notificationTargets } from '../../core/notifications/targets.ts';
import type { ReleaseConfig } from '../../core/release/release-config.ts';

export function targetsFor(config: ReleaseConfig, pipeline: string, fallback: NotificationTargets, accountId: string): NotificationTargets {
  const own = config.pipelines.find((p) => p.config.name === pipeline)?.config;
  return notificationTargets(own, fallback, { region: config.config.region, accountId });
}
