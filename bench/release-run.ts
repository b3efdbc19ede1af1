/**
 * Releases for benchmarks, on the end-to-end harness (test/e2e/harness.ts: the app deployed by the local
 * deployer as `npm start` deploys it, with fast-forward). Each release runs alone and is measured over its
 * own window of simulated time, from its start until everything it caused has settled, so sequential
 * releases in one cloud never count each other's work. Waiting uses the cloud's internal API, not
 * DescribeExecution polls, which would count as API calls.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Project } from '../cli/project.ts';
import type { GoldsmithConfigInput } from '../core/config/index.ts';
import type { ReleaseInput } from '../core/release/contracts.ts';
import type { ExecutionRecord } from '../local-cloud/services/stepfunctions/store.ts';
import { type Fleet, type FleetOptions, projectOf, ROOT, startFleet } from '../test/e2e/harness.ts';
import { exampleConfig } from './fleet-configs.ts';
import { type SimWindow, UsageMeter } from './usage-meter.ts';

/**
 * The benchmarks' project directory: its `.goldsmith/bundles` is theirs, so a bundle cached while someone edits
 * a function elsewhere in the checkout never reaches a benchmark, and the benchmarks never write the bundles
 * `npm start` and the tests use.
 */
export const BENCH_DIR = join(ROOT, '.goldsmith', 'bench');

/** A project of the config, with the benchmarks' own `.goldsmith/`; code and components from the repository. */
export function benchProject(config: GoldsmithConfigInput = exampleConfig()): Project {
  return { ...projectOf(config), projectDir: BENCH_DIR };
}

export interface BenchFleet {
  fleet: Fleet;
  meter: UsageMeter;
  /** Real milliseconds the harness took to start the cloud and deploy. */
  deployMs: number;
  close(): Promise<void>;
}

export async function openFleet(options: FleetOptions = {}): Promise<BenchFleet> {
  const started = performance.now();
  const fleet = await startFleet({ ...options, project: options.project ?? benchProject() });
  const deployMs = performance.now() - started;
  const meter = new UsageMeter(fleet.session.cloud);
  return {
    fleet,
    meter,
    deployMs,
    async close() {
      meter.dispose();
      await fleet.close();
    },
  };
}

/**
 * Brings a cloud with work still running to rest before it closes: simulated time stops, so nothing new falls
 * due, and the functions still running finish (closing the cloud under them fails their DynamoDB calls).
 */
export async function drain(bench: BenchFleet, limitMs = 120_000): Promise<void> {
  bench.fleet.session.cloud.clock.setTimeScale(0);
  await settle(bench, limitMs);
}

export interface MeasuredRelease {
  releaseId: string;
  executionArn: string;
  status: string;
  /** The release execution as the cloud stores it (history included). */
  execution: ExecutionRecord;
  /** Simulated time from the start of the release until what it caused settled. */
  window: SimWindow;
  /** Real milliseconds from start to settled. */
  realMs: number;
}

export interface ReleaseRunOptions {
  /** A state machine other than the deployed release machine (the polling variant). */
  stateMachineArn?: string;
  /** Real milliseconds before giving up. Default 10 minutes. */
  limitMs?: number;
}

export async function measureRelease(
  bench: BenchFleet,
  pipeline: string,
  extra: Partial<ReleaseInput> = {},
  options: ReleaseRunOptions = {},
): Promise<MeasuredRelease> {
  const { fleet } = bench;
  const cloud = fleet.session.cloud;
  await settle(bench);
  const from = cloud.clock.now();
  const started = performance.now();
  let executionArn: string;
  let releaseId: string;
  if (options.stateMachineArn) {
    releaseId = extra.releaseId ?? `${pipeline}-bench-${randomUUID().slice(0, 8)}`;
    const input: ReleaseInput = { pipeline, releaseId, trigger: { kind: 'manual', detail: 'bench' }, ...extra };
    const out = await fleet.clients.sfn.send(
      new StartExecutionCommand({ stateMachineArn: options.stateMachineArn, name: releaseId, input: JSON.stringify(input) }),
    );
    executionArn = out.executionArn as string;
  } else {
    ({ executionArn, releaseId } = await fleet.start(pipeline, { trigger: { kind: 'manual', detail: 'bench' }, ...extra }));
  }
  const closed = await fleet.session.fastForward.until(cloud.runtime.services.stepfunctions.whenExecutionClosed(executionArn), {
    limitMs: options.limitMs ?? 600_000,
  });
  if (!closed) throw new Error(`The execution ${executionArn} does not exist.`);
  await settle(bench);
  return {
    releaseId,
    executionArn,
    status: closed.status,
    execution: closed,
    window: { from, to: cloud.clock.now() + 1 },
    realMs: performance.now() - started,
  };
}

/** Real ms between checks, and checks in a row that must see no function running and no new call. */
const SETTLE_TICK_MS = 5;
const SETTLE_TICKS = 4;

/**
 * Waits, without skipping simulated time, until no function runs and no call was made for a few ticks, or
 * until `limitMs` of real time have passed.
 */
export async function settle(bench: BenchFleet, limitMs = Number.POSITIVE_INFINITY): Promise<void> {
  const deadline = performance.now() + limitMs;
  let quiet = 0;
  let seen = bench.meter.calls.length;
  while (quiet < SETTLE_TICKS && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_TICK_MS));
    const now = bench.meter.calls.length;
    quiet = bench.fleet.session.fastForward.busy === 0 && now === seen ? quiet + 1 : 0;
    seen = now;
  }
}
