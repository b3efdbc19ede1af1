/**
 * DESIGN §5.4: after a failed wave, each of its launch templates has the default version it had before the wave,
 * and no later wave of that release started.
 */
import { defaultVersionAt, formatTime, pipelineNamed, releaseExecutions, releaseOf, templateNamed, waveExecutions, waveOf } from '../history-queries.ts';
import type { Invariant } from './invariant.ts';

export const failedWaveRestores: Invariant = {
  name: 'failed-wave-restores',
  contract: 'DESIGN §5.4',
  check(history) {
    const problems: string[] = [];
    const waves = waveExecutions(history);
    for (const failed of waves.filter((w) => w.status !== 'SUCCEEDED' && w.status !== 'RUNNING')) {
      const wave = waveOf(failed, history);
      const end = failed.stoppedAt ?? history.endedAt;
      for (const name of wave.launchTemplates) {
        const template = templateNamed(history, name);
        if (!template) continue;
        const before = defaultVersionAt(history, template, failed.startedAt - 1);
        const after = defaultVersionAt(history, template, end);
        if (before !== after)
          problems.push(
            `wave ${failed.name} ${failed.status} at ${formatTime(history, end)} but launch template ${name} has default version ${after}, not ${before} as before the wave`,
          );
      }
      const release = releaseExecutions(history).find((r) => releaseOf(r).releaseId === wave.releaseId);
      const pipeline = pipelineNamed(history, release ? releaseOf(release).pipeline : undefined);
      const index = pipeline?.waves.findIndex((w) => w.name === wave.wave) ?? -1;
      if (!pipeline || index < 0) continue;
      const later = new Set(pipeline.waves.slice(index + 1).map((w) => w.name));
      for (const other of waves) {
        const o = waveOf(other, history);
        if (o.releaseId === wave.releaseId && o.wave !== undefined && later.has(o.wave))
          problems.push(`wave '${o.wave}' of release ${wave.releaseId} started after wave '${wave.wave}' failed`);
      }
    }
    return problems;
  },
};
