/**
 * Powertools idempotency on DynamoDB for event-driven functions: a replayed event (EventBridge retries for up
 * to 24 hours) returns the first result instead of running again.
 */
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { idempotencyStore } from '../../adapters/aws/idempotency-store.ts';
import { instrument } from './powertools.ts';

/** At least 24 hours (DESIGN §6), with an hour to spare. */
export const IDEMPOTENCY_EXPIRY_SECONDS = 25 * 3600;

/** The middleware; `eventKeyJmesPath` picks what identifies a delivery (the event id). */
export function idempotentOn(tableName: string, region: string, eventKeyJmesPath: string) {
  return makeHandlerIdempotent({
    persistenceStore: idempotencyStore(tableName, { region, instrument }),
    config: new IdempotencyConfig({ eventKeyJmesPath, expiresAfterSeconds: IDEMPOTENCY_EXPIRY_SECONDS, throwOnNoIdempotencyKey: true }),
  });
}
