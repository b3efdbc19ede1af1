import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { RegionalAmi } from '../../core/release/contracts.ts';
import { executionNames } from '../../core/release/execution-names.ts';
import type { TargetOptions } from '../connection.ts';
import { withTargetOptions } from '../connection.ts';
import { CliError, ExitCode } from '../exit-codes.ts';
import { loadProject, pipelineOf } from '../project.ts';
import { operator, runRelease } from './run.ts';

export function registerRollback(program: Command): void {
  withTargetOptions(
    program
      .command('rollback')
      .description("release the pipeline's previous validated image again (what `stable` held before), skipping build and validation")
      .argument('<pipeline>', 'the pipeline to roll back')
      .option('--wait', 'show the release live until it ends; exit 1 if it fails')
      .option('--reason <text>', 'why, for the record and the notifications'),
  ).action(async (name: string, options: TargetOptions & { wait?: boolean; reason?: string }) => {
    const project = await loadProject(options.config);
    const pipeline = pipelineOf(project, name);
    process.exitCode = await runRelease(
      project,
      options,
      async (_connection, releases) => {
        const stable = pipeline.config.channels.stable;
        const rollbackTo: RegionalAmi[] = [];
        for (const region of pipeline.config.distribution.regions) {
          const state = await releases.channelState(region, stable);
          if (!state.previous) {
            throw new CliError(
              `Nothing to roll back to: ${stable} in ${region} ${state.current ? `has only ever held ${state.current.value}` : 'was never published'}. Nothing was changed.`,
              ExitCode.Failed,
            );
          }
          rollbackTo.push({ region, imageId: state.previous.value });
        }
        console.log(`Rolling ${name} back to ${rollbackTo.map((a) => `${a.region} ${a.imageId}`).join(', ')} (what ${stable} held before).`);
        return {
          pipeline: name,
          releaseId: executionNames.rollback(name, randomUUID()),
          trigger: { kind: 'rollback', detail: `goldsmith rollback by ${operator()}${options.reason ? `: ${options.reason}` : ''}`.slice(0, 512) },
          rollbackTo,
        };
      },
      { pipeline, wait: options.wait ?? false },
    );
  });
}
