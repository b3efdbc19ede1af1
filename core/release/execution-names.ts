/**
 * Deterministic execution names, one per trigger. The name is also the release id: Step Functions refuses
 * a second execution of the same name, so a repeated trigger can never start a second release.
 */
import { shortHash } from './deterministic-ids.ts';

const NAME = /^[A-Za-z0-9_-]{1,80}$/;

function checked(name: string): string {
  if (!NAME.test(name)) throw new RangeError(`Execution name '${name}' is not 1–80 letters, digits, hyphens and underscores.`);
  return name;
}

/** The year and month of `at` in the schedule's time zone, so a 00:30 Berlin run on the 1st counts for its own month. */
function yearMonth(at: Date, timeZone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

export const executionNames = {
  /** `<pipeline>-<yyyy>-<mm>-scheduled`: one scheduled release per pipeline and month. */
  scheduled: (pipeline: string, scheduledTime: Date, timeZone?: string) => checked(`${pipeline}-${yearMonth(scheduledTime, timeZone)}-scheduled`),
  /** `<pipeline>-req-<hash>`: one release per Release Requested request id. */
  requested: (pipeline: string, requestId: string) => checked(`${pipeline}-req-${shortHash(requestId)}`),
  /** `<pipeline>-after-<hash>`: one release of a chained pipeline per release of its parent. */
  chained: (pipeline: string, parentReleaseId: string) => checked(`${pipeline}-after-${shortHash(parentReleaseId)}`),
  /** `<pipeline>-upstream-<ami>`: one release per parent image. */
  upstream: (pipeline: string, parentImageId: string) => checked(`${pipeline}-upstream-${parentImageId}`),
  /** `<pipeline>-ext-<hash>`: one validation per build started outside Goldsmith. */
  externalBuild: (pipeline: string, imageBuildVersionArn: string) => checked(`${pipeline}-ext-${shortHash(imageBuildVersionArn)}`),
  /** `<pipeline>-run-<hash>`: an operator's `goldsmith run`, per request id. */
  manual: (pipeline: string, requestId: string) => checked(`${pipeline}-run-${shortHash(requestId)}`),
  /** `<pipeline>-rollback-<hash>`: an operator's `goldsmith rollback`, per request id. */
  rollback: (pipeline: string, requestId: string) => checked(`${pipeline}-rollback-${shortHash(requestId)}`),
};
