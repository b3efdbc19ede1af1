import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type NotificationInbox, readInbox, startNotificationInbox } from '../../cli/notification-inbox.ts';

let inbox: NotificationInbox | undefined;
let dir: string | undefined;
afterEach(async () => {
  await inbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('CLI: notification inbox', () => {
  it('answers a Slack webhook post with ok and keeps its text and blocks on disk', async () => {
    // Prepare
    dir = mkdtempSync(join(tmpdir(), 'goldsmith-inbox-'));
    inbox = await startNotificationInbox({ file: join(dir, 'inbox.jsonl') });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*web-server* released' } }];
    // Act
    const response = await fetch(inbox.slackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'web-server released', blocks }),
    });
    // Assess
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(readInbox(join(dir, 'inbox.jsonl'))).toEqual([expect.objectContaining({ channel: 'slack', text: 'web-server released', blocks })]);
  });

  it('answers no_text with 400 to a Slack post without text or blocks, as Slack does', async () => {
    // Prepare
    inbox = await startNotificationInbox();
    // Act
    const response = await fetch(inbox.slackUrl, { method: 'POST', body: JSON.stringify({ username: 'goldsmith' }) });
    // Assess
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('no_text');
    expect(inbox.messages).toEqual([]);
  });

  it('confirms an SNS subscription and records the notifications that follow', async () => {
    // Prepare
    inbox = await startNotificationInbox();
    let confirmed = false;
    const { createServer } = await import('node:http');
    const confirmer = createServer((_req, res) => {
      confirmed = true;
      res.end('<ConfirmSubscriptionResponse/>');
    });
    await new Promise<void>((resolve) => confirmer.listen(0, '127.0.0.1', resolve));
    const port = (confirmer.address() as { port: number }).port;
    // Act
    await fetch(inbox.snsUrl, {
      method: 'POST',
      body: JSON.stringify({ Type: 'SubscriptionConfirmation', SubscribeURL: `http://127.0.0.1:${port}/?Action=ConfirmSubscription` }),
    });
    await fetch(inbox.snsUrl, {
      method: 'POST',
      body: JSON.stringify({ Type: 'Notification', TopicArn: 'arn:aws:sns:eu-central-1:123456789012:t', Subject: 'Released', Message: 'body' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    confirmer.close();
    // Assess
    expect(confirmed).toBe(true);
    expect(inbox.messages).toEqual([
      expect.objectContaining({ channel: 'sns', subject: 'Released', text: 'body', topicArn: 'arn:aws:sns:eu-central-1:123456789012:t' }),
    ]);
  });
});
