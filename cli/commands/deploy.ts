import type { Command } from 'commander';
import { connect, type TargetOptions, withTargetOptions } from '../connection.ts';
import { CliError, ExitCode } from '../exit-codes.ts';
import { deployLocally, describeChanges } from '../local-deploy.ts';
import { loadProject } from '../project.ts';

export function registerDeploy(program: Command): void {
  withTargetOptions(
    program
      .command('deploy')
      .description('deploy the app of goldsmith.config.ts to the local cloud, with the fleet it rolls out (to AWS: npx sst deploy --stage <stage>)'),
  ).action(async (options: TargetOptions) => {
    if (options.aws || options.profile)
      throw new CliError('goldsmith deploy deploys to the local cloud. Deploy to AWS with `npx sst deploy --stage <stage>`.', ExitCode.Usage);
    const project = await loadProject(options.config);
    const connection = await connect(project, options, 'release');
    try {
      const started = Date.now();
      const { deployment, fixtures } = await deployLocally(project, connection, { log: (line) => console.log(`  ${line}`) });
      console.log(
        `Deployed ${deployment.model.prefix} to ${connection.where}: ${describeChanges(deployment.changes)}; fleet ${describeChanges(fixtures)}; ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
    } finally {
      await connection.close();
    }
  });
}
