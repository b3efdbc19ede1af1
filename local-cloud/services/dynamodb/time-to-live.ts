import type {
  DescribeTimeToLiveCommandInput,
  DescribeTimeToLiveCommandOutput,
  UpdateTimeToLiveCommandInput,
  UpdateTimeToLiveCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { RequestContext } from '../../service.ts';
import { timeToLiveAlreadyDisabled, timeToLiveAlreadyEnabled, validation } from './errors.ts';
import { forward } from './forwarded-operations.ts';

type Output<T> = Omit<T, '$metadata'>;

/*
 * Time to Live is recorded and reported, not enforced: expired items stay until deleted. (On AWS,
 * deletion is also lazy — within days — so readers must check the expiry attribute anyway, as
 * Powertools idempotency does.)
 */

export async function updateTimeToLive(input: UpdateTimeToLiveCommandInput, ctx: RequestContext): Promise<Output<UpdateTimeToLiveCommandOutput>> {
  const spec = input.TimeToLiveSpecification;
  if (!spec) throw validation("1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null");
  if (typeof spec.Enabled !== 'boolean') {
    throw validation("1 validation error detected: Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null");
  }
  if (!spec.AttributeName) {
    throw validation(
      "1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null",
    );
  }
  if (spec.AttributeName.length > 255) {
    throw validation(
      `1 validation error detected: Value '${spec.AttributeName}' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length less than or equal to 255`,
    );
  }
  // The table must exist: dynalite answers DescribeTable's errors for it.
  await forward('DescribeTable', { TableName: input.TableName }, ctx);
  const state = ctx.cloud.services.dynamodb.store.settings.get(ctx.accountId, ctx.region);
  const tableName = String(input.TableName);
  const current = state.timeToLive[tableName];
  if (spec.Enabled && current?.enabled) throw timeToLiveAlreadyEnabled();
  if (!spec.Enabled && !current?.enabled) throw timeToLiveAlreadyDisabled();
  state.timeToLive[tableName] = { attributeName: spec.AttributeName, enabled: spec.Enabled };
  return { TimeToLiveSpecification: { Enabled: spec.Enabled, AttributeName: spec.AttributeName } };
}

export async function describeTimeToLive(input: DescribeTimeToLiveCommandInput, ctx: RequestContext): Promise<Output<DescribeTimeToLiveCommandOutput>> {
  await forward('DescribeTable', { TableName: input.TableName }, ctx);
  const setting = ctx.cloud.services.dynamodb.store.settings.get(ctx.accountId, ctx.region).timeToLive[String(input.TableName)];
  return {
    TimeToLiveDescription: setting?.enabled ? { TimeToLiveStatus: 'ENABLED', AttributeName: setting.attributeName } : { TimeToLiveStatus: 'DISABLED' },
  };
}
