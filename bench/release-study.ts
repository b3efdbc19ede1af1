/**
 * The measured releases behind the cost and overhead sections: the same fleet released by Goldsmith's
 * event-driven workflow and by its polling variant, in one cloud, across AWS-side timing offsets (so polls
 * meet completions at every phase, not at one lucky phase), and across build durations.
 */
import { type Cost, costOf, type Usage } from './cost-model.ts';
import { awsWorkOf, type Completion, completionsOf, uncoveredMs } from './overhead.ts';
import { deployPollingVariant, type PollingDeployment, setTokenRules } from './polling-deploy.ts';
import { type BenchFleet, type MeasuredRelease, measureRelease } from './release-run.ts';
import { type UsageRecords, usageOf } from './usage.ts';

export type Design = 'event-driven' | 'polling';

export interface StudyRun {
  design: Design;
  buildMinutes: number;
  /** Seconds added to the build and to each instance's warm-up, to move completions against the poll phase. */
  offsetSeconds: number;
  release: MeasuredRelease;
  usage: Usage;
  cost: Cost;
  /** Real ms the release's function runs took, init included, summed (they partly overlap). */
  functionMs: number;
  /** Init durations of the release's cold function starts, real ms. */
  coldInitsMs: number[];
  /** Histories of the release and its wave executions. */
  histories: UsageRecords['histories'];
  completions: Completion[];
  /** Simulated ms of the release (execution start to stop), of AWS's long-running work, and the rest: Goldsmith's. */
  totalMs: number;
  awsMs: number;
  goldsmithMs: number;
}

export interface StudyPlan {
  pipeline: string;
  buildMinutes: readonly number[];
  offsets: readonly number[];
  designs: readonly Design[];
  /** Simulated seconds between polls in the polling variant. */
  pollSeconds: number;
}

/** Instance warm-up the local cloud uses by default (scenario RefreshBehaviour). */
const DEFAULT_WARMUP_SECONDS = 120;

export class ReleaseStudy {
  private readonly bench: BenchFleet;
  private readonly groupSize: number;
  private polling: PollingDeployment | undefined;

  /** `groupSize`: instances per group, each replaced in its own batch (one instance at a time at 90 % minimum healthy). */
  constructor(bench: BenchFleet, groupSize: number) {
    this.bench = bench;
    this.groupSize = groupSize;
  }

  async run(design: Design, pipeline: string, buildMinutes: number, offsetSeconds: number, pollSeconds = 60): Promise<StudyRun> {
    const { fleet, meter } = this.bench;
    fleet.setScenario({
      builds: { '*': { durationSeconds: buildMinutes * 60 + offsetSeconds } },
      // Spread over the group's batches, so that each refresh, like the build, ends `offsetSeconds` later.
      refreshes: { '*': { instanceWarmupSeconds: DEFAULT_WARMUP_SECONDS + offsetSeconds / this.groupSize } },
    });
    let release: MeasuredRelease;
    if (design === 'polling') {
      this.polling ??= await deployPollingVariant(this.bench, pollSeconds);
      await setTokenRules(this.bench, false);
      try {
        release = await measureRelease(this.bench, pipeline, { force: true }, { stateMachineArn: this.polling.releaseArn });
      } finally {
        await setTokenRules(this.bench, true);
      }
    } else {
      release = await measureRelease(this.bench, pipeline, { force: true });
    }
    if (release.status !== 'SUCCEEDED')
      throw new Error(`The ${design} release ${release.releaseId} ended ${release.status}: ${release.execution.error} ${release.execution.cause}`);
    const records = meter.records(release.window);
    const events = meter.serviceEvents.filter(({ at }) => at >= release.window.from && at < release.window.to);
    const span = { from: release.execution.startDate, to: release.execution.stopDate ?? release.window.to };
    const goldsmithMs = uncoveredMs(span, awsWorkOf(events, records.calls, span));
    const usage = usageOf(records);
    return {
      design,
      buildMinutes,
      offsetSeconds,
      release,
      usage,
      cost: costOf(usage),
      histories: records.histories,
      functionMs: records.invocations.reduce((total, i) => total + i.durationMs + (i.initDurationMs ?? 0), 0),
      coldInitsMs: records.invocations.flatMap((i) => (i.initDurationMs === undefined ? [] : [i.initDurationMs])),
      completions: completionsOf(events, records.calls),
      totalMs: span.to - span.from,
      awsMs: span.to - span.from - goldsmithMs,
      goldsmithMs,
    };
  }

  /** Every design × build duration × offset in the plan, designs alternating so machine load hits both alike. */
  async runPlan(plan: StudyPlan): Promise<StudyRun[]> {
    const runs: StudyRun[] = [];
    for (const buildMinutes of plan.buildMinutes)
      for (const offset of plan.offsets)
        for (const design of plan.designs) runs.push(await this.run(design, plan.pipeline, buildMinutes, offset, plan.pollSeconds));
    return runs;
  }
}
