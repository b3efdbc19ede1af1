/**
 * on-image-event: an Image State Change event completes the release waiting on the image. Events are only a
 * cue: GetImage says what the image really is, and the token can be completed once, so duplicated, late or
 * reordered events change nothing. An image of a managed pipeline that no release waits on is a build started
 * outside Goldsmith: it gets a release of its own that starts at validation, unless it is older than the last
 * release that reached stable (a replayed or very late event).
 */
import type { ReleaseInput } from './contracts.ts';
import { executionNames } from './execution-names.ts';
import { imageCompletion, imageOutcome, isTerminalImageStatus } from './image-outcome.ts';
import type { ImageBuilderPort, ReleaseHistory, ReleaseStarterPort, StartOutcome } from './ports.ts';
import type { ReleaseConfig } from './release-config.ts';
import { lastSuccess } from './release-history.ts';
import { arnName, imagePipelineArn, imagePipelineName } from './resource-names.ts';
import { type CompletionResult, completeWaitingTask, type WaitingTaskDeps, waitKeys } from './waiting-tasks.ts';

export interface ImageEvent {
  imageBuildVersionArn: string;
  status: string;
}

export type OnImageEventResult =
  | { action: 'ignored'; reason: string }
  | { action: 'completed'; completion: CompletionResult; status: string }
  | { action: 'external-build'; pipeline: string; releaseId: string; outcome: StartOutcome; executionArn: string };

export interface OnImageEventDeps extends WaitingTaskDeps {
  imageBuilder: ImageBuilderPort;
  history: ReleaseHistory;
  starter: ReleaseStarterPort;
  config: ReleaseConfig;
  accountId: string;
}

export async function onImageEvent(event: ImageEvent, now: number, deps: OnImageEventDeps): Promise<OnImageEventResult> {
  const { imageBuildVersionArn: arn, status } = event;
  if (!isTerminalImageStatus(status)) return { action: 'ignored', reason: `${status} is not a final status` };
  const key = waitKeys.image(arn);
  const waiting = await deps.tokens.get(key);
  if (waiting?.completedAt !== undefined) return { action: 'ignored', reason: 'the release waiting on this image was already told' };
  // The rule matches every recipe under the project's prefix: another recipe's image is none of our business
  // (and the role may not even read it).
  if (!waiting && !isManagedRecipeImage(arn, deps.config)) return { action: 'ignored', reason: 'the image is not of a recipe Goldsmith manages' };

  const image = await deps.imageBuilder.getImage(arn);
  if (!image) return { action: 'ignored', reason: 'Image Builder has no such image' };
  const outcome = imageOutcome(image);
  if (outcome.kind === 'pending') return { action: 'ignored', reason: `GetImage says ${image.status}, not final yet` };
  if (waiting)
    return { action: 'completed', status: image.status, completion: await completeWaitingTask(key, imageCompletion(outcome), now, deps, waiting.token) };

  if (outcome.kind !== 'ready') return { action: 'ignored', reason: `no release waits on this image, and it ended ${image.status}` };
  const pipeline = managedPipeline(image.pipelineArn, deps);
  if (!pipeline) return { action: 'ignored', reason: 'the image is not from a pipeline Goldsmith manages' };
  // A replayed (EventBridge archive) or very late event of an old build must not bring that build back.
  const last = await lastSuccess(pipeline, deps.history);
  if (last && (image.dateCreated === undefined || image.dateCreated <= last.succeededAt)) {
    return {
      action: 'ignored',
      reason: `the image is older than release ${last.releaseId}, which reached stable: releasing it would move ${pipeline} backwards`,
    };
  }
  const releaseId = executionNames.externalBuild(pipeline, arn);
  const input: ReleaseInput = { pipeline, releaseId, trigger: { kind: 'external-build', detail: arn }, imageBuildVersionArn: arn };
  const started = await deps.starter.start(releaseId, input);
  return { action: 'external-build', pipeline, releaseId, outcome: started.outcome, executionArn: started.executionArn };
}

/** True when the image ARN (`…:image/<recipe>/<version>/<build>`) names the recipe of one of the config's pipelines. */
function isManagedRecipeImage(arn: string, config: ReleaseConfig): boolean {
  const recipe = arn.split(':')[5]?.split('/')[1]?.toLowerCase();
  return config.pipelines.some((p) => arnName(p.recipe.name) === recipe);
}

function managedPipeline(pipelineArn: string | undefined, deps: OnImageEventDeps): string | undefined {
  if (!pipelineArn) return undefined;
  const home = deps.config.config.region;
  return deps.config.pipelines
    .map((p) => p.config.name)
    .find((name) => imagePipelineArn(home, deps.accountId, imagePipelineName(deps.config, name)) === pipelineArn.toLowerCase());
}
