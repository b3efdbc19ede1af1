import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfirmSubscriptionCommand, CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReleaseTable } from '../../adapters/aws/release-table.ts';
import { StepFunctionsAdapter } from '../../adapters/aws/step-functions.ts';
import { decideApproval, findApproval } from '../../core/release/approval.ts';
import { pipelineInput, releaseConfigOf } from '../core/release/release-fixture.ts';
import { type FunctionCloud, failure, invoke, REGION, startFunctionCloud, TABLE, waitingTask } from './function-harness.ts';
import { startWebhookServer, type WebhookServer } from './webhook-server.ts';

// The Slack webhook posts to a local server; Slack only allows https, so the test secret holds a URL on this side.
const config = releaseConfigOf([
  pipelineInput({ notifications: { sns: { topicName: 'web-releases' }, slack: { webhookSecretName: 'goldsmith/slack-webhook' } } }),
]);
const amis = [
  { region: REGION, imageId: 'ami-0aaaaaaaaaaaaaaaa' },
  { region: 'eu-west-1', imageId: 'ami-0bbbbbbbbbbbbbbbb' },
];

describe('Handlers: notifications', () => {
  let fc: FunctionCloud;
  let hooks: WebhookServer;
  let webhookUrl: string;
  let notify: typeof import('../../functions/notify-release.ts').handler;
  let requestApproval: typeof import('../../functions/request-approval.ts').handler;
  const slackPosts = () => hooks.received.filter((r) => r.path === '/slack').map((r) => JSON.parse(r.body));
  const snsNotifications = () =>
    hooks.received
      .filter((r) => r.path === '/sns')
      .map((r) => JSON.parse(r.body))
      .filter((m) => m.Type === 'Notification');
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  beforeAll(async () => {
    fc = await startFunctionCloud(JSON.stringify(config), { timeScale: 1 });
    hooks = await startWebhookServer();
    webhookUrl = `${hooks.url}/slack`.replace('http://', 'https://');
    // Node's fetch cannot speak TLS to the test server: the adapter gets http through its own fetch, only in this test.
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => realFetch(url.replace('https://', 'http://'), init));
    await new SecretsManagerClient(fc.sdk).send(new CreateSecretCommand({ Name: 'goldsmith/slack-webhook', SecretString: webhookUrl }));
    const sns = new SNSClient(fc.sdk);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'web-releases' }));
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'http',
        Endpoint: `${hooks.url}/sns`,
        Attributes: { FilterPolicy: JSON.stringify({ outcome: ['failed', 'awaiting-approval'] }) },
      }),
    );
    await settle();
    const confirmation = hooks.received.map((r) => JSON.parse(r.body)).find((m) => m.Type === 'SubscriptionConfirmation');
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation.Token }));
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    ({ handler: notify } = await import('../../functions/notify-release.ts'));
    ({ handler: requestApproval } = await import('../../functions/request-approval.ts'));
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await hooks.close();
    await fc.stop();
  });

  describe('Handler: notify-release', () => {
    it('posts one Block Kit message per outcome to Slack and publishes to SNS with filterable attributes', async () => {
      // Prepare
      const output = vi.spyOn(process.stdout, 'write');
      // Act
      const first = await invoke(notify, { releaseId: 'r1', pipeline: 'web-server', outcome: 'failed', error: { Error: 'BuildFailedError', Cause: 'boom' } });
      const repeat = await invoke(notify, { releaseId: 'r1', pipeline: 'web-server', outcome: 'failed', error: { Error: 'BuildFailedError', Cause: 'boom' } });
      await invoke(notify, { releaseId: 'r1', pipeline: 'web-server', outcome: 'started' });
      await settle();
      // Assess
      expect(first.channels).toEqual({ sns: 'sent', slack: 'sent' });
      expect(repeat.channels).toEqual({ sns: 'already-sent', slack: 'already-sent' });
      expect(slackPosts().map((p) => p.blocks[0].text.text)).toEqual([':x: Release of web-server failed', ':hammer_and_wrench: Release of web-server started']);
      // The subscription's filter policy takes failures only: the attributes are there.
      expect(snsNotifications().map((m) => [m.Subject, m.MessageAttributes.outcome.Value, m.MessageAttributes.pipeline.Value])).toEqual([
        ['Goldsmith: Release of web-server failed', 'failed', 'web-server'],
      ]);
      const logged = output.mock.calls.map((call) => String(call[0])).join('');
      output.mockRestore();
      expect(logged).not.toContain(hooks.url);
      expect(logged).not.toContain('/slack');
    });

    it('records a success once, emitting ReleaseSucceeded and TimeToStable once', async () => {
      // Prepare
      const { metrics } = await import('../../functions/lib/powertools.ts');
      const added = vi.spyOn(metrics, 'addMetric');
      await new ReleaseTable(TABLE, { region: REGION }).history.putRelease({
        pipeline: 'web-server',
        releaseId: 'r7',
        executionArn: 'arn:aws:states:eu-central-1:123456789012:execution:goldsmith-release:r7',
        trigger: { kind: 'scheduled' },
        action: 'build',
        reason: 'Changed since release r6: parent image ami-01 → ami-02.',
        startedAt: Date.parse('2026-11-10T02:00:00Z'),
        status: 'running',
      });
      const input = { releaseId: 'r7', pipeline: 'web-server', outcome: 'succeeded', amis, now: '2026-11-10T03:30:00Z' };
      // Act
      const first = await invoke(notify, input);
      const repeat = await invoke(notify, input);
      // Assess
      expect(first.recorded).toEqual({ firstTime: true, timeToStableSeconds: 5400 });
      expect(repeat.recorded).toEqual({ firstTime: false });
      expect(added.mock.calls.map((call) => call.slice(0, 3))).toEqual([
        ['ReleaseSucceeded', 'Count', 1],
        ['TimeToStable', 'Seconds', 5400],
      ]);
      const [success] = await new ReleaseTable(TABLE, { region: REGION }).history.latestSuccesses('web-server', 1);
      expect(success).toMatchObject({ releaseId: 'r7', amis });
      added.mockRestore();
    });

    it('throws InvalidInputError naming the field, and sends nothing', async () => {
      // Prepare
      const before = hooks.received.length;
      // Act
      const attempt = invoke(notify, { releaseId: 'r2', pipeline: 'web-server', outcome: 'exploded' });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('outcome:') });
      await settle();
      expect(hooks.received.length).toBe(before);
    });

    it('throws SlackDeliveryError without the webhook URL when Slack refuses, and sends it on the retry', async () => {
      // Prepare
      hooks.status = 500;
      // Act
      const attempt = invoke(notify, { releaseId: 'r3', pipeline: 'web-server', outcome: 'skipped', summary: 'Nothing changed.' });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'SlackDeliveryError' });
      await expect(attempt).rejects.not.toThrow(/127\.0\.0\.1|slack/);
      hooks.status = 200;
      const retried = await invoke(notify, { releaseId: 'r3', pipeline: 'web-server', outcome: 'skipped', summary: 'Nothing changed.' });
      expect(retried.channels).toEqual({ sns: 'already-sent', slack: 'sent' });
    });
  });

  describe('Handler: request-approval', () => {
    it('stores the token for goldsmith approve, asks on Slack and SNS, and an approval continues the release', async () => {
      // Prepare
      const task = await waitingTask(fc);
      const aws = { region: REGION };
      const table = new ReleaseTable(TABLE, aws);
      // Act
      await invoke(requestApproval, { taskToken: task.token, releaseId: 'r4', pipeline: 'web-server', amis });
      const found = await findApproval('r4', { approvals: table.approvals });
      const decided = await decideApproval({ releaseId: 'r4', decision: 'approve', by: 'alice' }, Date.now(), {
        approvals: table.approvals,
        tasks: new StepFunctionsAdapter(aws),
        sleep: async () => undefined,
      });
      await settle();
      // Assess
      expect(found).toMatchObject({ releaseId: 'r4', pipeline: 'web-server', status: 'pending', amis });
      expect(decided).toEqual({ releaseId: 'r4', pipeline: 'web-server', status: 'approved', delivered: true });
      expect((await task.ended()).status).toBe('SUCCEEDED');
      expect(JSON.stringify(slackPosts().at(-1))).toContain('goldsmith approve r4');
      expect(snsNotifications().at(-1)?.MessageAttributes.outcome.Value).toBe('awaiting-approval');
    });

    it('fails the release with ApprovalRejectedError on a reject', async () => {
      // Prepare
      const task = await waitingTask(fc);
      const aws = { region: REGION };
      const table = new ReleaseTable(TABLE, aws);
      await invoke(requestApproval, { taskToken: task.token, releaseId: 'r5', pipeline: 'web-server', amis });
      // Act
      await decideApproval({ releaseId: 'r5', decision: 'reject', by: 'bob', comment: 'not today' }, Date.now(), {
        approvals: table.approvals,
        tasks: new StepFunctionsAdapter(aws),
        sleep: async () => undefined,
      });
      // Assess
      expect(await task.ended()).toMatchObject({
        status: 'FAILED',
        error: 'ApprovalRejectedError',
        cause: expect.stringMatching(/^Rejected by bob: not today \(approval [0-9a-f]{16}\)\.$/),
      });
    });

    it('logs, returns and sends nothing of the webhook URL when Slack answers a page that quotes it', async () => {
      // Prepare
      const task = await waitingTask(fc);
      const written: string[] = [];
      const capture = (stream: NodeJS.WriteStream) =>
        vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
          written.push(String(chunk));
          return true;
        });
      const stdout = capture(process.stdout);
      const stderr = capture(process.stderr);
      hooks.status = 404;
      hooks.echoPath = true;
      // Act
      const requested = await invoke(requestApproval, { taskToken: task.token, releaseId: 'r8', pipeline: 'web-server', amis });
      const notified = await failure(invoke(notify, { releaseId: 'r8', pipeline: 'web-server', outcome: 'failed', error: { Error: 'X', Cause: 'y' } }));
      hooks.status = 200;
      hooks.echoPath = false;
      stdout.mockRestore();
      stderr.mockRestore();
      await settle();
      // Assess
      expect(requested.channels.slack).toBe('failed');
      expect(written.join('')).toContain('The approval request was not sent everywhere');
      const surfaces = [written.join(''), JSON.stringify(requested), notified?.message, JSON.stringify(process.env), JSON.stringify(snsNotifications())];
      for (const surface of surfaces) {
        expect(surface).not.toContain(webhookUrl);
        expect(surface).not.toContain(hooks.url);
        expect(surface).not.toContain('/slack');
      }
    });

    it('throws InvalidInputError naming the field, and stores nothing', async () => {
      // Act
      const attempt = invoke(requestApproval, { releaseId: 'r6', pipeline: 'web-server', amis });
      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('taskToken:') });
      expect(await findApproval('r6', { approvals: new ReleaseTable(TABLE, { region: REGION }).approvals })).toBeUndefined();
    });
  });
});
