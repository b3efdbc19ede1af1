/** A local HTTP endpoint for tests: a Slack incoming webhook and an SNS HTTP subscription, recording what they receive. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface WebhookServer {
  url: string;
  received: Received[];
  /** Answers this status to the next requests. */
  status: number;
  /** Answers errors with a page that quotes the request path, as some proxies do. */
  echoPath: boolean;
  close(): Promise<void>;
}

export async function startWebhookServer(): Promise<WebhookServer> {
  const state = { received: [] as Received[], status: 200, echoPath: false };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      state.received.push({ path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(state.status, { 'content-type': 'text/plain' });
      response.end(state.status === 200 ? 'ok' : state.echoPath ? `<html>No webhook at ${request.url}</html>` : 'invalid_payload');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
