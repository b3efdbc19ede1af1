#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerApproval } from './commands/approve.ts';
import { registerDeploy } from './commands/deploy.ts';
import { registerHistory } from './commands/history.ts';
import { registerLocal } from './commands/local.ts';
import { registerRollback } from './commands/rollback.ts';
import { registerRun } from './commands/run.ts';
import { registerStart } from './commands/start.ts';
import { registerStatus } from './commands/status.ts';
import { CliError, EXIT_CODES_HELP, ExitCode } from './exit-codes.ts';

const program = new Command()
  .name('goldsmith')
  .description('Keep AWS fleets on patched, validated golden images: EC2 Image Builder releases, validated, published and rolled out.')
  .addHelpText('after', EXIT_CODES_HELP)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerStart(program);
registerRun(program);
registerStatus(program);
registerHistory(program);
registerApproval(program);
registerRollback(program);
registerDeploy(program);
registerLocal(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  } else if (error instanceof CliError) {
    console.error(`goldsmith: ${error.message}`);
    process.exitCode = error.exitCode;
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = ExitCode.Failed;
  }
}
