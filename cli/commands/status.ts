import type { Command } from 'commander';
import { ReleaseConsole } from '../../adapters/aws/release-console.ts';
import { connect, type TargetOptions, withTargetOptions } from '../connection.ts';
import { LOCAL_PATHS } from '../local-session.ts';
import { readInbox } from '../notification-inbox.ts';
import { loadProject, pipelineOf } from '../project.ts';
import { messagesAbout, releaseReport } from '../release-report.ts';
import { notDeployedOr, releaseStateMachineArn } from '../release-run.ts';
import { historyLines } from './history.ts';

/** Releases shown per pipeline besides the latest. */
const EARLIER = 4;

export function registerStatus(program: Command): void {
  withTargetOptions(
    program
      .command('status')
      .description('per pipeline: the latest release (outcome, AMIs, channels with their previous values, rollout, notifications), and the ones before')
      .argument('[pipeline]', 'only this pipeline'),
  ).action(async (name: string | undefined, options: TargetOptions) => {
    const project = await loadProject(options.config);
    const pipelines = name ? [pipelineOf(project, name)] : project.resolved.pipelines;
    const connection = await connect(project, options, 'read');
    const releases = new ReleaseConsole(connection.target);
    try {
      const stateMachineArn = releaseStateMachineArn(connection);
      const inbox = connection.kind === 'local' ? readInbox(LOCAL_PATHS.inbox(project.projectDir)) : [];
      console.log(`Goldsmith ${connection.model.prefix} on ${connection.where}`);
      for (const pipeline of pipelines) {
        console.log('');
        const recent = await releases.listReleases(stateMachineArn, pipeline.config.name, EARLIER + 1).catch((error: unknown) => {
          throw notDeployedOr(connection, error);
        });
        const schedule = pipeline.config.schedule ? `, scheduled ${pipeline.config.schedule.expression} ${pipeline.config.schedule.timezone}` : '';
        const [latest, ...earlier] = recent;
        if (!latest) {
          console.log(`${pipeline.config.name}${schedule}: no releases yet. Start one with \`goldsmith run ${pipeline.config.name}\`.`);
          continue;
        }
        const running = recent.filter((r) => r.status === 'RUNNING');
        console.log(`${pipeline.config.name}${schedule}${running.length ? `; running: ${running.map((r) => r.name).join(', ')}` : ''}`);
        for (const line of await releaseReport(latest, { connection, releases, pipeline, messages: messagesAbout(inbox, latest.name) })) console.log(line);
        if (earlier.length) {
          console.log('  earlier releases');
          for (const release of earlier) for (const line of historyLines(release)) console.log(`  ${line}`);
        }
      }
    } finally {
      releases.destroy();
      await connection.close();
    }
  });
}
