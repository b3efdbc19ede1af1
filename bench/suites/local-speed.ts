/**
 * Section 5 of BENCHMARKS.md: how fast Goldsmith runs locally: the local cloud's start-up, `npm start`, one
 * release at the tests' time scale, and many pipelines releasing at once.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { MAX_ENVIRONMENTS_IN_ALL } from '../../local-cloud/lambda/environment-budget.ts';
import { MAX_ENVIRONMENTS } from '../../local-cloud/lambda/function-pool.ts';
import { ROOT } from '../../test/e2e/harness.ts';
import { manyPipelines } from '../fleet-configs.ts';
import { benchProject, drain, measureRelease, openFleet, settle } from '../release-run.ts';
import { type Goal, ms, type Section, table } from '../report.ts';
import { deployPastRuleLimits, ruleCapacity, workaroundText } from '../rule-limits.ts';
import { median, summarize } from '../statistics.ts';

const run = promisify(execFile);

/** Raised from the issue's 20 s once met (6.8 s median on a fresh project, 2026-11-24). */
export const NPM_START_GOAL_MS = 10_000;
/**
 * The machine is shared: concurrent releases stop when the process has grown by this much memory since they
 * started (each function environment is a worker thread: the local cloud runs up to 16 per function, 48 in all).
 */
export const MEMORY_BUDGET_MIB = 7_168;
/** …or when they have run this long in real time: at 2 cores, many releases at once load the machine for everyone. */
export const CONCURRENT_LIMIT_MS = 4 * 60_000;
export const TEST_RELEASE_GOAL_MS = 1_000;

const CLOUD_PROBE = [
  'const { startLocalCloud } = await import(process.env.BENCH_CLOUD_URL);',
  'const cloud = await startLocalCloud({ port: 0, dataDir: false, timeScale: 60 });',
  // performance.now() counts from the process's start: Node's start-up, the imports and the services.
  'const listening = performance.now();',
  'await cloud.stop();',
  'process.stdout.write(String(listening));',
].join('\n');

/** Real ms from a fresh Node process's start until the local cloud listens. */
export async function cloudStartupMs(): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CLOUD_PROBE], {
    env: { ...process.env, BENCH_CLOUD_URL: pathToFileURL(join(ROOT, 'local-cloud/index.ts')).href },
    timeout: 60_000,
  });
  return Number(stdout);
}

/**
 * A copy of the example project in a temporary directory: its own `.goldsmith/` (saved state, bundle cache),
 * so a run starts as on a fresh clone and leaves the repository's local state alone.
 */
export function exampleProjectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'goldsmith-start-'));
  const config = readFileSync(join(ROOT, 'goldsmith.config.ts'), 'utf8').replace("'./core/config/index.ts'", `'${join(ROOT, 'core/config/index.ts')}'`);
  writeFileSync(join(dir, 'goldsmith.config.ts'), config);
  cpSync(join(ROOT, 'components'), join(dir, 'components'), { recursive: true });
  return dir;
}

/** Real ms of `npm start` (`goldsmith start`) in the project directory; it must exit 0. */
export async function npmStartMs(projectDir: string): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [join(ROOT, 'cli/index.ts'), 'start', '--config', join(projectDir, 'goldsmith.config.ts')], {
    cwd: projectDir,
    env: { ...process.env, CI: 'true' },
    timeout: 300_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return performance.now() - started;
}

export interface ConcurrentReleases {
  pipelines: number;
  deployMs: number;
  /** Real ms from the first StartExecution until every release ended. */
  realMs: number;
  succeeded: number;
  /** Pipelines whose stable channel holds the AMI their release built. */
  published: number;
  failedInvocations: number;
  retries: number;
  /** How the failed releases failed: `<execution error>: <cause>` with a count. */
  failures: Array<[string, number]>;
  /** How much the process grew while the releases ran. */
  peakRssMiB: number;
  timeScale: number;
  /** How many such pipelines deploy before an EventBridge rule's pattern passes its limit. */
  rulesFit: number;
  workaround?: string;
  /** Why the run stopped before every release ended, if it did. */
  stopped?: string;
}

/** `pipelines` pipelines of the example's shape, each with one group, all released at once. */
export async function concurrentReleases(pipelines: number, log: (line: string) => void, timeScale = 1): Promise<ConcurrentReleases> {
  const projectFor = (n: number) => benchProject(manyPipelines(n));
  const fitting = ruleCapacity(projectFor, pipelines);
  log(`local speed: deploying ${pipelines} pipelines (rules fit ${fitting})`);
  const started = performance.now();
  const bench = await openFleet({ project: projectFor(fitting), groupSize: 1 });
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  let overBudget: (reason: Error) => void = () => {};
  const budget = new Promise<never>((_, reject) => {
    overBudget = reject;
  });
  budget.catch(() => {});
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (peakRss - baseRss > MEMORY_BUDGET_MIB * 2 ** 20) overBudget(new Error(`memory grew by more than ${MEMORY_BUDGET_MIB.toLocaleString('en')} MiB`));
  }, 250);
  try {
    const workaround =
      fitting < pipelines ? workaroundText(await deployPastRuleLimits(bench, projectFor(pipelines), 1), fitting, pipelines, 'pipelines') : undefined;
    const deployMs = performance.now() - started;
    const { fleet } = bench;
    const names = projectFor(pipelines).pipelines;
    await settle(bench);
    fleet.session.cloud.clock.setTimeScale(timeScale);
    log(`local speed: releasing ${pipelines} pipelines at once`);
    const releasing = performance.now();
    const invocationsBefore = bench.meter.invocations.length;
    const releases = await Promise.all(names.map((name) => fleet.start(name, { trigger: { kind: 'manual', detail: 'bench' } })));
    const stepFunctions = fleet.session.cloud.runtime.services.stepfunctions;
    let done = 0;
    const ended = releases.map((r) =>
      stepFunctions.whenExecutionClosed(r.executionArn).then((record) => {
        done++;
        return record;
      }),
    );
    const progress = setInterval(() => log(`local speed: ${done} of ${pipelines} releases ended`), 30_000);
    const base = { pipelines, deployMs, timeScale, rulesFit: fitting, workaround };
    try {
      await fleet.session.fastForward.until(Promise.race([Promise.all(ended), budget]), { limitMs: CONCURRENT_LIMIT_MS });
    } catch (error) {
      clearInterval(progress);
      const realMs = performance.now() - releasing;
      const byArn = new Map(
        stepFunctions.store.entries().flatMap(({ state }) => Object.values(state.executions).map((e) => [e.executionArn, e.status] as const)),
      );
      const statuses = releases.map((r) => byArn.get(r.executionArn));
      log(`local speed: stopped: ${(error as Error).message}`);
      // Stop what still runs, and let running functions finish, before the cloud closes under them.
      await drain(bench);
      for (const release of releases) {
        if (byArn.get(release.executionArn) === 'RUNNING')
          await fleet.clients.sfn.send(new StopExecutionCommand({ executionArn: release.executionArn, error: 'Bench.Stopped' })).catch(() => {});
      }
      await drain(bench);
      return {
        ...base,
        realMs,
        succeeded: statuses.filter((status) => status === 'SUCCEEDED').length,
        published: 0,
        failedInvocations: 0,
        retries: 0,
        failures: [],
        peakRssMiB: Math.round((peakRss - baseRss) / 2 ** 20),
        stopped: `${(error as Error).message} after ${(realMs / 1000).toFixed(0)} s, with ${statuses.filter((status) => status === 'RUNNING').length} releases still running`,
      };
    }
    clearInterval(progress);
    const realMs = performance.now() - releasing;
    const closed = await Promise.all(ended);
    await settle(bench);
    let published = 0;
    for (const [i, record] of closed.entries()) {
      const amis = (JSON.parse(record?.output ?? '{}') as { image?: { amis?: Array<{ region: string; imageId: string }> } }).image?.amis ?? [];
      const home = amis.find((ami) => ami.region === fleet.region)?.imageId;
      const stable = await fleet.channel(`/goldsmith/${names[i]}/stable`);
      if (home && stable.current?.value === home) published++;
    }
    const histories = closed.flatMap((record) => (record ? [record.history] : []));
    const retries = histories.reduce((n, history) => {
      const entered = history.filter((e) => e.type === 'TaskStateEntered').length;
      const scheduled = history.filter((e) => e.type === 'LambdaFunctionScheduled' || e.type === 'TaskScheduled').length;
      return n + Math.max(0, scheduled - entered);
    }, 0);
    const failures = new Map<string, number>();
    for (const record of closed) {
      if (!record || record.status === 'SUCCEEDED') continue;
      // The first task that failed or timed out says more than the execution's own error.
      const first = record.history.find((e) => /(Failed|TimedOut)$/.test(e.type) && !e.type.startsWith('Execution'));
      const details = first ? (Object.entries(first).find(([key]) => key.endsWith('EventDetails'))?.[1] as { error?: string } | undefined) : undefined;
      const why = `${record.status} ${record.error ?? ''}${first ? ` after ${first.type} ${details?.error ?? ''}` : ''}`;
      failures.set(why, (failures.get(why) ?? 0) + 1);
    }
    return {
      ...base,
      realMs,
      succeeded: closed.filter((record) => record?.status === 'SUCCEEDED').length,
      published,
      failedInvocations: bench.meter.invocations.slice(invocationsBefore).filter((i) => i.outcome !== 'success').length,
      retries,
      failures: [...failures].sort((a, b) => b[1] - a[1]),
      peakRssMiB: Math.round((peakRss - baseRss) / 2 ** 20),
    };
  } finally {
    clearInterval(sampler);
    await bench.close();
  }
}

export interface TestScaleRelease {
  realMs: number;
  /** Real ms its function runs took, init included, summed. */
  functionMs: number;
  invocations: number;
  /** Real ms per function (short name), summed over its runs. */
  byFunction: Record<string, number>;
  /** Idle stretches of simulated time the harness skipped. */
  skips: number;
}

/**
 * Releases of the example fleet exactly as the end-to-end tests run them (the harness's defaults: groups of 1
 * instance, time scale 1, idle time skipped): the first after the deploy, with every function cold, then warm ones.
 */
export async function testScaleReleases(warmRuns: number, log: (line: string) => void): Promise<{ first: TestScaleRelease; warm: TestScaleRelease[] }> {
  log(`local speed: ${warmRuns + 1} releases at the tests' time scale`);
  const bench = await openFleet();
  const clock = bench.fleet.session.cloud.clock;
  const advanceTo = clock.advanceTo.bind(clock);
  let skips = 0;
  clock.advanceTo = (epochMs: number) => {
    skips++;
    advanceTo(epochMs);
  };
  try {
    const runs: TestScaleRelease[] = [];
    for (let i = 0; i <= warmRuns; i++) {
      skips = 0;
      const release = await measureRelease(bench, 'web-server', { force: true });
      if (release.status !== 'SUCCEEDED') throw new Error(`The release ${release.releaseId} ended ${release.status}: ${release.execution.error}`);
      const invocations = bench.meter.records(release.window).invocations;
      const byFunction: Record<string, number> = {};
      for (const i of invocations) {
        const name = i.functionName.replace(`${bench.fleet.connection.model.prefix}-`, '');
        byFunction[name] = (byFunction[name] ?? 0) + i.durationMs + (i.initDurationMs ?? 0);
      }
      runs.push({
        byFunction,
        realMs: release.realMs,
        functionMs: invocations.reduce((total, i) => total + i.durationMs + (i.initDurationMs ?? 0), 0),
        invocations: invocations.length,
        skips,
      });
    }
    return { first: runs[0], warm: runs.slice(1) };
  } finally {
    Reflect.deleteProperty(clock, 'advanceTo');
    await bench.close();
  }
}

export interface LocalSpeed {
  first: TestScaleRelease;
  warm: TestScaleRelease[];
  cloudStartupMs: number[];
  npmStartFreshMs: number[];
  npmStartRepeatMs: number[];
  /** 100 pipelines at once, then fewer while a run stops (memory), until one completes. */
  concurrent: ConcurrentReleases[];
}

export async function runLocalSpeed(options: { quick: boolean; log: (line: string) => void }): Promise<LocalSpeed> {
  const startupRuns = options.quick ? 2 : 10;
  options.log(`local speed: local cloud start-up (${startupRuns} runs)`);
  const cloudStartup: number[] = [];
  for (let i = 0; i < startupRuns; i++) cloudStartup.push(await cloudStartupMs());
  const fresh: number[] = [];
  const repeat: number[] = [];
  const starts = options.quick ? 0 : 3;
  for (let i = 0; i < starts; i++) {
    const dir = exampleProjectCopy();
    try {
      options.log(`local speed: npm start ${i + 1} of ${starts}, fresh project`);
      fresh.push(await npmStartMs(dir));
      options.log(`local speed: npm start ${i + 1} of ${starts}, again`);
      repeat.push(await npmStartMs(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const releases = await testScaleReleases(options.quick ? 1 : 8, options.log);
  // Many releases at once keep functions busy most of the time, so simulated time runs at the time scale
  // instead of being skipped: a tenth keeps cold starts on this shared machine inside the tasks' timeouts.
  // 100 at once first; when that stops (memory), fewer, to find what this machine sustains.
  const concurrent: ConcurrentReleases[] = [];
  for (const pipelines of options.quick ? [] : [100, 20]) {
    const attempt = await concurrentReleases(pipelines, options.log);
    concurrent.push(attempt);
    if (!attempt.stopped) break;
  }
  return { ...releases, cloudStartupMs: cloudStartup, npmStartFreshMs: fresh, npmStartRepeatMs: repeat, concurrent };
}

export function localSpeedSection(speed: LocalSpeed, command: string): Section {
  const releaseMs = speed.warm.map((r) => r.realMs);
  const goals: Goal[] = [];
  if (speed.npmStartFreshMs.length) {
    const slower = Math.max(median(speed.npmStartFreshMs), median(speed.npmStartRepeatMs));
    goals.push({
      goal: `\`npm start\` < ${NPM_START_GOAL_MS / 1000} s real`,
      figure: `median ${ms(median(speed.npmStartFreshMs))} on a fresh project, ${ms(median(speed.npmStartRepeatMs))} again`,
      met: slower < NPM_START_GOAL_MS,
    });
  } else goals.push({ goal: `\`npm start\` < ${NPM_START_GOAL_MS / 1000} s real`, figure: 'not run (--quick)', met: undefined });
  goals.push({
    goal: `Test-scale release < ${TEST_RELEASE_GOAL_MS / 1000} s real`,
    figure: `median ${ms(median(releaseMs))} (first release after deploy ${ms(speed.first.realMs)})`,
    met: median(releaseMs) < TEST_RELEASE_GOAL_MS,
  });
  const row = (what: string, values: readonly number[]) => {
    if (!values.length) return [what, 'not run', '', '', ''];
    const s = summarize(values);
    return [what, String(s.runs), ms(s.median), ms(s.p10), ms(s.p90)];
  };
  const rows = [
    row('Local cloud start-up: fresh Node process until it listens', speed.cloudStartupMs),
    row('`npm start` on a fresh project (bundles built, first release)', speed.npmStartFreshMs),
    row('`npm start` again (bundles cached, state restored, next release)', speed.npmStartRepeatMs),
    row("A release at the tests' time scale (example fleet, functions warm)", releaseMs),
    row("The first release after a deploy (every function's first run, a cold start; the local cloud starts environments at deploy)", [speed.first.realMs]),
  ];
  const body = [
    `Real time on this machine. \`npm start\` runs \`goldsmith start\` in a copy of the example project in a temporary directory (its own \`.goldsmith/\`), so the first run builds the function bundles as on a fresh clone, and the second restores the saved state and releases the next month on top. Releases run as the end-to-end tests run them (\`test/e2e/harness.ts\` defaults: the example fleet with groups of 1 instance, time scale 1, idle simulated time skipped, a 45-minute build).`,
    table(['What', 'Runs', 'Median', 'p10', 'p90'], rows),
    `Where a warm release's ${ms(median(releaseMs))} go: ${median(speed.warm.map((r) => r.invocations))} function runs taking ${ms(median(speed.warm.map((r) => r.functionMs)))} in all (summed; a few overlap), and ${median(speed.warm.map((r) => r.skips))} skips over idle simulated time, each after the harness has seen the cloud idle for 3 checks 1 ms apart; the rest is the local cloud's own work (Step Functions engine, services, HTTP).`,
  ];
  if (median(releaseMs) >= TEST_RELEASE_GOAL_MS) {
    const names = Object.keys(speed.warm[0]?.byFunction ?? {});
    const top = names
      .map((name) => [name, median(speed.warm.map((r) => r.byFunction[name] ?? 0))] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4);
    body.push(
      `**Test-scale release, missed by ${ms(median(releaseMs) - TEST_RELEASE_GOAL_MS)}.** Function runs take most of it, about ${ms(median(speed.warm.map((r) => r.functionMs)) / Math.max(1, median(speed.warm.map((r) => r.invocations))))} each; the longest in all: ${top.map(([name, total]) => `${name} ${ms(total)}`).join(', ')}. What would fix it in the product: fewer function runs per release (two token handlers per refresh event and per wait, notify-release twice).`,
    );
  }
  const [first, ...fallbacks] = speed.concurrent;
  if (!first) goals.push({ goal: '100 pipelines releasing at once, no lost work', figure: 'not run (--quick)', met: undefined });
  else {
    goals.push({
      goal: `${first.pipelines} pipelines deploy`,
      figure: first.workaround ? `no: at most ${first.rulesFit} (EventBridge rule pattern limit)` : 'yes',
      met: !first.workaround,
    });
    const completed = speed.concurrent.find((c) => !c.stopped);
    goals.push({
      goal: `${first.pipelines} pipelines releasing at once, no lost work`,
      figure: first.stopped
        ? `stopped: ${first.stopped}${completed ? `; ${completed.pipelines} at once: ${completed.succeeded}/${completed.pipelines} succeeded, ${completed.published} published, ${(completed.pipelines / (completed.realMs / 1000)).toFixed(2)} releases/s` : ''}`
        : `${first.succeeded}/${first.pipelines} succeeded, ${first.published}/${first.pipelines} stable channels published, ${(first.pipelines / (first.realMs / 1000)).toFixed(2)} releases/s`,
      met: !first.stopped && Math.min(first.succeeded, first.published) === first.pipelines,
    });
    const rows = speed.concurrent.map((c) => [
      c.pipelines,
      ms(c.deployMs),
      c.stopped ? `stopped after ${ms(c.realMs)}` : ms(c.realMs),
      c.stopped ? '–' : `${(c.pipelines / (c.realMs / 1000)).toFixed(2)} releases/s`,
      c.succeeded,
      c.stopped ? '–' : c.published,
      c.stopped ? '–' : c.failedInvocations,
      c.stopped ? '–' : c.retries,
      `${c.peakRssMiB.toLocaleString('en')} MiB`,
    ]);
    const notes = speed.concurrent.flatMap((c) => [
      ...(c.stopped ? [`${c.pipelines} at once stopped: ${c.stopped}.`] : []),
      ...(c.failures.length ? [`${c.pipelines} at once, failures: ${c.failures.map(([why, n]) => `${n} × ${why}`).join('; ')}.`] : []),
    ]);
    body.push(
      `### ${first.pipelines} pipelines releasing at once\n\nCopies of the example pipeline (each its own image pipeline, channels and one Auto Scaling group of 1 instance), all released together and followed until every release ended, at the tests' time scale (1; idle time skipped only while the whole cloud is idle). The run stops when the process grows by more than ${MEMORY_BUDGET_MIB.toLocaleString('en')} MiB or after ${CONCURRENT_LIMIT_MS / 60_000} minutes, since the machine is shared; then fewer pipelines are tried.${first.workaround ? ` ${first.workaround} What would fix it in the product: one wildcard for the project's images in the image-state-change rule (image ARNs carry the recipe name, which starts with the project), and a prefix or tag match in the instance-refresh rule.` : ''}\n\n${table(['Pipelines', 'Deploy', 'Releases took', 'Throughput', 'Succeeded', 'Stable published', 'Failed function runs', 'Task retries', 'Memory growth'], rows)}${notes.length ? `\n\n${notes.join(' ')}` : ''}${fallbacks.length || first.stopped ? `\n\nWhere the memory goes: in the local cloud each concurrent function run is a worker thread with its own copy of its bundle and the SDK (at most ${MAX_ENVIRONMENTS} per function and ${MAX_ENVIRONMENTS_IN_ALL} in all, local-cloud/lambda/); and simulated time is skipped only while the whole cloud is idle, which many releases at once rarely are, so they also take longer than one.` : ''}`,
    );
  }
  return { title: '5. Local speed', command, goals, body };
}
