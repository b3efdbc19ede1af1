import { readFileSync } from 'node:fs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { type HttpReceiver, startHttpReceiver } from '../sns/http-receiver.ts';

const ACCOUNT = '123456789012';

describe('EventBridge: rule to SNS to an HTTP endpoint', () => {
  let cloud: TestCloud;
  let receiver: HttpReceiver;
  beforeAll(async () => {
    cloud = await startTestCloud();
    receiver = await startHttpReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await cloud.stop();
  });

  it('delivers an Image Builder failure, transformed, as an SNS notification to the subscriber', async () => {
    // Prepare
    const events = new EventBridgeClient(cloud.config());
    const sns = new SNSClient(cloud.config());
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'image-builds' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: receiver.url }));
    const [confirmation] = await receiver.waitFor(1);
    await fetch((JSON.parse(confirmation.body) as { SubscribeURL: string }).SubscribeURL);
    await events.send(
      new PutRuleCommand({
        Name: 'image-state',
        EventPattern: JSON.stringify({
          source: ['aws.imagebuilder'],
          'detail-type': ['EC2 Image Builder Image State Change'],
          detail: { state: { status: ['AVAILABLE', 'FAILED'] } },
        }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'image-state',
        Targets: [
          {
            Id: 'notify',
            Arn: TopicArn,
            InputTransformer: {
              InputPathsMap: { image: '$.resources[0]', status: '$.detail.state.status', reason: '$.detail.state.reason' },
              InputTemplate: '"Image <image> is <status>: <reason>"',
            },
          },
        ],
      }),
    );
    const sample = JSON.parse(readFileSync('/work/shared/events/imagebuilder-image-state-change-failed.json', 'utf8')) as {
      detail: Record<string, unknown>;
      resources: string[];
    };
    // Act
    cloud.runtime.emitEvent({
      source: 'aws.imagebuilder',
      'detail-type': 'EC2 Image Builder Image State Change',
      detail: sample.detail,
      resources: sample.resources,
      account: ACCOUNT,
      region: 'us-east-1',
    });
    const [, notification] = await receiver.waitFor(2);
    const body = JSON.parse(notification.body) as { Type: string; TopicArn: string; Message: string };
    // Assess
    expect(notification.headers['x-amz-sns-message-type']).toBe('Notification');
    expect(body.Type).toBe('Notification');
    expect(body.TopicArn).toBe(TopicArn);
    expect(body.Message).toBe(
      '"Image arn:aws:imagebuilder:us-east-1:111122223333:image/web-server-recipe/1.4.0/8 is FAILED: Image Builder failed to execute component install-nginx: step InstallNginx exited with code 100"',
    );
    expect(cloud.runtime.calls.some((c) => c.service === 'sns' && c.operation === 'Publish' && c.caller === 'events')).toBe(true);
  });
});
