/**
 * reconcile-image: after a wait timed out (a lost event), GetImage says what happened. A build still running
 * within its bound goes back to waiting; past its bound it fails the release (DESIGN §5.5).
 */
import type { ImageReady } from './contracts.ts';
import { BuildFailedError, BuildTimedOutError } from './errors.ts';
import { imageOutcome } from './image-outcome.ts';
import type { ImageBuilderPort } from './ports.ts';

export type ReconcileImageResult = ImageReady | { imageBuildVersionArn: string; status: 'PENDING' };

export async function reconcileImage(
  input: { imageBuildVersionArn: string; boundSeconds: number },
  checkedAt: number,
  deps: { imageBuilder: ImageBuilderPort },
): Promise<ReconcileImageResult> {
  const image = await deps.imageBuilder.getImage(input.imageBuildVersionArn);
  if (!image) throw new BuildFailedError(input.imageBuildVersionArn, 'NOT FOUND', 'Image Builder has no such image');
  const outcome = imageOutcome(image);
  if (outcome.kind === 'ready') return outcome.ready;
  if (outcome.kind === 'failed') throw outcome.error;
  if (image.dateCreated !== undefined && checkedAt - image.dateCreated > input.boundSeconds * 1000) {
    throw new BuildTimedOutError(input.imageBuildVersionArn, image.status, input.boundSeconds);
  }
  return { imageBuildVersionArn: input.imageBuildVersionArn, status: 'PENDING' };
}
