/**
 * Runs the releases of the cost and overhead sections: the example fleet by both designs across timing
 * offsets, a build-duration sweep, and Goldsmith alone on fleets with more regions and more groups.
 */
import { exampleConfig, withGroups, withRegions } from '../fleet-configs.ts';
import { benchProject, openFleet } from '../release-run.ts';
import { ReleaseStudy, type StudyRun } from '../release-study.ts';

/** Instances per Auto Scaling group: enough that the example's checkpoints (20, 50, 100 %) pause the refreshes. */
export const EXAMPLE_GROUP_SIZE = 4;
export const EXAMPLE_BUILD_MINUTES = 45;
export const POLL_SECONDS = 60;
const PIPELINE = 'web-server';

export interface SweepPoint {
  x: number;
  run?: StudyRun;
  /** Why the point has no run: a release that failed on this machine is reported, not hidden. */
  error?: string;
}

export interface CostStudy {
  /** The first release after the deploy: every function cold. */
  first: StudyRun;
  /** Both designs at the example's 45-minute build, at each timing offset. */
  example: StudyRun[];
  /** Both designs at other build durations (offset 0), with the example's offset-0 runs. */
  builds: StudyRun[];
  regions: SweepPoint[];
  groups: SweepPoint[];
}

export interface CostStudyOptions {
  quick: boolean;
  log: (line: string) => void;
}

export async function runCostStudy(options: CostStudyOptions): Promise<CostStudy> {
  const offsets = options.quick ? [0] : [0, 15, 30, 45];
  const sweep = options.quick ? [] : [15, 90, 180];
  const bench = await openFleet({ project: benchProject(exampleConfig()), groupSize: EXAMPLE_GROUP_SIZE });
  let first: StudyRun;
  let example: StudyRun[];
  let builds: StudyRun[];
  try {
    const study = new ReleaseStudy(bench, EXAMPLE_GROUP_SIZE);
    options.log('cost: first release after deploy (cold functions)');
    first = await study.run('event-driven', PIPELINE, EXAMPLE_BUILD_MINUTES, 0, POLL_SECONDS);
    options.log(`cost: example fleet, both designs, offsets ${offsets.join(', ')} s`);
    example = await study.runPlan({
      pipeline: PIPELINE,
      buildMinutes: [EXAMPLE_BUILD_MINUTES],
      offsets,
      designs: ['event-driven', 'polling'],
      pollSeconds: POLL_SECONDS,
    });
    options.log(`cost: build durations ${sweep.join(', ')} min`);
    builds = [
      ...example.filter((run) => run.offsetSeconds === 0),
      ...(await study.runPlan({ pipeline: PIPELINE, buildMinutes: sweep, offsets: [0], designs: ['event-driven', 'polling'], pollSeconds: POLL_SECONDS })),
    ];
  } finally {
    await bench.close();
  }
  const regions = options.quick ? [] : await sweepFleets([1, 2, 4, 8], (n) => withRegions(n), 'regions', options.log);
  const groups = options.quick ? [] : await sweepFleets([3, 6, 12, 24], (n) => withGroups(n), 'groups', options.log);
  return { first, example, builds, regions, groups };
}

/** One fresh fleet per point, released once by Goldsmith (every function cold, as in `first`). */
async function sweepFleets(
  points: readonly number[],
  configFor: (n: number) => ReturnType<typeof exampleConfig>,
  what: string,
  log: (line: string) => void,
): Promise<SweepPoint[]> {
  const swept: SweepPoint[] = [];
  for (const x of points) {
    log(`cost: ${x} ${what}`);
    const bench = await openFleet({ project: benchProject(configFor(x)), groupSize: EXAMPLE_GROUP_SIZE });
    try {
      const run = await new ReleaseStudy(bench, EXAMPLE_GROUP_SIZE).run('event-driven', PIPELINE, EXAMPLE_BUILD_MINUTES, 0, POLL_SECONDS);
      swept.push({ x, run });
    } catch (error) {
      log(`cost: ${x} ${what} failed: ${(error as Error).message}`);
      swept.push({ x, error: (error as Error).message.slice(0, 300) });
    } finally {
      await bench.close();
    }
  }
  return swept;
}
