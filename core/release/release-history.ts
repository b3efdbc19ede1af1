/**
 * What earlier releases tell a new one: the last image that reached `stable` (for skip-when-unchanged and
 * the upstream watch), and the image a rollback goes back to.
 */
import type { ReleaseHistory, SuccessRecord } from './ports.ts';

/** How many successes a rollback looks back over. */
const ROLLBACK_DEPTH = 20;

export async function lastSuccess(pipeline: string, history: ReleaseHistory): Promise<SuccessRecord | undefined> {
  return (await history.latestSuccesses(pipeline, 1))[0];
}

/**
 * The newest earlier success whose image is not the current one and was never rolled back from: rolling back
 * twice must not bring back the image the first rollback removed.
 */
export function chooseRollbackTarget(successes: readonly SuccessRecord[]): SuccessRecord | undefined {
  const [current, ...earlier] = successes;
  if (!current) return undefined;
  const currentIds = new Set(current.amis.map((a) => a.imageId));
  const replaced = new Set(successes.flatMap((s) => s.replacedImageIds ?? []));
  return earlier.find((s) => s.amis.length > 0 && s.amis.every((a) => !currentIds.has(a.imageId) && !replaced.has(a.imageId)));
}

export async function rollbackTarget(pipeline: string, history: ReleaseHistory): Promise<SuccessRecord | undefined> {
  return chooseRollbackTarget(await history.latestSuccesses(pipeline, ROLLBACK_DEPTH));
}
