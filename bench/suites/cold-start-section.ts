/** Section 4 of BENCHMARKS.md: bundle sizes and cold import times per function, against an SDK-only baseline. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_FUNCTION_ENVIRONMENT } from '../../cli/local-deploy.ts';
import { LOCAL_PATHS } from '../../cli/local-session.ts';
import { buildAppModel, type FunctionResource } from '../../core/app-model/index.ts';
import { serializeReleaseConfig } from '../../core/release/release-config.ts';
import { ROOT } from '../../test/e2e/harness.ts';
import { bundleSubjects, type ColdStart, measureColdStart, writeTaskRoot } from '../cold-start.ts';
import { exampleConfig } from '../fleet-configs.ts';
import { BENCH_DIR, benchProject } from '../release-run.ts';
import { type Goal, kib, ms, type Section, table, times } from '../report.ts';

export const BUNDLE_GOAL_BYTES = 300 * 1024;
export const IMPORT_GOAL_MS = 250;

export interface ColdStartResult {
  starts: ColdStart[];
  /** Functions measured for import time (all in a full run). */
  measured: number;
  total: number;
}

/** The environment Lambda gives the function: its model environment, with placeholders for resolved references. */
function environmentOf(fn: FunctionResource, taskRoot: string, region: string): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMiB),
    LAMBDA_TASK_ROOT: taskRoot,
    ...LOCAL_FUNCTION_ENVIRONMENT,
  };
  for (const [key, value] of Object.entries(fn.environment)) env[key] = typeof value === 'string' ? value : `bench-${key.toLowerCase()}`;
  return env;
}

export async function runColdStarts(options: { quick: boolean; log: (line: string) => void }): Promise<ColdStartResult> {
  const project = benchProject(exampleConfig());
  const model = buildAppModel(project.resolved, { stage: 'local', account: '123456789012' });
  options.log('cold start: bundling');
  const subjects = await bundleSubjects(model, {
    rootDir: ROOT,
    baselineDir: join(BENCH_DIR, 'baseline'),
    cacheDir: LOCAL_PATHS.bundles(BENCH_DIR),
  });
  const configText = serializeReleaseConfig(project.resolved);
  const runs = options.quick ? 2 : 10;
  // Quick runs time the largest bundle and the smallest only.
  const bySize = [...subjects].sort((a, b) => b.bundle.code.byteLength - a.bundle.code.byteLength);
  const timed = new Set(options.quick ? [bySize[0], bySize[bySize.length - 1]] : subjects);
  const dir = mkdtempSync(join(tmpdir(), 'goldsmith-bench-'));
  const starts: ColdStart[] = [];
  try {
    for (const subject of subjects) {
      const root = join(dir, subject.fn.key);
      const file = writeTaskRoot(root, subject.bundle, { [model.configFile]: configText });
      const baselineFile = writeTaskRoot(join(dir, `baseline-${subject.fn.key}`), subject.baseline, {});
      if (timed.has(subject)) options.log(`cold start: ${subject.fn.key} (${runs} runs)`);
      const env = environmentOf(subject.fn, root, project.resolved.config.region);
      const start = await measureColdStart(subject, { file, baselineFile }, env, timed.has(subject) ? runs : 0);
      starts.push(start);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { starts, measured: timed.size, total: subjects.length };
}

export function coldStartSection(result: ColdStartResult, command: string): Section {
  const timed = result.starts.filter((s) => s.runs > 0);
  const largest = result.starts.reduce((a, b) => (b.size.minifiedBytes > a.size.minifiedBytes ? b : a));
  const slowest = timed.reduce((a, b) => (b.importMs > a.importMs ? b : a));
  const over = result.starts.filter((s) => s.size.minifiedBytes >= BUNDLE_GOAL_BYTES);
  const slow = timed.filter((s) => s.importMs >= IMPORT_GOAL_MS);
  const goals: Goal[] = [
    {
      goal: `Bundles < ${BUNDLE_GOAL_BYTES / 1024} KB minified`,
      figure: `largest ${kib(largest.size.minifiedBytes)} (${largest.key}); ${over.length} of ${result.starts.length} at or over`,
      met: over.length === 0,
    },
    {
      goal: `Cold import < ${IMPORT_GOAL_MS} ms median`,
      figure: `slowest ${ms(slowest.importMs)} (${slowest.key}; its SDK-only baseline ${ms(slowest.baselineImportMs)}); ${slow.length} of ${timed.length} at or over`,
      met: slow.length === 0,
    },
  ];
  const rows = [...result.starts]
    .sort((a, b) => b.size.minifiedBytes - a.size.minifiedBytes)
    .map((s) => [
      s.key,
      s.clients.join(', '),
      kib(s.size.minifiedBytes),
      kib(s.size.gzippedBytes),
      kib(s.baselineSize.minifiedBytes),
      s.runs ? ms(s.importMs) : '–',
      s.runs ? ms(s.baselineImportMs) : '–',
      s.runs ? times(s.importMs / s.baselineImportMs) : '–',
    ]);
  const body = [
    `Each function bundled by the deployer's bundler (adapters/aws/bundle.ts: esbuild, minified ESM for Node 24, without the AWS SDK v3, which the Lambda Node.js runtime provides; the DynamoDB document client is bundled), and a baseline handler bundled the same way that only creates the SDK clients the function's IAM actions name. Cold import: a fresh Node ${process.version} process imports the bundle from a directory laid out as Lambda's task root, with the function's environment, and the SDK from the project's node_modules as the local cloud's Lambda runtime does (local-cloud/lambda/runtime-sdk.ts); the time from the start of the import to its end, SDK included (Node's own start-up excluded), median of ${result.starts.find((s) => s.runs > 0)?.runs ?? 0} runs, function and baseline alternating. ${result.measured < result.total ? `This quick run timed ${result.measured} of ${result.total} functions.` : ''}`,
    table(['Function', 'SDK clients', 'Minified', 'Gzipped', 'Baseline minified', 'Cold import', 'Baseline import', 'Ratio'], rows),
    "On AWS, Lambda's Init Duration adds the runtime's own start-up to the import; the ratio to the baseline is the part that does not depend on this machine.",
  ];
  if (over.length) {
    const baselines = result.starts.map((s) => s.baselineSize.minifiedBytes);
    const own = result.starts.map((s) => s.size.minifiedBytes - s.baselineSize.minifiedBytes);
    body.push(
      `**Bundles, missed by ${kib(largest.size.minifiedBytes - BUNDLE_GOAL_BYTES)} (largest).** Without the SDK, a bundle is Goldsmith's own code and its libraries (middy, Powertools with the X-Ray SDK, zod): ${kib(Math.min(...own))}–${kib(Math.max(...own))} beyond its baseline (${kib(Math.min(...baselines))}–${kib(Math.max(...baselines))}).`,
    );
  }
  return { title: '4. Cold start per function', command, goals, body };
}
