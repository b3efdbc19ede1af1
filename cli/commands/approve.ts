import { setTimeout } from 'node:timers/promises';
import type { Command } from 'commander';
import { ReleaseTable } from '../../adapters/aws/release-table.ts';
import { StepFunctionsAdapter } from '../../adapters/aws/step-functions.ts';
import { ref, resolveReference } from '../../core/app-model/index.ts';
import { type DecisionResult, decideApproval } from '../../core/release/approval.ts';
import { ApprovalAlreadyDecidedError, ApprovalNotFoundError } from '../../core/release/errors.ts';
import { type Connection, connect, type TargetOptions, useAdapterEnvironment, withTargetOptions } from '../connection.ts';
import { CliError, ExitCode } from '../exit-codes.ts';
import { loadProject } from '../project.ts';
import { operator } from './run.ts';

type Decision = 'approve' | 'reject';

export function registerApproval(program: Command): void {
  for (const decision of ['approve', 'reject'] as const) {
    const command = withTargetOptions(
      program
        .command(decision)
        .description(
          decision === 'approve'
            ? 'approve a release waiting for approval: it publishes and rolls out'
            : 'reject a release waiting for approval: its image is rejected and never published',
        )
        .argument('<release>', 'the release id (its execution name, as `goldsmith status` shows it)'),
    );
    if (decision === 'reject') command.option('--reason <text>', 'why, for the record and the notifications');
    command.action(async (releaseId: string, options: TargetOptions & { reason?: string }) => {
      const project = await loadProject(options.config);
      const connection = await connect(project, options, 'running');
      try {
        const result = await decide(connection, releaseId, decision, options.reason);
        const verb = result.status === 'approved' ? 'Approved' : 'Rejected';
        if (!result.delivered) {
          console.log(
            `${verb} release ${releaseId} of ${result.pipeline}, but it had stopped waiting (its approval timed out or it was stopped): nothing changed.`,
          );
          process.exitCode = ExitCode.Failed;
          return;
        }
        console.log(
          result.status === 'approved'
            ? `Approved release ${releaseId} of ${result.pipeline}: it publishes and rolls out now.`
            : `Rejected release ${releaseId} of ${result.pipeline}: its image is tagged rejected and deprecated, and never published.`,
        );
      } finally {
        await connection.close();
      }
    });
  }
}

/** Decides a release's approval through core/release/approval.ts, with the release table and Step Functions of the connection. */
export async function decide(connection: Connection, releaseId: string, decision: Decision, reason?: string): Promise<DecisionResult> {
  useAdapterEnvironment(connection);
  const region = connection.scope.region;
  const table = new ReleaseTable(resolveReference(connection.model, ref('table', 'release', 'name'), connection.scope), { region });
  try {
    return await decideApproval({ releaseId, decision, by: operator(), ...(reason ? { comment: reason } : {}) }, await nowOn(connection), {
      approvals: table.approvals,
      tasks: new StepFunctionsAdapter({ region }),
      sleep: (ms) => setTimeout(ms),
    });
  } catch (error) {
    if (error instanceof ApprovalNotFoundError) throw new CliError(error.message, ExitCode.Usage);
    if (error instanceof ApprovalAlreadyDecidedError) throw new CliError(error.message, ExitCode.Failed);
    throw error;
  }
}

/** The cloud's time: the local cloud's simulated clock, or the wall clock on AWS. */
async function nowOn(connection: Connection): Promise<number> {
  if (connection.kind !== 'local' || !connection.target.endpoint) return Date.now();
  try {
    const clock = (await (await fetch(`${connection.target.endpoint}/_local/clock`)).json()) as { now?: number };
    return clock.now ?? Date.now();
  } catch {
    return Date.now();
  }
}
