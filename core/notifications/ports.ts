/** The ports notifications go out through; adapters/aws implements them. */

export interface TopicMessage {
  subject: string;
  message: string;
  /** SNS MessageAttributes (String), for subscription filter policies. */
  attributes: Record<string, string>;
}

export interface TopicPort {
  publish(topicArn: string, message: TopicMessage): Promise<void>;
}

/** Posts a Block Kit payload to the webhook whose URL is in the secret; the URL never leaves the adapter. */
export interface SlackPort {
  post(webhookSecretId: string, payload: unknown): Promise<void>;
}

export type Channel = 'sns' | 'slack';

/** Exactly once per release, outcome and channel: a claim before sending, marked sent after. */
export type ClaimResult = 'claimed' | 'sending' | 'sent';

export interface NotificationLedger {
  /**
   * Conditional: `claimed` when this call took the claim; else `sent`, or `sending` when an earlier attempt took
   * it and did not give it back (it sent and could not mark it, or died while sending).
   */
  claim(releaseId: string, outcome: string, channel: Channel, at: number): Promise<ClaimResult>;
  markSent(releaseId: string, outcome: string, channel: Channel, at: number): Promise<void>;
  /** Gives a claim back after a failed send, so a retry sends it. */
  release(releaseId: string, outcome: string, channel: Channel): Promise<void>;
}
