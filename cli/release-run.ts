import type { ReleaseConsole, ReleaseView } from '../adapters/aws/release-console.ts';
import { ref, resolveReference } from '../core/app-model/index.ts';
import type { ReleaseInput } from '../core/release/contracts.ts';
import type { Connection } from './connection.ts';
import { CliError, ExitCode } from './exit-codes.ts';
import type { LocalSession } from './local-session.ts';
import { followExecution } from './progress.ts';

export function releaseStateMachineArn(connection: Connection): string {
  return resolveReference(connection.model, ref('stateMachine', 'release'), connection.scope);
}

/** Starts a release execution; its name is the release id. */
export async function startRelease(connection: Connection, releases: ReleaseConsole, input: ReleaseInput): Promise<string> {
  try {
    return await releases.startRelease(releaseStateMachineArn(connection), input);
  } catch (error) {
    throw notDeployedOr(connection, error);
  }
}

/** A missing release state machine means the app is not deployed there: a clear error instead of the SDK's. */
export function notDeployedOr(connection: Connection, error: unknown): unknown {
  if ((error as Error).name !== 'StateMachineDoesNotExist') return error;
  return new CliError(
    `Goldsmith (stage ${connection.model.stage}) is not deployed on ${connection.where}. Deploy it first (locally: \`npm start\` or \`goldsmith deploy\`).`,
    ExitCode.Failed,
  );
}

/**
 * Shows a release's progress until it ends. When this process runs the local cloud, idle simulated time is
 * skipped meanwhile, so the release takes as long as its code runs.
 */
export async function watchRelease(
  connection: Connection,
  releases: ReleaseConsole,
  executionArn: string,
  print: (line: string) => void,
): Promise<ReleaseView> {
  const following = followExecution(releases, executionArn, { print });
  if (connection.session) await skipIdleTimeUntilClosed(connection.session, executionArn);
  await following;
  return releases.describeRelease(executionArn);
}

/**
 * Fast-forwards until the execution closes. The local cloud says so the moment it closes, so the clock never
 * jumps past the release's end to later timers (next month's schedule).
 */
export async function skipIdleTimeUntilClosed(session: LocalSession, executionArn: string, limitMs?: number): Promise<void> {
  await session.fastForward.until(session.cloud.runtime.services.stepfunctions.whenExecutionClosed(executionArn), { limitMs });
}

/** Waits until an execution of that name exists (a trigger starts it asynchronously). */
export async function executionAppears(releases: ReleaseConsole, executionArn: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await releases.executionExists(executionArn)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
