/**
 * DESIGN §5.1: `candidate` and `stable` only ever point at an AMI that was AVAILABLE and passed validation
 * (findings within thresholds, smoke tests passed, approval given when required); `stable` also requires that
 * every wave rolled that image out successfully.
 */
import type { History, ParameterWrite, PipelineFacts } from '../history.ts';
import { buildOfImage, channelOf, formatTime, imageOfVersion, notValidatedReasons, templateNamed } from '../history-queries.ts';
import type { Invariant } from './invariant.ts';

export const channelsValidated: Invariant = {
  name: 'channels-validated',
  contract: 'DESIGN §5.1',
  check(history) {
    const problems: string[] = [];
    for (const write of history.parameterWrites) {
      const channel = channelOf(history, write.name);
      if (!channel) continue;
      const where = `${write.name} v${write.version} in ${write.region} → ${write.value} at ${formatTime(history, write.at)}`;
      const build = buildOfImage(history, write.value);
      if (build && !build.amis.some((a) => a.region === write.region && a.imageId === write.value))
        problems.push(`${where}: that AMI is not the build's AMI in ${write.region}`);
      for (const reason of notValidatedReasons(history, write.value, write.at)) problems.push(`${where}: ${reason}`);
      if (channel.channel === 'stable') for (const reason of unrolledWaves(history, channel.pipeline, write)) problems.push(`${where}: ${reason}`);
    }
    return problems;
  },
};

/** The groups of the pipeline's waves that had no successful refresh to the written image's build by the write. */
function unrolledWaves(history: History, pipeline: PipelineFacts, write: ParameterWrite): string[] {
  const build = buildOfImage(history, write.value);
  const images = new Set(build?.amis.map((a) => a.imageId) ?? [write.value]);
  const reasons: string[] = [];
  for (const wave of pipeline.waves) {
    for (const target of wave.targets) {
      const template = templateNamed(history, target.launchTemplate);
      for (const group of target.groups) {
        const rolled = history.refreshes.some((r) => {
          if (r.group !== group || r.status !== 'Successful' || r.endedAt === undefined || r.endedAt > write.at) return false;
          const version = Number(r.desired?.version);
          const image = template && Number.isInteger(version) ? imageOfVersion(template, version) : undefined;
          return image !== undefined && images.has(image);
        });
        if (!rolled) reasons.push(`wave '${wave.name}' had not rolled group ${group} to this image`);
      }
    }
  }
  return reasons;
}
