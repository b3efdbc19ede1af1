import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SlackWebhook } from '../../adapters/aws/slack-webhook.ts';
import { type FunctionCloud, failure, REGION, startFunctionCloud } from '../functions/function-harness.ts';
import { startWebhookServer, type WebhookServer } from '../functions/webhook-server.ts';

describe('Adapter: Slack webhook', () => {
  let fc: FunctionCloud;
  let hooks: WebhookServer;
  let secrets: SecretsManagerClient;

  beforeAll(async () => {
    fc = await startFunctionCloud('{}');
    hooks = await startWebhookServer();
    secrets = new SecretsManagerClient(fc.sdk);
    // The test server speaks http: the adapter's https URL is sent there.
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => realFetch(url.replace('https://', 'http://'), init));
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await hooks.close();
    await fc.stop();
  });

  it('posts the payload to the URL in the secret, as plain text or as a JSON url field', async () => {
    // Prepare
    const https = hooks.url.replace('http://', 'https://');
    await secrets.send(new CreateSecretCommand({ Name: 'plain', SecretString: `${https}/plain` }));
    await secrets.send(new CreateSecretCommand({ Name: 'json', SecretString: JSON.stringify({ url: `${https}/json` }) }));
    const slack = new SlackWebhook({ region: REGION });
    // Act
    await slack.post('plain', { text: 'one' });
    await slack.post('json', { text: 'two' });
    // Assess
    expect(hooks.received.map((r) => [r.path, JSON.parse(r.body).text, r.headers['content-type']])).toEqual([
      ['/plain', 'one', 'application/json'],
      ['/json', 'two', 'application/json'],
    ]);
  });

  it("keeps Slack's error code, and leaves out an error page that quotes the webhook path", async () => {
    // Prepare
    const secretPath = '/services/T0123ABCD/B0123ABCD/ZZsecretTokenZZ';
    await secrets.send(new CreateSecretCommand({ Name: 'echoed', SecretString: `${hooks.url.replace('http://', 'https://')}${secretPath}` }));
    const slack = new SlackWebhook({ region: REGION });
    hooks.status = 404;
    // Act
    const coded = await failure(slack.post('echoed', {}));
    hooks.echoPath = true;
    const echoed = await failure(slack.post('echoed', {}));
    hooks.echoPath = false;
    hooks.status = 200;
    // Assess
    expect(coded).toMatchObject({ name: 'SlackDeliveryError', message: expect.stringContaining('HTTP 404 invalid_payload') });
    expect(echoed).toMatchObject({ name: 'SlackDeliveryError', message: expect.stringContaining('HTTP 404.') });
    expect(echoed?.message).not.toContain('ZZsecretTokenZZ');
    expect(echoed?.message).not.toContain('T0123ABCD');
  });

  it('posts to a plain http URL on this host only: one on the network would carry the secret in clear', async () => {
    // Prepare
    vi.unstubAllGlobals();
    await secrets.send(new CreateSecretCommand({ Name: 'loopback', SecretString: `${hooks.url}/loopback` }));
    await secrets.send(new CreateSecretCommand({ Name: 'cleartext', SecretString: 'http://hooks.example.com/services/T0/B0/secret' }));
    const slack = new SlackWebhook({ region: REGION });
    // Act
    await slack.post('loopback', { text: 'local' });
    const cleartext = await failure(slack.post('cleartext', {}));
    // Assess
    expect(hooks.received.at(-1)).toMatchObject({ path: '/loopback', body: JSON.stringify({ text: 'local' }) });
    expect(cleartext).toMatchObject({ name: 'SlackSecretError', message: expect.stringContaining('holds no https URL') });
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => realFetch(url.replace('https://', 'http://'), init));
  });

  it('names a missing or unusable secret, and never puts the URL in an error', async () => {
    // Prepare
    await secrets.send(new CreateSecretCommand({ Name: 'not-a-url', SecretString: 'hooks.slack.com/services/T0/B0/secret' }));
    await secrets.send(new CreateSecretCommand({ Name: 'refused', SecretString: `${hooks.url.replace('http://', 'https://')}/refused` }));
    const slack = new SlackWebhook({ region: REGION });
    hooks.status = 403;
    // Act
    const missing = await failure(slack.post('nope', {}));
    const notUrl = await failure(slack.post('not-a-url', {}));
    const refused = await failure(slack.post('refused', {}));
    hooks.status = 200;
    // Assess
    expect(missing).toMatchObject({ name: 'SlackSecretError', message: expect.stringContaining("'nope' does not exist or has no value yet") });
    expect(notUrl).toMatchObject({ name: 'SlackSecretError', message: expect.stringContaining('holds no https URL') });
    expect(refused).toMatchObject({ name: 'SlackDeliveryError', message: expect.stringContaining('HTTP 403') });
    for (const error of [missing, notUrl, refused]) {
      expect(error?.message).not.toContain('127.0.0.1');
      expect(error?.message).not.toContain('T0/B0');
      expect(error?.message).not.toContain('/refused');
      expect(error?.cause).toBeUndefined();
    }
  });
});
