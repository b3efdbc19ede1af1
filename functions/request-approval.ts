/** request-approval (`.waitForTaskToken`): stores the token for `goldsmith approve|reject`, and asks for approval. */
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { SlackWebhook } from '../adapters/aws/slack-webhook.ts';
import { SnsAdapter } from '../adapters/aws/sns.ts';
import { askForApproval } from '../core/notifications/approval-request.ts';
import { RequestApprovalInput } from '../core/release/contracts.ts';
import { accountOf } from '../core/release/resource-names.ts';
import { loadEnv } from './lib/env.ts';
import { targetsFor } from './lib/notification-targets.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument, logger } from './lib/powertools.ts';
import { readReleaseConfig } from './lib/release-config-file.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv(['table', 'topicArn', 'slackSecretId', 'configFile']);
const aws = { region: env.region, instrument };
const table = new ReleaseTable(env.table, aws);
const topics = new SnsAdapter(aws);
const slack = new SlackWebhook(aws);

const main = async (input: z.output<typeof RequestApprovalInput>, context: Context) => {
  const targets = targetsFor(readReleaseConfig(env.configFile), input.pipeline, env, accountOf(context.invokedFunctionArn));
  const requested = await askForApproval(input, Date.now(), { approvals: table.approvals, ledger: table.ledger, topics, slack, targets });
  // The release waits for a decision either way; say which channels could not ask for it.
  if (requested.problems.length > 0) logger.warn('The approval request was not sent everywhere', { releaseId: input.releaseId, problems: requested.problems });
  return requested;
};

export const handler = withPowertools(main).use(parseInput(RequestApprovalInput, 'request-approval'));
