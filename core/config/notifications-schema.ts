import { z } from 'zod';
import { problem } from './config-issue.ts';
import { secretName, snsTopicArn, snsTopicName } from './identifiers.ts';

/** An SNS topic Goldsmith publishes release messages to: an existing one (`topicArn`) or one it creates, encrypted (`topicName`). */
export const snsNotificationSchema = z
  .strictObject({
    /** An existing topic. */
    topicArn: snsTopicArn.optional(),
    /** A topic Goldsmith creates and encrypts. */
    topicName: snsTopicName.optional(),
  })
  .superRefine((sns, ctx) => {
    if ((sns.topicArn === undefined) === (sns.topicName === undefined)) {
      ctx.addIssue({
        code: 'custom',
        input: sns,
        message: problem('needs exactly one of topicArn and topicName', 'Use topicArn for an existing topic, or topicName for one Goldsmith creates'),
      });
    }
  });

/** Slack messages (Block Kit) through an incoming webhook whose URL lives in Secrets Manager. */
export const slackNotificationSchema = z.strictObject({
  /**
   * Name (or ARN) of the Secrets Manager secret that holds the webhook URL. Never the URL itself (DESIGN §5.8).
   * @example 'goldsmith/slack-webhook'
   */
  webhookSecretName: secretName,
  /**
   * Not supported: a webhook URL is a secret. Listed only so that Goldsmith can say why it refuses it.
   * @deprecated Use webhookSecretName.
   */
  webhookUrl: z
    .never({
      error: problem(
        'must not be in config',
        "A webhook URL is a secret and must never be in config or git (DESIGN §5.8). Store it in Secrets Manager and set webhookSecretName to the secret's name",
      ),
    })
    .optional(),
});

/** Who hears about releases: at start, at each gate and at the end, once per release and outcome. */
export const notificationsSchema = z.strictObject({
  /** @default undefined (no SNS messages) */
  sns: snsNotificationSchema.optional(),
  /** @default undefined (no Slack messages) */
  slack: slackNotificationSchema.optional(),
});

export type NotificationsConfig = z.output<typeof notificationsSchema>;
