import { readFileSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_DATA_DIR, DEFAULT_PORT } from '../../local-cloud/index.ts';
import { clearState, readState } from '../../local-cloud/persistence.ts';
import { parseScenario, type Scenario, ScenarioError } from '../../local-cloud/scenario.ts';
import { CliError } from '../exit-codes.ts';
import { skipIdleTimeWhileRunning } from '../fast-forward.ts';
import { LOCAL_PATHS, RELEASE_TIME_SCALE, startLocalSession } from '../local-session.ts';
import { parseNonNegativeNumber, parsePort } from '../options.ts';

interface UpOptions {
  port: number;
  timeScale?: number;
  fastForward?: boolean;
  scenario?: string;
  dataDir: string;
  persist: boolean;
}

export function registerLocal(program: Command): void {
  const local = program.command('local').description('run and manage the embedded local cloud');

  local
    .command('up')
    .description('run the local cloud in the foreground until Ctrl-C (SIGINT) or SIGTERM')
    .option('-p, --port <port>', 'port on 127.0.0.1', parsePort, DEFAULT_PORT)
    .option('--time-scale <n>', 'simulated seconds per real second (0 freezes the clock; default 60, or 10 with --fast-forward)', parseNonNegativeNumber)
    .option('--fast-forward', 'while a release (any execution) runs, skip the simulated time in which nothing happens')
    .option('--scenario <file>', 'a scenario JSON file: outcomes and faults to inject (see README)')
    .option('--data-dir <dir>', 'where state persists', DEFAULT_DATA_DIR)
    .option('--no-persist', 'keep state in memory only')
    .action(async (options: UpOptions) => {
      const scenario = options.scenario ? readScenario(options.scenario) : undefined;
      const timeScale = options.timeScale ?? (options.fastForward ? RELEASE_TIME_SCALE : 60);
      // With the notification inbox, and advertised in .goldsmith/endpoint.json for `goldsmith run|status|approve` here.
      const session = await startLocalSession({
        projectDir: process.cwd(),
        port: options.port,
        timeScale,
        inMemory: !options.persist,
        dataDir: options.dataDir,
        advertise: true,
        scenario,
        log: (line) => console.error(`[local-cloud] ${line}`),
      });
      const { cloud } = session;
      const skipping = new AbortController();
      if (options.fastForward) void skipIdleTimeWhileRunning(session.fastForward, cloud, skipping.signal);
      console.log(
        `Local cloud listening on ${cloud.endpoint} (time scale ${timeScale}×${options.fastForward ? ', fast-forward' : ''}${options.persist ? `, state in ${options.dataDir}` : ', in memory'})`,
      );
      console.log('Point any AWS client at it:');
      console.log(
        `  export AWS_ENDPOINT_URL=${cloud.endpoint} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1`,
      );
      console.log('Press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          console.log(`\n${signal}: stopping the local cloud…`);
          skipping.abort();
          void session.close().then(resolve);
        };
        process.once('SIGINT', () => shutdown('SIGINT'));
        process.once('SIGTERM', () => shutdown('SIGTERM'));
      });
      console.log('Stopped.');
    });

  local
    .command('state')
    .description('summarize the local cloud state: from a running cloud if one answers, else from disk')
    .option('--endpoint <url>', 'a running local cloud', `http://127.0.0.1:${DEFAULT_PORT}`)
    .option('--data-dir <dir>', 'where state persists', DEFAULT_DATA_DIR)
    .option('--json', 'print the whole state as JSON')
    .action(async (options: { endpoint: string; dataDir: string; json?: boolean }) => {
      const live = await fetchJson(`${options.endpoint}/_local/state`);
      const state = (live as { services?: Record<string, unknown> } | undefined) ?? readState(options.dataDir);
      if (!state) {
        console.log(
          `No local cloud state: none answers at ${options.endpoint} and ${options.dataDir} holds no saved state. Run \`npm start\` or \`goldsmith local up\`.`,
        );
        return;
      }
      if (options.json) {
        console.log(JSON.stringify(state, null, 2));
        return;
      }
      console.log(`Local cloud state (${live ? `running at ${options.endpoint}` : `saved in ${options.dataDir}`}):`);
      for (const line of summarize(state.services ?? {})) console.log(`  ${line}`);
    });

  local
    .command('reset')
    .description('clear all local cloud state (a running cloud, and what is saved on disk)')
    .option('--endpoint <url>', 'a running local cloud', `http://127.0.0.1:${DEFAULT_PORT}`)
    .option('--data-dir <dir>', 'where state persists', DEFAULT_DATA_DIR)
    .action(async (options: { endpoint: string; dataDir: string }) => {
      const live = await fetchJson(`${options.endpoint}/_local/reset`, 'POST');
      clearState(options.dataDir);
      // The notifications the inbox kept belong to the state just cleared.
      rmSync(LOCAL_PATHS.inbox(process.cwd()), { force: true });
      console.log(live ? `Reset the local cloud at ${options.endpoint} and cleared ${options.dataDir}.` : `Cleared ${options.dataDir}.`);
    });
}

function readScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`--scenario: cannot read ${path}. Give the path of a scenario JSON file.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--scenario: ${path} is not valid JSON (${(error as Error).message}).`);
  }
  try {
    return parseScenario(json, path);
  } catch (error) {
    if (error instanceof ScenarioError) throw new CliError(`--scenario: ${error.message}`);
    throw error;
  }
}

async function fetchJson(url: string, method = 'GET'): Promise<unknown> {
  try {
    const response = await fetch(url, { method, signal: AbortSignal.timeout(2_000) });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}

/** One line per service: how many of each kind of resource it holds, across accounts and regions. */
export function summarize(services: Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const [service, byRegion] of Object.entries(services)) {
    const counts = new Map<string, number>();
    for (const state of Object.values((byRegion ?? {}) as Record<string, unknown>)) {
      if (!state || typeof state !== 'object') continue;
      for (const [kind, value] of Object.entries(state)) {
        const n = Array.isArray(value) ? value.length : value && typeof value === 'object' ? Object.keys(value).length : 0;
        if (n) counts.set(kind, (counts.get(kind) ?? 0) + n);
      }
    }
    if (counts.size) lines.push(`${service}: ${[...counts].map(([kind, n]) => `${n} ${kind}`).join(', ')}`);
  }
  return lines.length ? lines : ['(empty)'];
}

export { ScenarioError };
