/**
 * What a pipeline's config means for one release: the gates, channels, waves and time bounds that
 * plan-release hands to the state machine.
 */
import type { ResolvedPipeline } from '../config/index.ts';
import type { Bounds, PlanReleaseOutput, Wave } from './contracts.ts';

/**
 * How long the first task-token wait of a build or refresh lasts before it reconciles. Each reconcile that finds
 * the work still running multiplies the next wait by WAIT_BACKOFF, up to MAX_WAIT_SECONDS (reconcile-window.ts).
 */
export const WAIT_SECONDS = 600;
/**
 * Reconciles fall at 10, 40, 130, 400 minutes into a phase: a 15-minute build reconciles once, a 3-hour one three
 * times, and a lost event is noticed by about three times the phase's age when it was lost (never after its bound).
 */
export const WAIT_BACKOFF = 3;
/** The longest wait between reconciles, however long the phase's bound. */
export const MAX_WAIT_SECONDS = 14_400;
/** The release state machine's own TimeoutSeconds (statemachines/release.asl.json). */
export const RELEASE_TIMEOUT_SECONDS = 172_800;
/** Room for the steps between the bounded phases (notifications, retries, restore). */
const MARGIN_SECONDS = 1_800;

export function releaseBounds(pipeline: ResolvedPipeline): Bounds {
  const { timeouts } = pipeline.config;
  const buildSeconds = timeouts.buildMinutes * 60;
  const refreshSeconds = timeouts.waveMinutes * 60;
  return {
    buildSeconds,
    waitSeconds: Math.min(WAIT_SECONDS, buildSeconds),
    refreshSeconds,
    // The wave's own reconcile bound fails it (and restores its templates) before the parent stops waiting.
    waveSeconds: refreshSeconds + WAIT_SECONDS + MARGIN_SECONDS,
  };
}

/**
 * How long the pipeline lock lasts: every phase's bound, so a crashed or stopped release frees the pipeline by
 * itself, but never before a release that is still within its bounds. Capped at the state machine's timeout.
 */
export function lockSeconds(pipeline: ResolvedPipeline): number {
  const bounds = releaseBounds(pipeline);
  const { timeouts, approval, rollout } = pipeline.config;
  const total =
    bounds.buildSeconds +
    bounds.waitSeconds +
    timeouts.validationMinutes * 60 +
    (approval ? approval.timeoutMinutes * 60 : 0) +
    2 * timeouts.publishMinutes * 60 +
    rollout.waves.length * bounds.waveSeconds +
    MARGIN_SECONDS;
  return Math.min(total, RELEASE_TIMEOUT_SECONDS + MARGIN_SECONDS);
}

export function findingThresholds(pipeline: ResolvedPipeline): Record<string, number> {
  return Object.fromEntries(Object.entries(pipeline.config.validation.findings).filter((entry): entry is [string, number] => entry[1] !== undefined));
}

/** The rollout waves; every target is in the home region, where the config's launch templates and groups live. */
export function releaseWaves(pipeline: ResolvedPipeline, homeRegion: string): Wave[] {
  return pipeline.config.rollout.waves.map((wave) => ({
    name: wave.name,
    targets: wave.targets.map((target) => {
      const p = target.preferences;
      return {
        region: homeRegion,
        launchTemplate: target.launchTemplate,
        autoScalingGroups: [...target.autoScalingGroups],
        preferences: {
          minHealthyPercentage: p.minHealthyPercentage,
          ...(p.maxHealthyPercentage !== undefined && { maxHealthyPercentage: p.maxHealthyPercentage }),
          ...(p.instanceWarmupSeconds !== undefined && { instanceWarmupSeconds: p.instanceWarmupSeconds }),
          ...(p.checkpoints && { checkpointPercentages: [...p.checkpoints], checkpointDelaySeconds: p.checkpointDelaySeconds ?? 3600 }),
          skipMatching: p.skipMatching,
          autoRollback: p.autoRollback,
          ...(p.alarms.length > 0 && { alarms: [...p.alarms] }),
        },
      };
    }),
  }));
}

/** The waves' names: all the release state carries of the rollout (functions read each wave from the config). */
export function releaseWaveNames(pipeline: ResolvedPipeline): string[] {
  return pipeline.config.rollout.waves.map((wave) => wave.name);
}

export function approvalSettings(pipeline: ResolvedPipeline): PlanReleaseOutput['approval'] {
  const approval = pipeline.config.approval;
  return { required: approval !== undefined, timeoutSeconds: (approval?.timeoutMinutes ?? 1440) * 60 };
}
