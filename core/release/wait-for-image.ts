/**
 * wait-for-image (a `.waitForTaskToken` task): stores the token under the image, then checks the image once,
 * so a build that ended before the token was stored still completes the wait.
 */
import { imageCompletion, imageOutcome } from './image-outcome.ts';
import type { ImageBuilderPort } from './ports.ts';
import { type CompletionResult, completeWaitingTask, storeWaitingTask, type WaitingTaskDeps, waitKeys } from './waiting-tasks.ts';

export interface WaitForImageResult {
  status: string;
  completion: CompletionResult | 'waiting';
}

export async function waitForImage(
  input: { taskToken: string; imageBuildVersionArn: string },
  now: number,
  deps: WaitingTaskDeps & { imageBuilder: ImageBuilderPort },
): Promise<WaitForImageResult> {
  const key = waitKeys.image(input.imageBuildVersionArn);
  await storeWaitingTask(key, input.taskToken, now, deps);
  // Right after StartImagePipelineExecution the image may not be visible yet: then the event (or reconcile) decides.
  const image = await deps.imageBuilder.getImage(input.imageBuildVersionArn);
  if (!image) return { status: 'UNKNOWN', completion: 'waiting' };
  const outcome = imageOutcome(image);
  if (outcome.kind === 'pending') return { status: outcome.status, completion: 'waiting' };
  return { status: image.status, completion: await completeWaitingTask(key, imageCompletion(outcome), now, deps, input.taskToken) };
}
