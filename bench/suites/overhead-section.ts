/** Section 2 of BENCHMARKS.md: how long after AWS finishes Goldsmith moves, on the simulated clock. */
import type { Completion } from '../overhead.ts';
import type { StudyRun } from '../release-study.ts';
import { type Goal, type Section, table } from '../report.ts';
import { median, sum } from '../statistics.ts';
import { type CostStudy, POLL_SECONDS } from './cost-study.ts';

export const OVERHEAD_GOAL_MS = 1_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

function latencies(runs: readonly StudyRun[], kind?: Completion['kind']): number[] {
  return runs.flatMap((run) => run.completions.filter((c) => (kind ? c.kind === kind : true) && c.latencyMs !== undefined).map((c) => c.latencyMs as number));
}

export function overheadSection(study: CostStudy, command: string): Section {
  const event = study.example.filter((run) => run.design === 'event-driven');
  const polling = study.example.filter((run) => run.design === 'polling');
  const warm = latencies(event);
  const polled = latencies(polling);
  // Per kind of completion, the median over the runs: one slow outlier on a loaded machine does not decide it.
  const byKind = (runs: readonly StudyRun[]) => (['image', 'wave'] as const).map((kind) => median(latencies(runs, kind)));
  const [warmImage, warmWave] = byKind(event);
  const [coldImage, coldWave] = byKind([study.first]);
  const goals: Goal[] = [
    {
      goal: `Overhead < ${OVERHEAD_GOAL_MS / 1000} s simulated per AWS-side completion`,
      figure: `image ${seconds(warmImage)}, wave ${seconds(warmWave)} (medians over ${event.length} release${event.length === 1 ? '' : 's'}; max ${seconds(Math.max(...warm))}); polling mean ${seconds(sum(polled) / polled.length)}`,
      met: Math.max(warmImage, warmWave) < OVERHEAD_GOAL_MS,
    },
    {
      goal: '… in the first release after a deploy (every function cold; the local cloud starts one environment per function ahead, so its inits fall before the release)',
      figure: `image ${seconds(coldImage)}, wave ${seconds(coldWave)}`,
      met: Math.max(coldImage, coldWave) < OVERHEAD_GOAL_MS,
    },
  ];
  const kinds: Array<[Completion['kind'], string]> = [
    ['image', 'Image AVAILABLE → first validation call (ListImageScanFindings or RunInstances)'],
    ['wave', "A wave's last refresh Successful → next wave's first launch template call, or the stable channel's first Parameter Store call"],
  ];
  const rows = kinds.map(([kind, label]) => {
    const e = latencies(event, kind);
    const c = latencies([study.first], kind);
    const p = latencies(polling, kind);
    return [label, e.length, seconds(median(e)), seconds(Math.max(...e)), seconds(Math.max(...c)), seconds(median(p)), seconds(sum(p) / p.length)];
  });
  const split = (runs: readonly StudyRun[]) => [
    minutes(median(runs.map((r) => r.totalMs))),
    minutes(median(runs.map((r) => r.awsMs))),
    seconds(median(runs.map((r) => r.goldsmithMs))),
  ];
  const body = [
    `Simulated time, measured on the releases of section 1 (${event.length} Goldsmith and ${polling.length} polling releases of the example fleet, plus the first, cold release). The harness runs the cloud at time scale 1 and skips only idle time, so while any function runs or any service calls another, simulated time passes as real time does: a latency here is the real time Goldsmith's code and the local cloud took, on this machine. The local cloud delivers events at once; on AWS, EventBridge adds its own delivery latency. "Next action" is the next API call Goldsmith makes because of the completion.`,
    table(['Completion → next action', 'Completions', 'Goldsmith median', 'Goldsmith max', 'Goldsmith cold max', 'Polling median', 'Polling mean'], rows),
    `Polling at ${POLL_SECONDS} s notices a completion ${POLL_SECONDS / 2} s after it on average when completions fall at random against the polls. ${polling.length > 1 ? `The runs' offsets (${polling.map((r) => r.offsetSeconds).join(', ')} s) spread completions over the poll phase, and the measured polling mean is ${seconds(sum(polled) / polled.length)}.` : `This run measured one poll phase only (${seconds(sum(polled) / polled.length)}); the full run spreads completions over the phase with timing offsets.`}`,
    `### Where a release's time goes\n\nMedians per release. AWS's work is the build (StartImagePipelineExecution → AVAILABLE), the test instance with its smoke test (RunInstances → command Success) and the instance refreshes (StartInstanceRefresh → Successful); everything else is Goldsmith's: its functions, its waits and polls (e.g. 30 s and 15 s Wait states while the test instance's agent registers and the smoke test runs), and Parameter Store's validation of an \`aws:ec2:image\` value while the release waits to read it back.\n\n${table(
      ['Design', 'Release', "AWS's work", "Goldsmith's"],
      [
        ['Goldsmith', ...split(event)],
        ['Polling', ...split(polling)],
        ['Goldsmith, first release (cold)', ...split([study.first])],
      ],
    )}`,
  ];
  if (Math.max(coldImage, coldWave) >= OVERHEAD_GOAL_MS && study.first.coldInitsMs.length)
    body.push(
      `**Overhead with cold functions, missed by ${seconds(Math.max(coldImage, coldWave) - OVERHEAD_GOAL_MS)}.** Each step after a completion waits for a cold function first (${study.first.coldInitsMs.length} cold starts in the first release, init median ${seconds(median(study.first.coldInitsMs))} on this machine), and an image's next call comes after two of them in a row (on-image-event, then gate-findings or launch-test-instance). What would fix it in the product: smaller bundles that import faster (section 4), and fewer functions between an event and the next AWS call (the findings gate could run inside on-image-event's path, or the state machine could call ListImageScanFindings through an SDK integration).`,
    );
  return { title: '2. Orchestration overhead', command, goals, body };
}
