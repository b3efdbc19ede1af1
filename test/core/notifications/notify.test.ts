import { describe, expect, it } from 'vitest';
import { askForApproval } from '../../../core/notifications/approval-request.ts';
import { notifyRelease } from '../../../core/notifications/notify-release.ts';
import { notificationTargets } from '../../../core/notifications/targets.ts';
import { awsError, FakeSlack, FakeTopics, MemoryApprovals, MemoryHistory, MemoryLedger } from '../release/fakes.ts';
import { pipelineInput, releaseConfigOf } from '../release/release-fixture.ts';

const TOPIC = 'arn:aws:sns:eu-central-1:123456789012:web-releases';
const targets = { topicArn: TOPIC, slackSecretId: 'goldsmith/slack-webhook' };

function setup() {
  return { history: new MemoryHistory(), ledger: new MemoryLedger(), topics: new FakeTopics(), slack: new FakeSlack(), targets };
}

describe('Notifications: notify-release', () => {
  it('tells SNS and Slack once per release and outcome', async () => {
    // Prepare
    const deps = setup();
    const input = { releaseId: 'r1', pipeline: 'web-server', outcome: 'started' as const };
    // Act
    const first = await notifyRelease(input, 1, deps);
    const again = await notifyRelease(input, 2, deps);
    const other = await notifyRelease({ ...input, outcome: 'failed' }, 3, deps);
    // Assess
    expect(first.channels).toEqual({ sns: 'sent', slack: 'sent' });
    expect(again.channels).toEqual({ sns: 'already-sent', slack: 'already-sent' });
    expect(other.channels).toEqual({ sns: 'sent', slack: 'sent' });
    expect(deps.topics.published.map((p) => p.message.attributes.outcome)).toEqual(['started', 'failed']);
    expect(deps.slack.posted).toHaveLength(2);
  });

  it('tells the other channel when one fails, then sends on a retry only what failed', async () => {
    // Prepare
    const deps = setup();
    deps.topics.failNext = awsError('ThrottlingException');
    const input = { releaseId: 'r1', pipeline: 'web-server', outcome: 'succeeded' as const };
    // Act
    await expect(notifyRelease(input, 1, deps)).rejects.toThrow('ThrottlingException');
    const slackAfterFailure = deps.slack.posted.length;
    const retried = await notifyRelease(input, 2, deps);
    // Assess
    expect(slackAfterFailure).toBe(1);
    expect(retried.channels).toEqual({ sns: 'sent', slack: 'already-sent' });
    expect(deps.topics.published).toHaveLength(1);
    expect(deps.slack.posted).toHaveLength(1);
  });

  it('gives back a claim whose write answered an error, so the retried step still sends, once', async () => {
    // Prepare
    const deps = setup();
    const claim = deps.ledger.claim.bind(deps.ledger);
    let lost = 1;
    deps.ledger.claim = async (...args) => {
      const claimed = await claim(...args);
      if (lost-- > 0) throw awsError('InternalServerError', 'the claim was written, its answer lost');
      return claimed;
    };
    const input = { releaseId: 'r1', pipeline: 'web-server', outcome: 'failed' as const };
    // Act
    await expect(notifyRelease(input, 1, deps)).rejects.toMatchObject({ name: 'InternalServerError' });
    const retried = await notifyRelease(input, 2, deps);
    // Assess
    expect(retried.channels).toEqual({ sns: 'sent', slack: 'already-sent' });
    expect(deps.topics.published).toHaveLength(1);
    expect(deps.slack.posted).toHaveLength(1);
  });

  it('settles a claim kept after a send whose ledger mark failed, on the retry, without sending again', async () => {
    // Prepare
    const deps = setup();
    const markSent = deps.ledger.markSent.bind(deps.ledger);
    let down = 2;
    deps.ledger.markSent = async (...args) => {
      if (down-- > 0) throw awsError('InternalServerError', 'the ledger is unreachable');
      return markSent(...args);
    };
    const input = { releaseId: 'r1', pipeline: 'web-server', outcome: 'succeeded' as const };
    // Act
    await expect(notifyRelease(input, 1, deps)).rejects.toMatchObject({ name: 'InternalServerError' });
    const retried = await notifyRelease(input, 2, deps);
    // Assess
    expect(retried.channels).toEqual({ sns: 'already-sent', slack: 'already-sent' });
    expect(deps.topics.published).toHaveLength(1);
    expect(deps.slack.posted).toHaveLength(1);
    expect([...deps.ledger.entries.values()]).toEqual(['sent', 'sent']);
  });

  it('fails the step again while a kept claim cannot be settled, and never sends it twice', async () => {
    // Prepare
    const deps = setup();
    deps.ledger.markSent = async () => {
      throw awsError('InternalServerError', 'the ledger is unreachable');
    };
    const input = { releaseId: 'r1', pipeline: 'web-server', outcome: 'failed' as const };
    // Act
    await expect(notifyRelease(input, 1, deps)).rejects.toMatchObject({ name: 'InternalServerError' });
    const retried = notifyRelease(input, 2, deps);
    // Assess
    await expect(retried).rejects.toMatchObject({ name: 'InternalServerError' });
    expect(deps.topics.published).toHaveLength(1);
    expect(deps.slack.posted).toHaveLength(1);
  });

  it('says what changed, from the release record', async () => {
    // Prepare
    const deps = setup();
    await deps.history.putRelease({
      pipeline: 'web-server',
      releaseId: 'r1',
      executionArn: 'arn:aws:states:eu-central-1:123456789012:execution:release:r1',
      trigger: { kind: 'scheduled' },
      action: 'build',
      reason: 'Changed since release r0: parent image ami-01 → ami-02.',
      startedAt: 0,
      status: 'running',
      parentImageId: 'ami-02',
    });
    // Act
    await notifyRelease({ releaseId: 'r1', pipeline: 'web-server', outcome: 'started' }, 1, deps);
    // Assess
    expect(deps.topics.published[0].message.message).toContain('What changed: Changed since release r0: parent image ami-01 → ami-02. Parent image: ami-02.');
  });

  it("sends to the pipeline's own topic and secret, else to the installation's", () => {
    // Prepare
    const config = releaseConfigOf([pipelineInput(), pipelineInput({ name: 'quiet', notifications: {}, rollout: { waves: [] } })]);
    const fallback = { topicArn: 'arn:aws:sns:eu-central-1:123456789012:goldsmith', slackSecretId: 'goldsmith/default' };
    const scope = { region: 'eu-central-1', accountId: '123456789012' };
    // Act
    const own = notificationTargets(config.pipelines[0].config, fallback, scope);
    const inherited = notificationTargets(config.pipelines[1].config, fallback, scope);
    // Assess
    expect(own).toEqual({ topicArn: TOPIC, slackSecretId: 'goldsmith/slack-webhook' });
    expect(inherited).toEqual(fallback);
  });
});

describe('Notifications: approval request', () => {
  it('stores the approval even when a channel cannot be told, and says which', async () => {
    // Prepare
    const deps = { ...setup(), approvals: new MemoryApprovals() };
    deps.slack.post = async () => {
      throw Object.assign(new Error("The Slack webhook secret 'goldsmith/slack-webhook' does not exist or has no value yet."), { name: 'SlackSecretError' });
    };
    // Act
    const result = await askForApproval({ taskToken: 't', releaseId: 'r1', pipeline: 'web-server', amis: [] }, 1, deps);
    // Assess
    expect(result.channels).toEqual({ sns: 'sent', slack: 'failed' });
    expect(result.problems).toEqual(["SlackSecretError: The Slack webhook secret 'goldsmith/slack-webhook' does not exist or has no value yet."]);
    expect((await deps.approvals.getApproval('r1'))?.status).toBe('pending');
    expect(deps.topics.published[0].message.attributes.outcome).toBe('awaiting-approval');
  });
});
