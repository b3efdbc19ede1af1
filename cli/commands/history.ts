import type { Command } from 'commander';
import { ReleaseConsole, type ReleaseView } from '../../adapters/aws/release-console.ts';
import { connect, type TargetOptions, withTargetOptions } from '../connection.ts';
import { parsePositiveInteger } from '../options.ts';
import { causeMessage, formatDuration, formatSimTime } from '../progress.ts';
import { loadProject, pipelineOf } from '../project.ts';
import { notDeployedOr, releaseStateMachineArn } from '../release-run.ts';

export function registerHistory(program: Command): void {
  withTargetOptions(
    program
      .command('history')
      .description("a pipeline's releases, newest first: outcome, trigger, time, AMIs or error")
      .argument('<pipeline>', 'the pipeline')
      .option('-n, --limit <n>', 'how many releases', parsePositiveInteger, 20),
  ).action(async (name: string, options: TargetOptions & { limit: number }) => {
    const project = await loadProject(options.config);
    pipelineOf(project, name);
    const connection = await connect(project, options, 'read');
    const releases = new ReleaseConsole(connection.target);
    try {
      const found = await releases.listReleases(releaseStateMachineArn(connection), name, options.limit).catch((error: unknown) => {
        throw notDeployedOr(connection, error);
      });
      if (!found.length) {
        console.log(`No releases of ${name} on ${connection.where} yet. Start one with \`goldsmith run ${name}\`.`);
        return;
      }
      console.log(`Releases of ${name} on ${connection.where}, newest first:`);
      for (const release of found) for (const line of historyLines(release)) console.log(line);
    } finally {
      releases.destroy();
      await connection.close();
    }
  });
}

/** One release in two or three lines. */
export function historyLines(release: ReleaseView): string[] {
  const took = release.stopDate ? formatDuration(release.stopDate.getTime() - release.startDate.getTime()) : 'running';
  const trigger = release.input?.trigger.kind ?? '?';
  const lines = [`  ${release.status.padEnd(9)} ${release.name}  ${formatSimTime(release.startDate.getTime())}  ${took}  (${trigger})`];
  const amis = release.output?.image?.amis;
  if (amis?.length) lines.push(`            ${amis.map((a) => `${a.region} ${a.imageId}`).join(', ')}`);
  if (release.output?.plan?.action === 'skip') lines.push(`            skipped: ${release.output.plan.reason}`);
  if (release.error) lines.push(`            ${release.error}${release.cause ? `: ${causeMessage(release.cause)}` : ''}`);
  return lines;
}
