/** A release notification as a Slack Block Kit message (incoming webhook payload), within Slack's limits. */
import { headline, nextSteps, type ReleaseMessage, whatChanged, whatHappened } from './release-message.ts';

const EMOJI: Record<ReleaseMessage['outcome'], string> = {
  started: ':hammer_and_wrench:',
  'awaiting-approval': ':raised_hand:',
  succeeded: ':white_check_mark:',
  failed: ':x:',
  skipped: ':fast_forward:',
  rejected: ':no_entry:',
};

/** Slack's mrkdwn needs only &, < and > escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const clip = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit - 1)}…` : text);
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: clip(text, 3000) });

export interface SlackPayload {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

export function slackMessage(message: ReleaseMessage): SlackPayload {
  const title = `${EMOJI[message.outcome]} ${headline(message)}`;
  const blocks: Array<Record<string, unknown>> = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, 150), emoji: true } },
    { type: 'section', text: mrkdwn(`*What happened*\n${escapeMrkdwn(whatHappened(message))}`) },
  ];
  if (message.amis?.length) {
    // A section holds at most 10 fields.
    blocks.push({
      type: 'section',
      text: mrkdwn('*AMI per region*'),
      fields: message.amis.slice(0, 10).map((ami) => mrkdwn(`*${ami.region}*${ami.accountId ? ` (${ami.accountId})` : ''}\n\`${ami.imageId}\``)),
    });
  }
  const changed = whatChanged(message);
  if (changed) blocks.push({ type: 'section', text: mrkdwn(`*What changed*\n${escapeMrkdwn(changed)}`) });
  const steps = nextSteps(message).map((step) => `• ${escapeMrkdwn(step.text)}${step.command ? ` \`${escapeMrkdwn(step.command)}\`` : ''}`);
  blocks.push({ type: 'section', text: mrkdwn(`*Next steps*\n${steps.join('\n')}`) });
  blocks.push({ type: 'context', elements: [mrkdwn(`Goldsmith · pipeline ${escapeMrkdwn(message.pipeline)} · release ${escapeMrkdwn(message.releaseId)}`)] });
  return { text: clip(`${headline(message)}: ${whatHappened(message)}`, 3000), blocks };
}
