import { describe, expect, it } from 'vitest';
import type { ReleaseMessage } from '../../../core/notifications/release-message.ts';
import { slackMessage } from '../../../core/notifications/slack-message.ts';

const base: ReleaseMessage = {
  releaseId: 'web-server-2026-11-scheduled',
  pipeline: 'web-server',
  outcome: 'succeeded',
  amis: [
    { region: 'eu-central-1', imageId: 'ami-0aaaaaaaaaaaaaaaa' },
    { region: 'eu-west-1', imageId: 'ami-0bbbbbbbbbbbbbbbb' },
  ],
  changes: 'Changed since release web-server-2026-10-scheduled: parent image ami-01 → ami-02.',
  components: [{ name: 'acme-install-nginx', version: '1.0.3' }],
};

describe('Notifications: Slack Block Kit message', () => {
  it('says what happened, the AMI per region, what changed and the next steps', () => {
    // Act
    const message = slackMessage(base);
    // Assess
    expect(message.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: ':white_check_mark: web-server released', emoji: true } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '*What happened*\nRelease web-server-2026-11-scheduled rolled out every wave, and the stable channel points at the new image.',
        },
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*AMI per region*' },
        fields: [
          { type: 'mrkdwn', text: '*eu-central-1*\n`ami-0aaaaaaaaaaaaaaaa`' },
          { type: 'mrkdwn', text: '*eu-west-1*\n`ami-0bbbbbbbbbbbbbbbb`' },
        ],
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '*What changed*\nChanged since release web-server-2026-10-scheduled: parent image ami-01 → ami-02. Components: acme-install-nginx 1.0.3.',
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: '*Next steps*\n• If the new image misbehaves, roll back: `goldsmith rollback web-server`' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Goldsmith · pipeline web-server · release web-server-2026-11-scheduled' }] },
    ]);
    expect(message.text).toContain('web-server released');
  });

  it('gives the approve and reject commands when a release awaits approval', () => {
    // Act
    const message = slackMessage({ ...base, outcome: 'awaiting-approval' });
    // Assess
    const steps = JSON.stringify(message.blocks.at(-2));
    expect(steps).toContain('goldsmith approve web-server-2026-11-scheduled');
    expect(steps).toContain('goldsmith reject web-server-2026-11-scheduled');
  });

  it('quotes the error of a failed release, escaped for mrkdwn and from the Lambda error payload', () => {
    // Act
    const message = slackMessage({
      ...base,
      outcome: 'failed',
      amis: undefined,
      error: {
        Error: 'ValidationGateError',
        Cause: JSON.stringify({ errorType: 'ValidationGateError', errorMessage: 'Image <x> has 1 critical finding & more' }),
      },
    });
    // Assess
    expect(JSON.stringify(message.blocks[1])).toContain('ValidationGateError: Image &lt;x&gt; has 1 critical finding &amp; more');
    expect(message.blocks.some((b) => JSON.stringify(b).includes('AMI per region'))).toBe(false);
  });

  it("stays within Slack's limits for long texts and many regions", () => {
    // Act
    const message = slackMessage({
      ...base,
      changes: 'x'.repeat(5000),
      amis: Array.from({ length: 14 }, (_, i) => ({ region: `eu-west-${i}`, imageId: 'ami-0aaaaaaaaaaaaaaaa' })),
    });
    // Assess
    for (const block of message.blocks) {
      const text = (block.text as { text?: string } | undefined)?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(3000);
    }
    expect((message.blocks[2].fields as unknown[]).length).toBe(10);
  });
});
