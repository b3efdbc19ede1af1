/**
 * Slack through an incoming webhook whose URL is a secret in Secrets Manager (DESIGN §5.8). The URL stays in
 * this module: it is never logged, returned, put in an error message or attached as an error's cause.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SlackDeliveryError, SlackSecretError } from '../../core/notifications/errors.ts';
import type { SlackPort } from '../../core/notifications/ports.ts';
import { regionOf } from '../../core/release/resource-names.ts';
import { type AdapterOptions, isAwsError, RegionalClients } from './regional-clients.ts';

/** A rotated secret is picked up within this time. */
const SECRET_CACHE_MS = 5 * 60 * 1000;
const POST_TIMEOUT_MS = 10_000;
const SLACK_ERROR_CODE = /^[a-z0-9_]{1,64}$/;

/**
 * Slack hands out https URLs only, and the secret must never cross a network in clear: plain http is taken only
 * for an endpoint on this host (a local stand-in for Slack, such as the local cloud's inbox).
 */
const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/\S*$/;

/** The URL in a secret: the whole SecretString, or a `url` / `webhookUrl` field of a JSON one. */
function webhookUrlOf(secret: string): string | undefined {
  let value = secret.trim();
  if (value.startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as Record<string, unknown>;
      value = String(parsed.url ?? parsed.webhookUrl ?? parsed.webhook_url ?? '');
    } catch {
      return undefined;
    }
  }
  return /^https:\/\/\S+$/.test(value) || LOOPBACK_HTTP.test(value) ? value : undefined;
}

export class SlackWebhook implements SlackPort {
  private readonly clients: RegionalClients<SecretsManagerClient>;
  private readonly region: string;
  private readonly cache = new Map<string, { url: string; until: number }>();

  constructor(options: AdapterOptions) {
    this.region = options.region;
    this.clients = new RegionalClients((region) => new SecretsManagerClient({ region }), options.instrument);
  }

  private async url(secretId: string): Promise<string> {
    const cached = this.cache.get(secretId);
    if (cached && cached.until > Date.now()) return cached.url;
    const region = secretId.startsWith('arn:') ? regionOf(secretId) : this.region;
    let secret: string | undefined;
    try {
      secret = (await this.clients.in(region).send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
    } catch (error) {
      // Secrets Manager answers the same code for a secret without a value yet (as Goldsmith creates it) as for a missing one.
      if (isAwsError(error, 'ResourceNotFoundException')) throw new SlackSecretError(secretId, 'does not exist or has no value yet');
      throw error;
    }
    const url = secret === undefined ? undefined : webhookUrlOf(secret);
    if (!url) throw new SlackSecretError(secretId, 'holds no https URL');
    this.cache.set(secretId, { url, until: Date.now() + SECRET_CACHE_MS });
    return url;
  }

  async post(webhookSecretId: string, payload: unknown): Promise<void> {
    const url = await this.url(webhookSecretId);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(POST_TIMEOUT_MS),
      });
    } catch (error) {
      // The underlying error may quote the URL: only its kind goes into the message.
      throw new SlackDeliveryError(`the webhook could not be reached (${error instanceof Error ? error.name : 'network error'})`);
    }
    if (!response.ok) {
      // Slack answers an error code (invalid_payload, no_service…); any other body, e.g. a proxy's page that
      // quotes the request path, may hold the secret, so it is left out.
      const body = (await response.text().catch(() => '')).trim();
      throw new SlackDeliveryError(`HTTP ${response.status}${SLACK_ERROR_CODE.test(body) ? ` ${body}` : ''}`);
    }
  }
}
