/** The errors of notifications. Each keeps an explicit `name` for Step Functions' Retry and Catch. */
export class NotificationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotificationError';
  }
}

/**
 * Slack refused or could not be reached. The message never holds the webhook URL (it is a secret), and the
 * underlying error is not attached as a cause, because it may quote the URL.
 */
export class SlackDeliveryError extends NotificationError {
  constructor(reason: string) {
    super(`Slack did not take the message: ${reason}. Check the webhook secret and that the app is still installed.`);
    this.name = 'SlackDeliveryError';
  }
}

/** The webhook secret is missing or holds no https URL. */
export class SlackSecretError extends NotificationError {
  constructor(secretId: string, reason: string) {
    super(`The Slack webhook secret '${secretId}' ${reason}. Store the incoming-webhook URL (https://hooks.slack.com/…) as its SecretString.`);
    this.name = 'SlackSecretError';
  }
}
