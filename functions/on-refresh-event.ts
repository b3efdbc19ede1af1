/** on-refresh-event: an instance refresh event completes the waiting wave. */
import { AutoScalingAdapter } from '../adapters/aws/auto-scaling.ts';
import { ReleaseTable } from '../adapters/aws/release-table.ts';
import { StepFunctionsAdapter } from '../adapters/aws/step-functions.ts';
import { DetailTypes, InstanceRefreshEvent } from '../core/release/events.ts';
import { onRefreshEvent } from '../core/release/refresh-waits.ts';
import { loadEnv } from './lib/env.ts';
import { idempotentOn } from './lib/idempotency.ts';
import { parseInput } from './lib/parse-input.ts';
import { instrument, logger } from './lib/powertools.ts';
import { withPowertools } from './lib/with-powertools.ts';

const env = loadEnv(['table', 'idempotencyTable']);
const aws = { region: env.region, instrument };
const tokens = new ReleaseTable(env.table, aws).tokens;
const tasks = new StepFunctionsAdapter(aws);
const autoScaling = new AutoScalingAdapter(aws);

const main = async (event: InstanceRefreshEvent) => {
  const result = await onRefreshEvent(
    {
      kind: event['detail-type'].slice(DetailTypes.refreshPrefix.length),
      region: event.region,
      refresh: { region: event.region, autoScalingGroupName: event.detail.AutoScalingGroupName, instanceRefreshId: event.detail.InstanceRefreshId },
    },
    Date.now(),
    { tokens, tasks, autoScaling },
  );
  // The rule matches every group's refreshes: most of a large account's are not Goldsmith's, so this stays at debug.
  if (result.action === 'ignored') logger.debug('Ignored an instance refresh event', { group: event.detail.AutoScalingGroupName, reason: result.reason });
  return result;
};

export const handler = withPowertools(main)
  .use(parseInput(InstanceRefreshEvent, 'on-refresh-event'))
  .use(idempotentOn(env.idempotencyTable, env.region, 'id'));
