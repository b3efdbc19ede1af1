/** How long the example fleet's production refresh took, from the measured releases: for the fleet-scale wave estimate. */
import { median } from '../statistics.ts';
import type { CostStudy } from './cost-study.ts';

export function productionRefreshMinutes(study: CostStudy): number | undefined {
  const durations = study.example
    .filter((run) => run.design === 'event-driven')
    .flatMap((run) => {
      const waves = run.completions.filter((c) => c.kind === 'wave');
      const [first, last] = [waves[0], waves[waves.length - 1]];
      return first && last && last !== first ? [last.at - first.at] : [];
    });
  return durations.length ? median(durations) / 60_000 : undefined;
}
