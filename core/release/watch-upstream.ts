/**
 * watch-upstream: reads the parent image parameter and, when it names another AMI than the last release that
 * reached stable was built on, starts `<pipeline>-upstream-<ami>` (one release per parent image, however often
 * the watch runs).
 */

import { InvalidReleaseRequestError, ParentImageNotFoundError } from './errors.ts';
import { executionNames } from './execution-names.ts';
import type { ParameterPort, ReleaseHistory, ReleaseStarterPort, StartOutcome } from './ports.ts';
import { findPipeline, type ReleaseConfig } from './release-config.ts';
import { lastSuccess } from './release-history.ts';

export type WatchResult =
  | { pipeline: string; parentImageId: string; action: 'unchanged'; releasedWith: string }
  | { pipeline: string; parentImageId: string; action: StartOutcome; releaseId: string; executionArn: string; previousParentImageId?: string };

export async function watchUpstream(
  input: { pipeline: string },
  deps: { config: ReleaseConfig; parameters: ParameterPort; history: ReleaseHistory; starter: ReleaseStarterPort },
): Promise<WatchResult> {
  const pipeline = findPipeline(deps.config, input.pipeline);
  const parent = pipeline.parentImage;
  if (parent.kind !== 'ssm-parameter') {
    throw new InvalidReleaseRequestError(
      'pipeline',
      `'${input.pipeline}' builds on ${parent.kind === 'ami' ? 'a fixed AMI' : 'another pipeline'}, which has no upstream to watch`,
    );
  }
  const region = deps.config.config.region;
  const value = await deps.parameters.get(region, parent.parameterName);
  if (!value) throw new ParentImageNotFoundError(parent.parameterName, region);
  const parentImageId = value.value;
  const last = await lastSuccess(input.pipeline, deps.history);
  if (last?.parentImageId === parentImageId) return { pipeline: input.pipeline, parentImageId, action: 'unchanged', releasedWith: last.releaseId };
  const releaseId = executionNames.upstream(input.pipeline, parentImageId);
  const started = await deps.starter.start(releaseId, {
    pipeline: input.pipeline,
    releaseId,
    trigger: { kind: 'upstream', detail: `parent image ${parent.parameterName} is now ${parentImageId}` },
  });
  return {
    pipeline: input.pipeline,
    parentImageId,
    action: started.outcome,
    releaseId,
    executionArn: started.executionArn,
    ...(last?.parentImageId && { previousParentImageId: last.parentImageId }),
  };
}
