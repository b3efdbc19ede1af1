/**
 * trigger-release: turns a schedule, a Release Requested event or a chained pipeline's Image Published event
 * into release executions with deterministic names, so a repeated trigger never starts a second release.
 */
import type { ReleaseInput } from './contracts.ts';
import type { Trigger } from './events.ts';
import { executionNames } from './execution-names.ts';
import type { ReleaseStarterPort, StartOutcome } from './ports.ts';
import { childPipelines, findPipeline, type ReleaseConfig } from './release-config.ts';

export interface StartedRelease {
  pipeline: string;
  releaseId: string;
  outcome: StartOutcome;
  executionArn: string;
  status?: string;
}

export function releasesFor(trigger: Trigger, config: ReleaseConfig): ReleaseInput[] {
  switch (trigger.type) {
    case 'scheduled': {
      const { pipeline, scheduledTime } = trigger.input;
      const schedule = findPipeline(config, pipeline).config.schedule;
      const releaseId = executionNames.scheduled(pipeline, new Date(scheduledTime), schedule?.timezone);
      return [{ pipeline, releaseId, trigger: { kind: 'scheduled', detail: `schedule for ${scheduledTime}` } }];
    }
    case 'requested': {
      const { detail, id } = trigger.input;
      findPipeline(config, detail.pipeline, 'detail.pipeline');
      const requestId = detail.requestId ?? id;
      return [
        {
          pipeline: detail.pipeline,
          releaseId: executionNames.requested(detail.pipeline, requestId),
          trigger: { kind: 'requested', detail: `request ${requestId}${detail.reason ? `: ${detail.reason}` : ''}`.slice(0, 512) },
          ...(detail.force && { force: true }),
        },
      ];
    }
    case 'published': {
      const { detail } = trigger.input;
      findPipeline(config, detail.pipeline, 'detail.pipeline');
      return childPipelines(config, detail.pipeline).map((child) => ({
        pipeline: child.config.name,
        releaseId: executionNames.chained(child.config.name, detail.releaseId),
        trigger: { kind: 'chained', detail: `${detail.pipeline} published release ${detail.releaseId}` },
      }));
    }
  }
}

export async function triggerRelease(input: Trigger, deps: { config: ReleaseConfig; starter: ReleaseStarterPort }): Promise<{ releases: StartedRelease[] }> {
  // Every input is checked before anything starts: a bad event starts nothing.
  const releases = releasesFor(input, deps.config);
  const started: StartedRelease[] = [];
  for (const release of releases) {
    const result = await deps.starter.start(release.releaseId, release);
    started.push({ pipeline: release.pipeline, releaseId: release.releaseId, ...result });
  }
  return { releases: started };
}
