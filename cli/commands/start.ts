import type { Command } from 'commander';
import { ReleaseConsole } from '../../adapters/aws/release-console.ts';
import { executionArnOf } from '../../adapters/aws/step-functions.ts';
import type { AppModel, ScheduleResource } from '../../core/app-model/index.ts';
import type { ResolvedPipeline } from '../../core/config/index.ts';
import { executionNames } from '../../core/release/execution-names.ts';
import { connect } from '../connection.ts';
import { CliError, ExitCode } from '../exit-codes.ts';
import { deployLocally, describeChanges } from '../local-deploy.ts';
import type { LocalSession } from '../local-session.ts';
import { formatSimTime } from '../progress.ts';
import { loadProject, type Project, pipelineOf } from '../project.ts';
import { messagesAbout, releaseReport } from '../release-report.ts';
import { executionAppears, releaseStateMachineArn, watchRelease } from '../release-run.ts';

/** Real seconds to wait for a fired schedule's release to start: a cold trigger function takes about one. */
const TRIGGER_TIMEOUT_MS = 20_000;

export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      "the whole story, locally: start the local cloud (state in .goldsmith/), deploy the fleet of goldsmith.config.ts, fire a pipeline's schedule on the simulated clock, and show the release live",
    )
    .option('--config <file>', 'the Goldsmith config', 'goldsmith.config.ts')
    .option('--pipeline <name>', 'the scheduled pipeline to release (default: the first with a schedule)')
    .action(async (options: { config: string; pipeline?: string }) => {
      const started = Date.now();
      const project = await loadProject(options.config);
      const pipeline = scheduledPipeline(project, options.pipeline);
      const connection = await connect(project, {}, 'release');
      const session = connection.session;
      if (!session) {
        await connection.close();
        throw new CliError(
          `A local cloud already runs for this project (${connection.where}). Stop it, or release there with \`goldsmith run ${pipeline.config.name} --wait\`.`,
          ExitCode.Unreachable,
        );
      }
      const releases = new ReleaseConsole(connection.target);
      try {
        console.log(`Local cloud on ${session.cloud.endpoint}: state in .goldsmith/, simulated time ${formatSimTime(session.cloud.clock.now())}.`);
        const deployStarted = Date.now();
        const { deployment, fixtures } = await deployLocally(project, connection);
        const cached =
          deployment.bundlesCached === deployment.model.functions.length ? 'cached' : `${deployment.model.functions.length - deployment.bundlesCached} built`;
        console.log(
          `Deployed ${deployment.model.prefix}: ${describeChanges(deployment.changes)} (function bundles ${cached}), fleet ${describeChanges(fixtures)}; ${((Date.now() - deployStarted) / 1000).toFixed(1)} s.`,
        );

        const schedule = releaseSchedule(connection.model, pipeline);
        publishNewParentImage(session, pipeline, connection.scope.region);
        const fireAt = session.cloud.runtime.services.scheduler.nextFireTime(
          connection.scope.account,
          connection.scope.region,
          schedule.groupName,
          schedule.name,
        );
        if (fireAt === undefined) throw new CliError(`The schedule ${schedule.name} will not fire again.`, ExitCode.Failed);
        console.log(
          `Simulated clock jumps to ${formatSimTime(fireAt)} (${wallTime(fireAt, schedule.timezone)} ${schedule.timezone}): ${schedule.expression} fires.`,
        );
        session.cloud.clock.advanceTo(fireAt);

        const releaseId = executionNames.scheduled(pipeline.config.name, new Date(fireAt), schedule.timezone);
        const executionArn = executionArnOf(releaseStateMachineArn(connection), releaseId);
        if (!(await executionAppears(releases, executionArn, TRIGGER_TIMEOUT_MS))) {
          const invocation = session.cloud.runtime.services.scheduler.invocations(connection.scope.account, connection.scope.region).at(-1);
          throw new CliError(
            `The schedule fired, but no release ${releaseId} started within ${TRIGGER_TIMEOUT_MS / 1000} s${invocation?.errorMessage ? `: ${invocation.errorMessage}` : ''}.`,
            ExitCode.Failed,
          );
        }
        console.log(`Release ${releaseId} started:`);
        const releaseStarted = Date.now();
        const release = await watchRelease(connection, releases, executionArn, (line) => console.log(line));
        console.log('');
        const report = await releaseReport(release, {
          connection,
          releases,
          pipeline,
          realMs: Date.now() - releaseStarted,
          messages: messagesAbout(session.inbox.messages, releaseId),
        });
        for (const line of report) console.log(line);
        console.log('');
        console.log(
          `Done in ${((Date.now() - started) / 1000).toFixed(1)} s of real time. \`goldsmith status\` shows this again; \`npm start\` again releases the next month on top.`,
        );
        process.exitCode = release.status === 'SUCCEEDED' ? ExitCode.Ok : ExitCode.Failed;
      } finally {
        releases.destroy();
        await connection.close();
      }
    });
}

function scheduledPipeline(project: Project, name: string | undefined): ResolvedPipeline {
  if (name) {
    const named = pipelineOf(project, name);
    if (!named.config.schedule) throw new CliError(`Pipeline '${name}' has no schedule to fire. Give it one, or release it with \`goldsmith run ${name}\`.`);
    return named;
  }
  const first = project.resolved.pipelines.find((p) => p.config.schedule);
  if (!first) throw new CliError(`No pipeline has a schedule to fire. Give one a schedule, or release it with \`goldsmith run <pipeline>\`.`);
  return first;
}

function releaseSchedule(model: AppModel, pipeline: ResolvedPipeline): ScheduleResource {
  const schedule = model.schedules.find((s) => s.pipeline === pipeline.config.name && s.schedule === 'release');
  if (!schedule) throw new CliError(`The app model has no release schedule for ${pipeline.config.name}.`, ExitCode.Failed);
  return schedule;
}

/**
 * Monthly patching builds on a newer parent image: before the schedule fires, the local cloud publishes a
 * new Amazon Linux 2023 AMI to the public parameter the pipeline builds on, as Amazon does each month.
 */
function publishNewParentImage(session: LocalSession, pipeline: ResolvedPipeline, region: string): void {
  const parent = pipeline.parentImage;
  if (parent.kind !== 'ssm-parameter' || !parent.parameterName.startsWith('/aws/service/')) return;
  const published = session.cloud.runtime.services.ssm.publishPublicImage(region, parent.parameterName);
  const moved = published.parameters.find((p) => p.name === parent.parameterName);
  if (moved) console.log(`Amazon publishes a newer parent image (simulated): ${moved.name} → ${moved.value} (version ${moved.version}).`);
}

function wallTime(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(epochMs));
}
