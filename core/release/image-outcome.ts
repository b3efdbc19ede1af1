/**
 * What an Image Builder image's state means for the release waiting on it. GetImage is the authority: events
 * only say when to look, so a late or reordered event can never move a release backwards.
 */
import type { ImageReady } from './contracts.ts';
import { BuildFailedError } from './errors.ts';
import type { ImageView } from './ports.ts';
import type { Completion } from './waiting-tasks.ts';

const FAILED = new Set(['FAILED', 'CANCELLED', 'DELETED', 'DEPRECATED', 'DISABLED']);

export function isTerminalImageStatus(status: string): boolean {
  return status === 'AVAILABLE' || FAILED.has(status);
}

export type ImageOutcome = { kind: 'ready'; ready: ImageReady } | { kind: 'failed'; error: BuildFailedError } | { kind: 'pending'; status: string };

export function imageOutcome(image: ImageView): ImageOutcome {
  if (image.status === 'AVAILABLE') {
    if (image.amis.length === 0) return { kind: 'failed', error: new BuildFailedError(image.arn, 'AVAILABLE', 'the image has no AMIs to release') };
    return { kind: 'ready', ready: { imageBuildVersionArn: image.arn, status: 'AVAILABLE', amis: image.amis } };
  }
  if (FAILED.has(image.status)) return { kind: 'failed', error: new BuildFailedError(image.arn, image.status, image.reason) };
  return { kind: 'pending', status: image.status };
}

/** The task completion for a terminal outcome. */
export function imageCompletion(outcome: Exclude<ImageOutcome, { kind: 'pending' }>): Completion {
  return outcome.kind === 'ready' ? { kind: 'success', output: outcome.ready } : { kind: 'failure', error: outcome.error.name, cause: outcome.error.message };
}
