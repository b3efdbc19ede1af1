/**
 * A wave's rollout as the rollout-wave state machine runs it, without the wave's targets in its state: the
 * execution carries only the pipeline and wave names, roll-launch-templates and start-refresh read the targets
 * from the deployed config, and start-refresh reads the rolled version from the rollout records. So a wave of a
 * thousand groups passes a list of names, not a thousand targets (Step Functions' 256 KiB payload limit).
 */
import type { RegionalAmi, RolledLaunchTemplate, Wave } from './contracts.ts';
import { RolloutRecordMissingError, UnknownWaveError } from './errors.ts';
import type { LaunchTemplatesPort, RolloutRecords } from './ports.ts';
import { findPipeline, type ReleaseConfig } from './release-config.ts';
import { releaseWaves } from './release-settings.ts';
import { type PlannedRefresh, rollLaunchTemplates } from './roll-launch-templates.ts';

export interface WaveRef {
  releaseId: string;
  pipeline: string;
  wave: string;
}

/** The wave of that name, resolved from the deployed config as plan-release would. @throws {UnknownWaveError} */
export function configuredWave(config: ReleaseConfig, pipeline: string, wave: string): Wave {
  const found = releaseWaves(findPipeline(config, pipeline), config.config.region).find((w) => w.name === wave);
  if (!found) throw new UnknownWaveError(pipeline, wave, '');
  return found;
}

/** Rolls the wave's launch templates; returns the templates it rolled and the groups to refresh, by name. */
export async function rollWave(
  input: WaveRef & { amis: RegionalAmi[] },
  now: number,
  deps: { config: ReleaseConfig; templates: LaunchTemplatesPort; records: RolloutRecords },
): Promise<{ launchTemplates: RolledLaunchTemplate[]; groups: string[] }> {
  const wave = configuredWave(deps.config, input.pipeline, input.wave);
  const rolled = await rollLaunchTemplates({ releaseId: input.releaseId, wave, amis: input.amis }, now, deps);
  return { launchTemplates: rolled.launchTemplates, groups: rolled.refreshes.map((r) => r.autoScalingGroupName) };
}

/** The refresh of one group of the wave: its target from the config, the version roll-launch-templates recorded. */
export async function plannedRefresh(
  input: WaveRef & { autoScalingGroupName: string },
  deps: { config: ReleaseConfig; records: RolloutRecords },
): Promise<PlannedRefresh> {
  const { releaseId, pipeline, wave, autoScalingGroupName } = input;
  const target = configuredWave(deps.config, pipeline, wave).targets.find((t) => t.autoScalingGroups.includes(autoScalingGroupName));
  if (!target) throw new UnknownWaveError(pipeline, wave, ` with group '${autoScalingGroupName}'`);
  const change = (await deps.records.changes(releaseId, wave)).find(
    (c) => c.region === target.region && c.autoScalingGroups.includes(autoScalingGroupName) && c.newVersion !== undefined,
  );
  if (!change || change.newVersion === undefined) throw new RolloutRecordMissingError(releaseId, wave, autoScalingGroupName);
  return {
    releaseId,
    region: target.region,
    autoScalingGroupName,
    launchTemplate: {
      region: change.region,
      launchTemplateId: change.launchTemplateId,
      version: change.newVersion,
      previousDefaultVersion: change.previousDefaultVersion,
    },
    preferences: target.preferences,
  };
}
