/** trigger-release: a schedule, a Release Requested event or a chained pipeline's Image Published event → release executions. */
import { ReleaseStarter } from '../adapters/aws/step-functions.ts';
import { type Trigger, TriggerReleaseInput } from '../core/release/events.ts';
import { triggerRelease } from '../core/release/trigger-release.ts';
import { loadEnv } from './lib/env.ts';
import { idempotentOn } from './lib/idempotency.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument } from './lib/powertools.ts';
import { readReleaseConfig } from './lib/release-config-file.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv(['idempotencyTable', 'releaseStateMachineArn', 'configFile']);
const starter = new ReleaseStarter(env.releaseStateMachineArn, { region: env.region, instrument });

const main = async (trigger: Trigger) => triggerRelease(trigger, { config: readReleaseConfig(env.configFile), starter });

// A schedule payload has no event id: its execution id, or the pipeline and scheduled time, identify the delivery.
export const handler = withPowertools(main)
  .use(parseInput(TriggerReleaseInput, 'trigger-release'))
  .use(idempotentOn(env.idempotencyTable, env.region, '[type, input.id, input.pipeline, input.scheduledTime]'));
