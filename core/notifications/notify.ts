/**
 * Sends a release notification to SNS and Slack exactly once per release, outcome and channel (DESIGN §5.2):
 * each channel is claimed in the ledger before it is sent, and the claim is given back if sending fails, so
 * a retried step sends what is missing and nothing twice. A claim an earlier attempt kept (it sent, or died while
 * sending) is never sent again: a notification may then be missing, never doubled. Channels are independent: one
 * failing does not keep the other from being told.
 */
import type { Channel, ClaimResult, NotificationLedger, SlackPort, TopicPort } from './ports.ts';
import type { ReleaseMessage } from './release-message.ts';
import { slackMessage } from './slack-message.ts';
import { snsMessage } from './sns-message.ts';
import type { NotificationTargets } from './targets.ts';

export type ChannelResult = 'sent' | 'already-sent' | 'not-configured' | 'failed';

export interface NotifyDeps {
  ledger: NotificationLedger;
  topics: TopicPort;
  slack: SlackPort;
  targets: NotificationTargets;
}

export interface NotificationOutcome {
  channels: Record<Channel, ChannelResult>;
  /** Why channels failed; their claims were given back. */
  errors: Error[];
}

/** Tries every channel, and reports each one's result. */
export async function sendNotification(message: ReleaseMessage, now: number, deps: NotifyDeps): Promise<NotificationOutcome> {
  const { topicArn, slackSecretId } = deps.targets;
  const errors: Error[] = [];
  const sns = await once(message, 'sns', now, deps.ledger, errors, topicArn ? () => deps.topics.publish(topicArn, snsMessage(message)) : undefined);
  const slack = await once(message, 'slack', now, deps.ledger, errors, slackSecretId ? () => deps.slack.post(slackSecretId, slackMessage(message)) : undefined);
  return { channels: { sns, slack }, errors };
}

/** Like sendNotification, but fails with the first channel's error once every channel was tried, so the step is retried. */
export async function notify(message: ReleaseMessage, now: number, deps: NotifyDeps): Promise<Record<Channel, ChannelResult>> {
  const { channels, errors } = await sendNotification(message, now, deps);
  if (errors.length > 0) throw errors[0];
  return channels;
}

async function once(
  message: ReleaseMessage,
  channel: Channel,
  now: number,
  ledger: NotificationLedger,
  errors: Error[],
  send: (() => Promise<void>) | undefined,
): Promise<ChannelResult> {
  if (!send) return 'not-configured';
  const { releaseId, outcome } = message;
  let claim: ClaimResult;
  try {
    claim = await ledger.claim(releaseId, outcome, channel, now);
  } catch (error) {
    // The claim may have been written with its answer lost: give it back, or the retried step would find it
    // taken and never send. Nothing was sent yet, so this cannot send twice.
    await ledger.release(releaseId, outcome, channel).catch(() => undefined);
    return failed(error, errors);
  }
  if (claim === 'sent') return 'already-sent';
  if (claim === 'sending') {
    // An earlier attempt of this step claimed it and kept the claim: it sent and could not mark it sent, or it
    // died while sending. Sending again could tell people twice (DESIGN §5.2), so the claim is settled as sent.
    return (await settle(ledger, message, channel, now, errors)) ? 'already-sent' : 'failed';
  }
  try {
    await send();
  } catch (error) {
    await ledger.release(releaseId, outcome, channel);
    return failed(error, errors);
  }
  // Sent: if the ledger cannot say so now, the step fails and its retry settles the claim without sending.
  await settle(ledger, message, channel, now, errors);
  return 'sent';
}

async function settle(ledger: NotificationLedger, message: ReleaseMessage, channel: Channel, now: number, errors: Error[]): Promise<boolean> {
  try {
    await ledger.markSent(message.releaseId, message.outcome, channel, now);
    return true;
  } catch (error) {
    failed(error, errors);
    return false;
  }
}

function failed(error: unknown, errors: Error[]): 'failed' {
  errors.push(error instanceof Error ? error : new Error(String(error)));
  return 'failed';
}
