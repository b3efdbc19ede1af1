/** on-image-event: an Image State Change event completes the waiting release, or starts one for an external build. */
import type { Context } from 'aws-lambda';
import { ImageBuilderAdapter } from '../adapters/aws/image-builder.ts';
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { ReleaseStarter } from '../adapters/aws/step-functions.ts';
import { ImageStateChangeEvent, imageBuildArnOf } from '../core/release/events.ts';
import { onImageEvent } from '../core/release/on-image-event.ts';
import { accountOf } from '../core/release/resource-names.ts';
import { loadEnv } from './lib/env.ts';
import { idempotentOn } from './lib/idempotency.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { readReleaseConfig } from './lib/release-config-file.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv(['table', 'idempotencyTable', 'releaseStateMachineArn', 'configFile']);
const aws = { region: env.region, instrument };
const { tokens, history } = new ReleaseTable(env.table, aws);
const starter = new ReleaseStarter(env.releaseStateMachineArn, aws);
const imageBuilder = new ImageBuilderAdapter(aws);

const main = async (event: ImageStateChangeEvent, context: Context) => {
  const imageBuildVersionArn = imageBuildArnOf(event.resources) as string;
  return onImageEvent({ imageBuildVersionArn, status: event.detail.state.status }, Date.now(), {
    tokens,
    history,
    tasks: starter,
    starter,
    imageBuilder,
    config: readReleaseConfig(env.configFile),
    accountId: accountOf(context.invokedFunctionArn),
  });
};

export const handler = withPowertools(main)
  .use(parseInput(ImageStateChangeEvent, 'on-image-event'))
  .use(idempotentOn(env.idempotencyTable, env.region, 'id'));
