/**
 * roll-launch-templates: for each target of a wave, a new launch template version that changes only the
 * ImageId (to the literal AMI id of the target's region), made the default. The previous default is recorded
 * before anything changes, so restore-launch-templates can undo the wave even after a crash half-way.
 */
import type { RegionalAmi, RolledLaunchTemplate, RolloutTarget, Wave } from './contracts.ts';
import { clientToken } from './deterministic-ids.ts';
import { LaunchTemplateNotFoundError, MissingRegionalAmiError } from './errors.ts';
import type { LaunchTemplatesPort, RolloutRecords } from './ports.ts';

export interface PlannedRefresh {
  releaseId: string;
  region: string;
  autoScalingGroupName: string;
  launchTemplate: RolledLaunchTemplate;
  preferences: RolloutTarget['preferences'];
}

export function amiFor(region: string, amis: readonly RegionalAmi[]): RegionalAmi {
  const ami = amis.find((a) => a.region === region);
  if (!ami)
    throw new MissingRegionalAmiError(
      region,
      amis.map((a) => a.region),
    );
  return ami;
}

export async function rollLaunchTemplates(
  input: { releaseId: string; wave: Wave; amis: RegionalAmi[] },
  now: number,
  deps: { templates: LaunchTemplatesPort; records: RolloutRecords },
): Promise<{ launchTemplates: RolledLaunchTemplate[]; refreshes: PlannedRefresh[] }> {
  const { releaseId, wave } = input;
  // Every target needs its AMI: find a missing one before changing anything.
  for (const target of wave.targets) amiFor(target.region, input.amis);
  const launchTemplates = new Map<string, RolledLaunchTemplate>();
  const refreshes: PlannedRefresh[] = [];
  for (const target of wave.targets) {
    const { region } = target;
    const template = await deps.templates.template(region, target.launchTemplate);
    if (!template) throw new LaunchTemplateNotFoundError(target.launchTemplate, region);
    const imageId = amiFor(region, input.amis).imageId;
    const change = await deps.records.recordChange({
      releaseId,
      wave: wave.name,
      region,
      launchTemplateId: template.launchTemplateId,
      launchTemplateName: template.launchTemplateName,
      previousDefaultVersion: template.defaultVersion,
      autoScalingGroups: [...target.autoScalingGroups],
      status: 'recorded',
      recordedAt: now,
    });
    const version =
      change.newVersion ??
      (await deps.templates.createVersion(region, {
        launchTemplateId: template.launchTemplateId,
        // The recorded default, not the current one: after a crash the current default may be this release's own version.
        sourceVersion: change.previousDefaultVersion,
        imageId,
        description: `Goldsmith release ${releaseId}: ${imageId}`.slice(0, 255),
        clientToken: clientToken(releaseId, `launch-template:${wave.name}:${template.launchTemplateId}`),
      }));
    if (change.newVersion === undefined) await deps.records.updateChange({ ...change, newVersion: version });
    if (template.defaultVersion !== version) await deps.templates.setDefault(region, template.launchTemplateId, version);
    if (change.status !== 'rolled') await deps.records.updateChange({ ...change, newVersion: version, status: 'rolled' });
    const rolled: RolledLaunchTemplate = {
      region,
      launchTemplateId: template.launchTemplateId,
      version,
      previousDefaultVersion: change.previousDefaultVersion,
    };
    launchTemplates.set(`${region}/${template.launchTemplateId}`, rolled);
    for (const autoScalingGroupName of target.autoScalingGroups) {
      refreshes.push({ releaseId, region, autoScalingGroupName, launchTemplate: rolled, preferences: target.preferences });
    }
  }
  return { launchTemplates: [...launchTemplates.values()], refreshes };
}
