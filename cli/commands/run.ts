import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { ReleaseConsole } from '../../adapters/aws/release-console.ts';
import type { ReleaseInput } from '../../core/release/contracts.ts';
import { executionNames } from '../../core/release/execution-names.ts';
import { type Connection, connect, type TargetOptions, withTargetOptions } from '../connection.ts';
import { ExitCode } from '../exit-codes.ts';
import { deployLocally, describeChanges } from '../local-deploy.ts';
import { LOCAL_PATHS } from '../local-session.ts';
import { readInbox } from '../notification-inbox.ts';
import { loadProject, type Project, pipelineOf } from '../project.ts';
import { messagesAbout, releaseReport } from '../release-report.ts';
import { startRelease, watchRelease } from '../release-run.ts';

interface RunOptions extends TargetOptions {
  wait?: boolean;
  force?: boolean;
  reason?: string;
}

/** Who asked, for the release's trigger detail. */
export function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function registerRun(program: Command): void {
  withTargetOptions(
    program
      .command('run')
      .description('start a release of a pipeline now (a manual trigger)')
      .argument('<pipeline>', 'the pipeline to release')
      .option('--wait', 'show the release live until it ends; exit 1 if it fails')
      .option('--force', 'build even when nothing changed since the last release')
      .option('--reason <text>', 'why, for the record and the notifications'),
  ).action(async (name: string, options: RunOptions) => {
    const project = await loadProject(options.config);
    const pipeline = pipelineOf(project, name);
    const input: ReleaseInput = {
      pipeline: name,
      releaseId: executionNames.manual(name, randomUUID()),
      trigger: { kind: 'manual', detail: `goldsmith run by ${operator()}${options.reason ? `: ${options.reason}` : ''}`.slice(0, 512) },
      ...(options.force ? { force: true } : {}),
    };
    process.exitCode = await runRelease(project, options, async () => input, { pipeline, wait: options.wait ?? false });
  });
}

/** Starts a release (run, rollback), then follows it when asked or when this process runs the local cloud. */
export async function runRelease(
  project: Project,
  options: TargetOptions,
  inputFor: (connection: Connection, releases: ReleaseConsole) => Promise<ReleaseInput>,
  settings: { pipeline: ReturnType<typeof pipelineOf>; wait: boolean },
): Promise<number> {
  const connection = await connect(project, options, 'release');
  const releases = new ReleaseConsole(connection.target);
  try {
    if (connection.kind === 'local') {
      const { deployment } = await deployLocally(project, connection);
      console.log(`Deployed ${connection.model.prefix} to ${connection.where}: ${describeChanges(deployment.changes)}.`);
    }
    const input = await inputFor(connection, releases);
    const started = Date.now();
    const executionArn = await startRelease(connection, releases, input);
    console.log(`Started release ${input.releaseId} of ${input.pipeline} on ${connection.where}.`);
    const wait = settings.wait || connection.session !== undefined;
    if (!wait) {
      console.log(`Follow it with \`goldsmith status\` or \`goldsmith history ${input.pipeline}\`. Execution: ${executionArn}`);
      return ExitCode.Ok;
    }
    if (!settings.wait) console.log('This process runs the local cloud, so it waits for the release (run `goldsmith local up` to release in the background).');
    const release = await watchRelease(connection, releases, executionArn, (line) => console.log(line));
    const messages =
      connection.kind === 'local' ? messagesAbout(connection.session?.inbox.messages ?? readInbox(LOCAL_PATHS.inbox(project.projectDir)), input.releaseId) : [];
    console.log('');
    for (const line of await releaseReport(release, { connection, releases, pipeline: settings.pipeline, realMs: Date.now() - started, messages }))
      console.log(line);
    return release.status === 'SUCCEEDED' ? ExitCode.Ok : ExitCode.Failed;
  } finally {
    releases.destroy();
    await connection.close();
  }
}
