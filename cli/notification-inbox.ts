/**
 * Where local releases' notifications land, so users can read them: a loopback HTTP server that answers
 * as a Slack incoming webhook does (POST JSON, `ok`) and as an SNS HTTP subscriber (it confirms the
 * subscription, then records each notification). Messages are appended to `.goldsmith/inbox.jsonl`, so
 * `goldsmith status` shows them after the cloud stopped.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

export interface InboxMessage {
  /** Real epoch ms it arrived. */
  receivedAt: number;
  channel: 'slack' | 'sns';
  /** Slack: the message's `text`; SNS: the message body. */
  text: string;
  /** SNS: the topic and subject. */
  topicArn?: string;
  subject?: string;
  /** Slack: the Block Kit blocks, as sent. */
  blocks?: unknown[];
}

export interface NotificationInbox {
  /** The Slack webhook URL to put in the Slack secret. */
  readonly slackUrl: string;
  /** The SNS HTTP endpoint to subscribe to topics. */
  readonly snsUrl: string;
  readonly messages: InboxMessage[];
  close(): Promise<void>;
}

/** Loopback inbox URLs have this path, so a deploy can tell its own stale subscriptions from a user's. */
export const INBOX_PATH = '/goldsmith-inbox';

export async function startNotificationInbox(options: { file?: string } = {}): Promise<NotificationInbox> {
  const messages: InboxMessage[] = [];
  const record = (message: InboxMessage) => {
    messages.push(message);
    if (options.file) {
      mkdirSync(dirname(options.file), { recursive: true });
      appendFileSync(options.file, `${JSON.stringify(message)}\n`);
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'POST' && path === `${INBOX_PATH}/slack`) {
        const payload = parse(body);
        if (!payload || (typeof payload.text !== 'string' && !Array.isArray(payload.blocks))) {
          // Slack's answer to a payload without text or blocks.
          res.writeHead(400, { 'content-type': 'text/plain' }).end('no_text');
          return;
        }
        record({ receivedAt: Date.now(), channel: 'slack', text: String(payload.text ?? ''), blocks: payload.blocks as unknown[] | undefined });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      if (req.method === 'POST' && path === `${INBOX_PATH}/sns`) {
        const message = parse(body);
        if (message?.Type === 'SubscriptionConfirmation' && typeof message.SubscribeURL === 'string') {
          void fetch(message.SubscribeURL).catch(() => {});
        } else if (message?.Type === 'Notification') {
          record({
            receivedAt: Date.now(),
            channel: 'sns',
            text: String(message.Message ?? ''),
            topicArn: String(message.TopicArn ?? ''),
            ...(typeof message.Subject === 'string' ? { subject: message.Subject } : {}),
          });
        }
        res.writeHead(200).end();
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no_service');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}${INBOX_PATH}`;
  return {
    slackUrl: `${base}/slack`,
    snsUrl: `${base}/sns`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every message an inbox file holds, oldest first. */
export function readInbox(file: string): InboxMessage[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as InboxMessage];
      } catch {
        return [];
      }
    });
}

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
