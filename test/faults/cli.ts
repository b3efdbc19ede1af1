/**
 * `npm run faults`: runs randomized fault scenarios on the local cloud and checks DESIGN §5's contracts on each.
 *
 *   npm run faults -- --runs 50            seeds 1..50
 *   npm run faults -- --runs 50 --from 200 seeds 200..249
 *   npm run faults -- --seed 17            replays seed 17 alone (and shrinks it if it fails)
 *   npm run faults -- --regression <name>  runs one of regressions.ts (--regressions: all of them)
 *
 * A failing scenario is shrunk and printed with its seed; the exit code is 1 when any contract broke.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describeScenario } from './describe-scenario.ts';
import type { FaultScenario } from './fault-scenario.ts';
import { generateScenario } from './generator.ts';
import type { Violation } from './invariants/index.ts';
import { regressions } from './regressions.ts';
import { addFigures, emptyFigures, type Figures, formatFailure, formatFigures } from './report.ts';
import { checkScenario } from './scenario-check.ts';
import { shrinkScenario } from './shrink.ts';

interface Options {
  seed?: string;
  runs: string;
  from: string;
  regression?: string;
  regressions?: boolean;
  jobs: string;
  timeScale: string;
  limitSeconds: string;
  shrink: boolean;
  shrinkTries: string;
  json?: string;
  worker?: boolean;
  verbose?: boolean;
}

interface Outcome {
  seed: number;
  violations: Violation[];
  figures: Figures;
}

const program = new Command('faults')
  .description("Randomized fault scenarios on the local cloud, checked against DESIGN §5's contracts")
  .option('--seed <n>', 'replay one seed')
  .option('--runs <n>', 'how many seeds to run', '10')
  .option('--from <n>', 'the first seed of --runs', '1')
  .option('--regression <name>', `run one hand-written scenario: ${regressions.map((r) => r.scenario.name).join(', ')}`)
  .option('--regressions', 'run every hand-written scenario')
  .option('--jobs <n>', 'scenarios run at once, each in its own process', '1')
  .option('--time-scale <n>', 'simulated seconds per real second while functions run', '10')
  .option('--limit-seconds <n>', 'real seconds a scenario may take before it counts as stuck', '180')
  .option('--no-shrink', 'print a failing scenario as generated')
  .option('--shrink-tries <n>', 'runs the shrinker may make', '12')
  .option('--json <file>', 'write the figures and failures as JSON')
  .option('--verbose', 'print what the runner does')
  .option('--worker', 'internal: run --seed and print its outcome as JSON');

const options = program.parse().opts<Options>();
const runOptions = {
  timeScale: Number(options.timeScale),
  limitMs: Number(options.limitSeconds) * 1000,
  ...(options.verbose && { log: (line: string) => console.error(`  … ${line}`) }),
};

function scenarioOf(seed: number): FaultScenario {
  return generateScenario(seed);
}

async function runHere(scenario: FaultScenario): Promise<Outcome> {
  const result = await checkScenario(scenario, runOptions);
  return { seed: scenario.seed, violations: result.violations, figures: result.figures };
}

/** Runs a seed in a child process, so a crash or a leak in one scenario cannot touch the next. */
function runInChild(seed: number): Promise<Outcome> {
  const args = [fileURLToPath(import.meta.url), '--worker', '--seed', String(seed), '--time-scale', options.timeScale, '--limit-seconds', options.limitSeconds];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as Outcome);
      } catch {
        const message = `the scenario process failed: ${error?.message ?? 'no outcome'}`;
        resolve({
          seed,
          violations: [{ invariant: 'runner', contract: 'the suite itself', message }],
          figures: { ...emptyFigures(), scenarios: 1, violations: 1 },
        });
      }
    });
  });
}

async function report(scenario: FaultScenario, outcome: Outcome): Promise<string> {
  if (!options.shrink) return formatFailure(scenario, outcome.violations);
  const shrunk = await shrinkScenario(scenario, outcome.violations, async (candidate) => (await runHere(candidate)).violations, Number(options.shrinkTries));
  return formatFailure(scenario, outcome.violations, shrunk);
}

async function main(): Promise<number> {
  if (options.worker) {
    const outcome = await runHere(scenarioOf(Number(options.seed)));
    console.log(JSON.stringify(outcome));
    return 0;
  }
  const started = Date.now();
  const scenarios: FaultScenario[] = options.regressions
    ? regressions.map((r) => r.scenario)
    : options.regression
      ? regressions.filter((r) => r.scenario.name === options.regression).map((r) => r.scenario)
      : options.seed !== undefined
        ? [scenarioOf(Number(options.seed))]
        : Array.from({ length: Number(options.runs) }, (_, i) => scenarioOf(Number(options.from) + i));
  if (!scenarios.length) throw new Error(`No regression scenario named '${options.regression}'.`);
  if (scenarios.length === 1) console.log(describeScenario(scenarios[0]));

  let figures = emptyFigures();
  const failures: Array<{ seed: number; text: string; violations: Violation[] }> = [];
  const jobs = Math.max(1, Number(options.jobs));
  let next = 0;
  const worker = async () => {
    while (next < scenarios.length) {
      const scenario = scenarios[next++];
      const outcome = jobs > 1 && !scenario.name ? await runInChild(scenario.seed) : await runHere(scenario);
      figures = addFigures(figures, outcome.figures);
      const status = outcome.violations.length ? `✗ ${outcome.violations.length} violation(s)` : '✓';
      console.log(
        `seed ${scenario.seed}${scenario.name ? ` (${scenario.name})` : ''}: ${status} ${Math.round(outcome.figures.realMs / 100) / 10} s, ${outcome.figures.releases} releases ${JSON.stringify(outcome.figures.outcomes)}`,
      );
      if (outcome.violations.length) {
        const text = await report(scenario, outcome);
        console.log(text);
        failures.push({ seed: scenario.seed, text, violations: outcome.violations });
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  console.log(`\n${formatFigures(figures)}\nWall time: ${Math.round((Date.now() - started) / 1000)} s, ${jobs} job(s)`);
  if (options.json) writeFileSync(options.json, JSON.stringify({ figures, failures, date: new Date().toISOString() }, null, 2));
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
