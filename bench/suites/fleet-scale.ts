/**
 * Section 3 of BENCHMARKS.md: one release rolling out a large fleet (1,000 groups, 10 regions, 3 waves) on the
 * local cloud, against the Step Functions quotas, and what a plain Map would do instead of a child execution
 * per wave.
 */
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { ref, resolveReference } from '../../core/app-model/index.ts';
import { type LargeFleet, largeFleet } from '../fleet-configs.ts';
import { type ExecutionSize, eventsPerIteration, executionSize, STEP_FUNCTIONS_LIMITS } from '../limits.ts';
import { benchProject, measureRelease, openFleet } from '../release-run.ts';
import { type Goal, kib, type Section, table } from '../report.ts';
import { deployPastRuleLimits, EVENT_PATTERN_LIMIT, patternChars, ruleCapacity, workaroundText } from '../rule-limits.ts';

const PIPELINE = 'web-server';
const INSTANCE_REFRESH_RULE = 'instance-refresh';
/**
 * Simulated seconds per real second while functions run, for large fleets. At the harness's 1, twenty function
 * environments starting cold at once on a loaded machine can outlast a task's 120-second timeout in simulated
 * time; idle time is still skipped, so the release's simulated durations hardly change.
 */
export const LARGE_FLEET_TIME_SCALE = 0.1;

export interface FleetScaleResult {
  fleet: LargeFleet;
  /** The most groups whose instance-refresh rule pattern fits EventBridge's pattern size quota, and the pattern's length at this fleet. */
  ruleFitsGroups: number;
  rulePatternChars: number;
  /** What the bench did where the deploy failed. */
  workaround?: string;
  deployMs: number;
  releaseMs: number;
  status: string;
  /** The first failed execution's error and cause, when the release failed. */
  failure?: string;
  simulatedMs: number;
  executions: Array<ExecutionSize & { iterations: number; eventsPerIteration?: number; simulatedMs: number }>;
  mapMaxConcurrency: number;
  peakRssMiB: number;
  timeScale: number;
}

export async function runFleetScale(fleet: LargeFleet, log: (line: string) => void, timeScale = 1): Promise<FleetScaleResult> {
  const projectFor = (groups: number) => benchProject(largeFleet({ ...fleet, groups }));
  const ruleFitsGroups = ruleCapacity(projectFor, fleet.groups);
  const rulePatternChars = patternChars(projectFor(fleet.groups), INSTANCE_REFRESH_RULE);
  const started = performance.now();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  log(`fleet scale: deploying (${fleet.groups} groups, rules fit ${ruleFitsGroups})`);
  const bench = await openFleet({ project: projectFor(ruleFitsGroups), groupSize: 1 });
  try {
    let workaround: string | undefined;
    if (ruleFitsGroups < fleet.groups) {
      const oversized = await deployPastRuleLimits(bench, projectFor(fleet.groups), 1);
      workaround = workaroundText(oversized, ruleFitsGroups, fleet.groups, 'groups');
    }
    const deployMs = performance.now() - started;
    bench.fleet.session.cloud.clock.setTimeScale(timeScale);
    log('fleet scale: releasing');
    const release = await measureRelease(bench, PIPELINE, {}, { limitMs: 60 * 60_000 });
    const { connection, clients } = bench.fleet;
    const rollout = await clients.sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: resolveReference(connection.model, ref('stateMachine', 'rollout-wave'), connection.scope) }),
    );
    const map = (JSON.parse(rollout.definition as string) as { States: Record<string, { Type: string; MaxConcurrency?: number }> }).States;
    const mapMaxConcurrency = Object.values(map).find((state) => state.Type === 'Map')?.MaxConcurrency ?? 0;
    const executions = bench.meter
      .executions(release.window)
      .sort((a, b) => a.startDate - b.startDate)
      .map((execution) => ({
        ...executionSize(execution),
        iterations: execution.history.filter((e) => e.type === 'MapIterationStarted').length,
        eventsPerIteration: eventsPerIteration(execution.history),
        simulatedMs: (execution.stopDate ?? release.window.to) - execution.startDate,
      }));
    const failed = bench.meter.executions(release.window).find((e) => e.status !== 'SUCCEEDED' && e.executionArn !== release.executionArn) ?? release.execution;
    return {
      fleet,
      ...(release.status !== 'SUCCEEDED' && { failure: `${failed.name}: ${failed.error}: ${String(failed.cause).slice(0, 600)}` }),
      ruleFitsGroups,
      rulePatternChars,
      workaround,
      deployMs,
      releaseMs: release.realMs,
      status: release.status,
      simulatedMs: (release.execution.stopDate ?? release.window.to) - release.execution.startDate,
      executions,
      mapMaxConcurrency,
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      timeScale,
    };
  } finally {
    clearInterval(sampler);
    await bench.close();
  }
}

/** Wave executions are named `<release>-w<index>`. */
function waveLabel(name: string, groups: number): string {
  const wave = /-w(\d+)$/.exec(name);
  return wave ? `wave ${Number(wave[1]) + 1} (${groups} groups)` : 'release';
}

const pct = (value: number, limit: number) => `${((value / limit) * 100).toFixed(1)} %`;

export function fleetScaleSection(result: FleetScaleResult, command: string, refreshMinutes?: number): Section {
  const { fleet } = result;
  const limits = STEP_FUNCTIONS_LIMITS;
  const largestEvents = Math.max(...result.executions.map((e) => e.events));
  const largestPayload = result.executions.reduce((a, b) => (b.largestPayload.bytes > a.largestPayload.bytes ? b : a));
  const half = largestEvents < limits.historyEvents / 2 && largestPayload.largestPayload.bytes < limits.payloadBytes / 2;
  const ruleOk = result.rulePatternChars <= EVENT_PATTERN_LIMIT;
  const goals: Goal[] = [
    {
      goal: `${fleet.groups.toLocaleString('en')}-group release under half of every Step Functions limit`,
      figure: `largest history ${largestEvents.toLocaleString('en')} events (${pct(largestEvents, limits.historyEvents)}), largest payload ${kib(largestPayload.largestPayload.bytes)} (${pct(largestPayload.largestPayload.bytes, limits.payloadBytes)})`,
      met: half && result.status === 'SUCCEEDED',
    },
    {
      goal: `${fleet.groups.toLocaleString('en')}-group fleet deploys`,
      figure: ruleOk
        ? `instance-refresh rule ${result.rulePatternChars} of ${EVENT_PATTERN_LIMIT} characters`
        : `no: instance-refresh rule pattern ${result.rulePatternChars.toLocaleString('en')} characters > ${EVENT_PATTERN_LIMIT.toLocaleString('en')}; fits ${result.ruleFitsGroups} groups`,
      met: ruleOk,
    },
  ];
  const rows = result.executions.map((e) => [
    waveLabel(e.name, e.iterations),
    e.events.toLocaleString('en'),
    pct(e.events, limits.historyEvents),
    kib(e.largestPayload.bytes),
    pct(e.largestPayload.bytes, limits.payloadBytes),
    e.largestPayload.where,
    `${(e.simulatedMs / 60_000).toFixed(0)} min`,
  ]);
  const waves = result.executions.filter((e) => e.iterations > 0);
  const perIteration = Math.max(...waves.map((e) => e.eventsPerIteration ?? 0));
  const allWaveEvents = result.executions.reduce((n, e) => n + e.events, 0);
  const largestWave = waves.reduce((a, b) => (b.iterations > a.iterations ? b : a));
  // Payload growth per group, from the smallest and the largest wave; the release's own largest payload (Roll Out
  // Wave's result, which wraps the largest wave's output) grows at the same rate.
  const smallestWave = waves.reduce((a, b) => (b.iterations < a.iterations ? b : a));
  const perGroupBytes = (largestWave.largestPayload.bytes - smallestWave.largestPayload.bytes) / Math.max(1, largestWave.iterations - smallestWave.iterations);
  const release = result.executions.find((e) => e.iterations === 0) ?? largestWave;
  const groupsAtPayloadLimit = Math.floor(largestWave.iterations + (limits.payloadBytes - release.largestPayload.bytes) / Math.max(1, perGroupBytes));
  const rounds = Math.ceil(largestWave.iterations / Math.max(1, result.mapMaxConcurrency));
  const body = [
    `One pipeline, ${fleet.groups.toLocaleString('en')} Auto Scaling groups of 1 instance (${fleet.groupsPerTemplate} per launch template), its AMI distributed to ${fleet.regions} regions, rolled out in ${fleet.waves} waves (a canary wave of a tenth of the launch templates, then the rest split evenly), at time scale ${result.timeScale} while functions run (idle time skipped)${result.timeScale < 1 ? " so that twenty cold function environments starting at once on this shared machine do not outlast a task's 120-second timeout" : ''}. Goldsmith's config places every rollout target in the home region (core/release/release-settings.ts \`releaseWaves\`: targets have no region of their own), so the groups live there; the payloads carry group names, not targets, so their size does not depend on where the groups are. The release ran ${result.status}${result.failure ? ` (${result.failure})` : ''}: ${(result.releaseMs / 1000).toFixed(0)} s of real time (deploy and fixtures ${(result.deployMs / 1000).toFixed(0)} s), ${(result.simulatedMs / 3_600_000).toFixed(1)} h simulated, peak memory ${result.peakRssMiB.toLocaleString('en')} MiB.`,
    table(['Execution', 'History events', 'of 25,000', 'Largest payload', 'of 256 KiB', 'Where', 'Simulated'], rows),
    `Limits (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html): ${limits.historyEvents.toLocaleString('en')} history events per execution, ${kib(limits.payloadBytes)} per state or task input and output. Under half of both: **${half ? 'yes' : 'no'}**.`,
    `### Where a limit would be crossed\n\n- **A plain Map instead of a child execution per wave.** Each refresh adds ${perIteration.toFixed(0)} history events to its execution (one Map iteration of \`Refresh Groups\`; more when a refresh outlasts the 10-minute wait and reconciles). All ${fleet.groups.toLocaleString('en')} groups in one execution would hold about ${allWaveEvents.toLocaleString('en')} events (${pct(allWaveEvents, limits.historyEvents)} of the limit); the limit falls at about ${Math.floor(limits.historyEvents / perIteration).toLocaleString('en')} groups per execution, fewer when refreshes reconcile. A child execution per wave keeps each history to its wave: the largest wave (${largestWave.iterations} groups) holds ${largestWave.events.toLocaleString('en')}.\n- **Payloads grow with the wave, by a group name each.** The release carries only the waves' names; each wave's child execution gets its wave by name, \`Roll Launch Templates\` reads the targets from the deployed config and returns the rolled templates and the group names, and \`Start Refresh\` reads a group's preferences from the config and its launch template version from the release table. What remains per group is its name in the wave's output: about ${perGroupBytes.toFixed(0)} bytes. The release's largest payload (${release.largestPayload.where}) is ${kib(release.largestPayload.bytes)} with a ${largestWave.iterations}-group wave; a single wave of about ${groupsAtPayloadLimit.toLocaleString('en')} groups would reach the 256 KiB limit.\n- **The instance-refresh rule.** EventBridge's event pattern size quota is ${EVENT_PATTERN_LIMIT.toLocaleString('en')} characters by default. The rule lists no groups (on-refresh-event ignores refreshes no wave waits on), so its pattern is ${result.rulePatternChars.toLocaleString('en')} characters at any fleet size${result.workaround ? `. ${result.workaround}` : '.'} The image-state-change rule matches the project's recipes with one wildcard, whatever the number of pipelines (section 5).\n- **Wave duration.** \`Refresh Groups\` runs at most ${result.mapMaxConcurrency} refreshes at once, so the largest wave takes ${rounds} round${rounds === 1 ? '' : 's'} of refreshes${refreshMinutes ? `: with the example fleet's production refresh (${refreshMinutes.toFixed(0)} min, 4 instances and two 15-minute checkpoint pauses), about ${((rounds * refreshMinutes) / 60).toFixed(1)} h, against the default wave bound of 4 h (\`timeouts.waveMinutes\` 240)` : ''}.`,
  ];
  return { title: '3. Fleet scale', command, goals, body };
}
