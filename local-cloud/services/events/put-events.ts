import { randomUUID } from 'node:crypto';
import type { PutEventsCommandInput, PutEventsCommandOutput, PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import type { CloudEvent } from '../../cloud.ts';
import type { RequestContext } from '../../service.ts';
import { Constraints } from './constraints.ts';
import { entriesTooLarge } from './errors.ts';
import { busNameOf, stateOf } from './store.ts';
import { parseArn } from './target-invocation.ts';

type Output<T> = Omit<T, '$metadata'>;

/** PutEvents accepts at most 256 KB per request, counted as AWS documents it. */
const MAX_REQUEST_BYTES = 262_144;

function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (s: string | undefined) => (s ? Buffer.byteLength(s) : 0);
  return (
    (entry.Time ? 14 : 0) + bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail) + (entry.Resources ?? []).reduce((n, r) => n + bytes(r), 0)
  );
}

const failure = (code: string, message: string): PutEventsResultEntry => ({ ErrorCode: code, ErrorMessage: message });

/** Where an entry goes: a bus in this account and region, or a bus named by ARN elsewhere. */
function destination(entry: PutEventsRequestEntry, ctx: RequestContext) {
  const arn = entry.EventBusName ? parseArn(entry.EventBusName) : undefined;
  return arn
    ? { accountId: arn.accountId, region: arn.region, busName: busNameOf(entry.EventBusName) }
    : { accountId: ctx.accountId, region: ctx.region, busName: entry.EventBusName || 'default' };
}

export function putEvents(input: PutEventsCommandInput, ctx: RequestContext): Output<PutEventsCommandOutput> {
  new Constraints().required(input.Entries, 'entries').length(input.Entries, 'entries', 1, 10).check();
  const entries = input.Entries ?? [];
  if (entries.reduce((n, entry) => n + entrySize(entry), 0) > MAX_REQUEST_BYTES) throw entriesTooLarge();
  const { events } = ctx.cloud.services;
  const results: PutEventsResultEntry[] = [];
  const accepted: Array<{ to: ReturnType<typeof destination>; event: CloudEvent }> = [];
  for (const entry of entries) {
    if (!entry.Source) {
      results.push(failure('InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.'));
      continue;
    }
    if (!entry.DetailType) {
      results.push(failure('InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.'));
      continue;
    }
    if (!entry.Detail) {
      results.push(failure('InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.'));
      continue;
    }
    // Sources that start with "aws." belong to AWS services; their events come from the services themselves.
    if (entry.Source.startsWith('aws.')) {
      results.push(failure('NotAuthorizedForSourceException', 'Not authorized for the source.'));
      continue;
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      detail = undefined;
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      results.push(failure('MalformedDetail', 'Detail is malformed.'));
      continue;
    }
    const to = destination(entry, ctx);
    const state = stateOf(events.store, to.accountId, to.region, ctx.cloud.clock.now());
    if (!state.buses[to.busName]) {
      results.push(failure('ResourceNotFoundException', `Event bus ${to.busName} does not exist.`));
      continue;
    }
    const id = randomUUID();
    const event: CloudEvent = {
      version: '0',
      id,
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: ctx.accountId,
      time: new Date(entry.Time?.getTime() ?? ctx.cloud.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: ctx.region,
      resources: entry.Resources ?? [],
      detail: detail as Record<string, unknown>,
    };
    results.push({ EventId: id });
    accepted.push({ to, event });
  }
  // As on AWS, PutEvents answers before the targets are invoked.
  for (const { to, event } of accepted)
    queueMicrotask(() => {
      void events.router.toBus(to.accountId, to.region, to.busName, event).catch((error: unknown) => ctx.cloud.log(`event delivery failed: ${String(error)}`));
    });
  return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
}
