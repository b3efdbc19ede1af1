/** notify-release: records the outcome and tells SNS and Slack, exactly once per release and outcome. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { SlackWebhook } from '../adapters/aws/slack-webhook.ts';
import { SnsAdapter } from '../adapters/aws/sns.ts';
import { notifyRelease } from '../core/notifications/notify-release.ts';
import { NotifyInput } from '../core/release/contracts.ts';
import { accountOf } from '../core/release/resource-names.ts';
import { loadEnv } from './lib/env.ts';
import { targetsFor } from './lib/notification-targets.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument, metrics } from './lib/powertools.ts';
import { readReleaseConfig } from './lib/release-config-file.ts';
import { withPowertools } from './lib/with-powertools.ts';
import { workflowTime } from './lib/workflow-time.ts';

const env = loadEnv(['table', 'topicArn', 'slackSecretId', 'configFile']);
const aws = { region: env.region, instrument };
const table = new ReleaseTable(env.table, aws);
const topics = new SnsAdapter(aws);
const slack = new SlackWebhook(aws);

const main = async ({ now, ...input }: z.output<typeof NotifyInput>, context: Context) => {
  const targets = targetsFor(readReleaseConfig(env.configFile), input.pipeline, env, accountOf(context.invokedFunctionArn));
  const result = await notifyRelease(input, workflowTime(now), { history: table.history, ledger: table.ledger, topics, slack, targets });
  // Counted once per release: only the call that recorded the outcome.
  if (result.recorded.firstTime && (input.outcome === 'succeeded' || input.outcome === 'failed')) {
    metrics.addDimension('pipeline', input.pipeline);
    metrics.addMetric(input.outcome === 'succeeded' ? 'ReleaseSucceeded' : 'ReleaseFailed', MetricUnit.Count, 1);
    if (result.recorded.timeToStableSeconds !== undefined) metrics.addMetric('TimeToStable', MetricUnit.Seconds, result.recorded.timeToStableSeconds);
  }
  return result;
};

export const handler = withPowertools(main).use(parseInput(NotifyInput, 'notify-release'));
