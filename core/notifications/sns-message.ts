/** A release notification as an SNS message: a plain-text body, and the attributes subscription filter policies match. */
import type { TopicMessage } from './ports.ts';
import { headline, nextSteps, type ReleaseMessage, whatChanged, whatHappened } from './release-message.ts';

/** SNS subjects are ASCII without line breaks, under 100 characters. */
function subjectOf(text: string): string {
  const ascii = text.replace(/[^\x20-\x7E]/g, '').trim();
  return ascii.slice(0, 99);
}

export function snsMessage(message: ReleaseMessage): TopicMessage {
  const lines = [headline(message), '', whatHappened(message)];
  if (message.amis?.length)
    lines.push('', 'AMI per region:', ...message.amis.map((a) => `  ${a.region}: ${a.imageId}${a.accountId ? ` (${a.accountId})` : ''}`));
  const changed = whatChanged(message);
  if (changed) lines.push('', `What changed: ${changed}`);
  lines.push('', 'Next steps:', ...nextSteps(message).map((s) => `  ${s.text}${s.command ? ` ${s.command}` : ''}`));
  lines.push('', `Pipeline: ${message.pipeline}`, `Release: ${message.releaseId}`);
  return {
    subject: subjectOf(`Goldsmith: ${headline(message)}`),
    message: lines.join('\n'),
    attributes: { pipeline: message.pipeline, outcome: message.outcome, release: message.releaseId },
  };
}
