/**
 * reconcile-image: after a wait timed out (a lost event), GetImage says what happened. A build still running
 * within its bound goes back to waiting, for longer each time (reconcile-window.ts); past its bound it fails the
 * release (DESIGN §5.5).
 */
import type { ImageReady } from './contracts.ts';
import { BuildFailedError, BuildTimedOutError } from './errors.ts';
import { imageOutcome } from './image-outcome.ts';
import type { ImageBuilderPort } from './ports.ts';
import { nextWaitSeconds } from './reconcile-window.ts';

export type ReconcileImageResult = ImageReady | { imageBuildVersionArn: string; status: 'PENDING'; waitSeconds: number };

export async function reconcileImage(
  input: { imageBuildVersionArn: string; boundSeconds: number; waitSeconds: number },
  checkedAt: number,
  deps: { imageBuilder: ImageBuilderPort },
): Promise<ReconcileImageResult> {
  const image = await deps.imageBuilder.getImage(input.imageBuildVersionArn);
  if (!image) throw new BuildFailedError(input.imageBuildVersionArn, 'NOT FOUND', 'Image Builder has no such image');
  const outcome = imageOutcome(image);
  if (outcome.kind === 'ready') return outcome.ready;
  if (outcome.kind === 'failed') throw outcome.error;
  const elapsedMs = image.dateCreated === undefined ? undefined : checkedAt - image.dateCreated;
  if (elapsedMs !== undefined && elapsedMs > input.boundSeconds * 1000) {
    throw new BuildTimedOutError(input.imageBuildVersionArn, image.status, input.boundSeconds);
  }
  return {
    imageBuildVersionArn: input.imageBuildVersionArn,
    status: 'PENDING',
    waitSeconds: nextWaitSeconds(input.waitSeconds, elapsedMs, input.boundSeconds),
  };
}
