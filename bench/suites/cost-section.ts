/** Section 1 of BENCHMARKS.md: what a release costs at AWS list prices, against the polling design. */
import type { CostLine } from '../cost-model.ts';
import { PRICE_REGION, PRICES, PRICES_CHECKED } from '../prices.ts';
import type { StudyRun } from '../release-study.ts';
import { type Goal, type Section, table, times, usd } from '../report.ts';
import { linearFit, median } from '../statistics.ts';
import { transitionsByState } from '../usage.ts';
import { type CostStudy, EXAMPLE_BUILD_MINUTES, EXAMPLE_GROUP_SIZE, POLL_SECONDS, type SweepPoint } from './cost-study.ts';

/**
 * Cost may grow this much from the shortest to the longest build (15 to 180 min) and still count as flat: the
 * reconciles of a lost-event-safe wait grow with the log of the build's duration (core/release/reconcile-window.ts).
 */
export const FLAT_TOLERANCE = 0.1;
export const POLLING_RATIO_GOAL = 5;

/** The run whose total cost is the median of the runs (the lower middle one for an even count). */
export function medianRun(runs: readonly StudyRun[]): StudyRun {
  const sorted = [...runs].sort((a, b) => a.cost.totalUsd - b.cost.totalUsd);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const byDesign = (runs: readonly StudyRun[], design: StudyRun['design']) => runs.filter((run) => run.design === design);

export function costSection(study: CostStudy, command: string): Section {
  const event = medianRun(byDesign(study.example, 'event-driven'));
  const polling = medianRun(byDesign(study.example, 'polling'));
  const ratios = study.example
    .filter((run) => run.design === 'polling')
    .map(
      (run) =>
        run.cost.totalUsd / (study.example.find((e) => e.design === 'event-driven' && e.offsetSeconds === run.offsetSeconds)?.cost.totalUsd ?? Number.NaN),
    );
  const ratio = median(ratios);
  const goals: Goal[] = [
    {
      goal: `Cost ≥ ${POLLING_RATIO_GOAL}× below polling (example fleet)`,
      figure: `${times(ratio)} (${usd(event.cost.totalUsd)} vs ${usd(polling.cost.totalUsd)} per release)`,
      met: ratio >= POLLING_RATIO_GOAL,
    },
  ];
  const body = [
    method(study),
    pricesTable(),
    `### Per release: Goldsmith against the same workflow with polling waits\n\nThe example fleet (2 distribution regions, 3 groups of ${EXAMPLE_GROUP_SIZE} instances in 2 waves), a ${EXAMPLE_BUILD_MINUTES}-minute build; the median-cost run of each design over ${ratios.length} timing offset${ratios.length === 1 ? '' : 's'}.\n\n${lineTable(event.cost.lines, polling.cost.lines)}\n\nTotal: **${usd(event.cost.totalUsd)}** (Goldsmith) against **${usd(polling.cost.totalUsd)}** (polling): polling costs **${times(ratio)}** as much (median of the per-offset ratios ${ratios.map((r) => times(r)).join(', ')}). API calls Goldsmith made that AWS does not bill: ${event.usage.freeCalls} (polling: ${polling.usage.freeCalls}). The first release after a deploy, with every function cold (as a monthly release on AWS would find them), costs ${usd(study.first.cost.totalUsd)}: ${study.first.usage.lambdaGbSeconds.toFixed(2)} GB-s of Lambda instead of ${event.usage.lambdaGbSeconds.toFixed(2)}. Not per release, and the same for either design: the Slack webhook secret costs ${usd(PRICES.secretsManagerSecretMonth.usd)} a month, as much as ${Math.round(PRICES.secretsManagerSecretMonth.usd / event.cost.totalUsd)} releases.`,
    whereItGoes(event, polling),
  ];
  if (ratio < POLLING_RATIO_GOAL) body.push(ratioGap(event, polling));
  if (study.builds.length > 2) {
    const growth = buildGrowth(study.builds);
    goals.unshift({
      goal: 'Cost flat vs build duration',
      figure: `+${(growth.event * 100).toFixed(1)} % from ${growth.from} to ${growth.to} min (polling +${(growth.polling * 100).toFixed(0)} %)`,
      met: growth.event <= FLAT_TOLERANCE,
    });
    body.push(buildTable(study.builds, growth));
    if (growth.event > FLAT_TOLERANCE)
      body.push(
        `**Flat cost, missed by ${((growth.event - FLAT_TOLERANCE) * 100).toFixed(1)} points.** What would fix it in the product: a first image wait near the build's expected duration (e.g. the pipeline's last build), or a larger \`WAIT_BACKOFF\` (4 leaves one reconcile between a 15- and a 180-minute build, but notices a lost event later); a lost event would still be noticed within the build bound.`,
      );
  } else goals.unshift({ goal: 'Cost flat vs build duration', figure: 'not run (--quick)', met: undefined });
  if (study.regions.length > 1) body.push(sweepTable('regions', 'Distribution regions', study.regions));
  if (study.groups.length > 1) body.push(sweepTable('groups', 'Auto Scaling groups', study.groups));
  return { title: '1. Cost per release', command, goals, body };
}

function method(study: CostStudy): string {
  return [
    '### Method',
    '',
    `Every figure comes from real releases on the local cloud: the example fleet deployed by the local deployer through the end-to-end harness (\`test/e2e/harness.ts\`), released with \`force\` so each release builds. The polling design is **a polling variant of the deployed ASL**, not a model: \`bench/polling-variant.ts\` replaces each task-token wait that reconciles on timeout (\`Wait For Image\`, \`Wait For Refresh\`) by a \`Wait\` of ${POLL_SECONDS} s in front of the same reconcile task (GetImage, DescribeInstanceRefreshes), and deploys it beside Goldsmith's machines with the same functions. While a polling release runs, the two rules that complete task tokens are disabled, as a polling design would not have them. Everything else (validation, publication, rollout, notifications) is the same code, so the difference is the waiting design alone. The designs alternate run by run, and each run shifts the build and the refreshes by an offset (${[...new Set(study.example.map((r) => r.offsetSeconds))].join(', ')} s) so that polls meet AWS completions at different phases.`,
    '',
    "Counting: state transitions are the `…StateEntered` events of the release and its wave executions plus task retries (what Step Functions bills); Lambda is billed duration (init included on a cold start) at each function's configured memory (512 MB, arm64); DynamoDB is one request unit per item read or written (items stay under 1 KB); custom events are the entries of PutEvents calls; AWS's own events, and calls between AWS services (Image Builder launching build instances, EventBridge invoking targets), are not Goldsmith's. Left out: the EC2 instances of builds, tests and refreshes (the same for any orchestrator), CloudWatch Logs, and free tiers. A scheduled trigger would add one Scheduler invocation and one `trigger-release` run (≈ $0.000001) to either design.",
  ].join('\n');
}

function pricesTable(): string {
  const rows = Object.values(PRICES).map((price) => [price.unit, `$${price.usd.toPrecision(4)}`, price.source]);
  return `### Prices\n\nAWS list prices, ${PRICE_REGION}, checked ${PRICES_CHECKED} (bench/prices.ts; Europe (Frankfurt), the example's home region, charges the same for Step Functions and Lambda). Parameter Store calls are free on the standard tier Goldsmith uses.\n\n${table(['Unit', 'Price', 'Source'], rows)}`;
}

function lineTable(event: readonly CostLine[], polling: readonly CostLine[]): string {
  const rows = event.map((line, i) => {
    const other = polling[i];
    const quantity = (q: number) => (Number.isInteger(q) ? String(q) : q.toFixed(2));
    return [line.item, quantity(line.quantity), usd(line.usd), quantity(other.quantity), usd(other.usd)];
  });
  return table(['Item', 'Goldsmith', '$', 'Polling', '$'], rows);
}

/** The states of the waits the polling variant replaces, with their reconcile tasks and choices. */
const WAIT_LOOP_STATES = new Set(['Wait For Image', 'Reconcile Image', 'Image Ready?', 'Wait For Refresh', 'Reconcile Refresh', 'Refresh Done?']);

function ratioGap(event: StudyRun, polling: StudyRun): string {
  const entered = transitionsByState(event.histories);
  const waiting = entered.filter(([state]) => WAIT_LOOP_STATES.has(state)).reduce((n, [, count]) => n + count, 0);
  const fixed = event.usage.transitions - waiting;
  const target = Math.floor(polling.usage.transitions / POLLING_RATIO_GOAL);
  const polls = entered.filter(([state]) =>
    /Wait For Agent|Check Test Instance|Agent Online\?|Wait For Smoke Tests|Check Smoke Tests|Smoke Tests Done\?/.test(state),
  );
  return `**${POLLING_RATIO_GOAL}× below polling, missed.** Of Goldsmith's ${event.usage.transitions} transitions, ${waiting} are its waits on AWS (the token waits, their reconciles and choices); the other ${fixed} are steps both designs take, and they bound the ratio. ${POLLING_RATIO_GOAL}× would need Goldsmith at ${target} transitions or fewer. What would fix it in the product: fewer bookkeeping states per release (Pass and Choice states such as \`Start Rollout\`, \`Next Wave\`, \`More Waves?\`, \`Findings Passed\`), the test instance's agent and smoke test awaited by their events (EC2 Command Status-change) instead of Wait loops (${polls.reduce((n, [, count]) => n + count, 0)} transitions here), and a longer reconcile window (section "Cost against build duration").`;
}

function whereItGoes(event: StudyRun, polling: StudyRun): string {
  const goldsmith = transitionsByState(event.histories);
  const polled = new Map(transitionsByState(polling.histories));
  const rows = goldsmith.slice(0, 12).map(([state, count]) => [state, count, polled.get(state) ?? 0]);
  return `### Where the transitions go\n\nStates entered per release, most first (Goldsmith's top 12; the rest enter once or twice each).\n\n${table(['State', 'Goldsmith', 'Polling'], rows)}`;
}

interface BuildGrowth {
  from: number;
  to: number;
  event: number;
  polling: number;
  eventPerHour: number;
  pollingPerHour: number;
}

function buildGrowth(runs: readonly StudyRun[]): BuildGrowth {
  const minutes = [...new Set(runs.map((r) => r.buildMinutes))].sort((a, b) => a - b);
  const at = (design: StudyRun['design'], m: number) => runs.find((r) => r.design === design && r.buildMinutes === m)?.cost.totalUsd ?? Number.NaN;
  const [from, to] = [minutes[0], minutes[minutes.length - 1]];
  const slopeOf = (design: StudyRun['design']) => linearFit(minutes.map((m) => [m / 60, at(design, m)] as const)).slope;
  return {
    from,
    to,
    event: at('event-driven', to) / at('event-driven', from) - 1,
    polling: at('polling', to) / at('polling', from) - 1,
    eventPerHour: slopeOf('event-driven'),
    pollingPerHour: slopeOf('polling'),
  };
}

function buildTable(runs: readonly StudyRun[], growth: BuildGrowth): string {
  const minutes = [...new Set(runs.map((r) => r.buildMinutes))].sort((a, b) => a - b);
  const rows = minutes.map((m) => {
    const e = runs.find((r) => r.design === 'event-driven' && r.buildMinutes === m) as StudyRun;
    const p = runs.find((r) => r.design === 'polling' && r.buildMinutes === m) as StudyRun;
    return [
      m,
      e.usage.transitions,
      e.usage.lambdaRequests,
      usd(e.cost.totalUsd),
      p.usage.transitions,
      p.usage.lambdaRequests,
      usd(p.cost.totalUsd),
      times(p.cost.totalUsd / e.cost.totalUsd),
    ];
  });
  return `### Cost against build duration\n\n${table(['Build (min)', 'Goldsmith transitions', 'Lambda requests', 'Goldsmith $', 'Polling transitions', 'Lambda requests', 'Polling $', 'Polling ÷ Goldsmith'], rows)}\n\nGoldsmith grows by ${usd(growth.eventPerHour)} per hour of build (+${(growth.event * 100).toFixed(1)} % from ${growth.from} to ${growth.to} min); polling by ${usd(growth.pollingPerHour)} per hour (+${(growth.polling * 100).toFixed(0)} %). Goldsmith is not perfectly flat: its task-token wait times out to reconcile in case the event was lost, first after 10 minutes and then after three times the last wait (\`WAIT_SECONDS\`, \`WAIT_BACKOFF\` in core/release/release-settings.ts), so a build reconciles a number of times that grows with the log of its duration; each timeout re-enters the wait (a reconcile task, a choice and the wait again: 3 transitions and 2 Lambda runs).`;
}

function sweepTable(what: string, label: string, points: readonly SweepPoint[]): string {
  const measured = points.flatMap(({ x, run }) => (run ? [{ x, run }] : []));
  const failed = points.filter((point) => !point.run).map((point) => `${point.x} ${what}: ${point.error}`);
  if (measured.length < 2) return `### Cost against ${what}\n\nToo few releases succeeded to fit a line. ${failed.join('; ')}`;
  const rows = measured.map(({ x, run }) => [
    x,
    run.usage.transitions,
    run.usage.lambdaRequests,
    run.usage.dynamoDbWrites,
    run.usage.freeCalls,
    usd(run.cost.totalUsd),
  ]);
  const fit = linearFit(measured.map(({ x, run }) => [x, run.cost.totalUsd] as const));
  const transitions = linearFit(measured.map(({ x, run }) => [x, run.usage.transitions] as const));
  return `### Cost against ${what}\n\nGoldsmith alone, one fresh fleet per row (first release after deploy), ${EXAMPLE_BUILD_MINUTES}-minute build.\n\n${table([label, 'Transitions', 'Lambda requests', 'DynamoDB writes', 'Free API calls', 'Cost'], rows)}\n\nLinear fit: ${usd(fit.intercept)} + ${usd(fit.slope)} per ${what === 'regions' ? 'region' : 'group'} (${transitions.slope.toFixed(1)} transitions per ${what === 'regions' ? 'region' : 'group'}).${failed.length ? ` Failed on this machine: ${failed.join('; ')}.` : ''}`;
}
