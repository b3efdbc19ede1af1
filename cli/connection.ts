/**
 * Where a goldsmith command talks to: the local cloud by default (the one `.goldsmith/endpoint.json`
 * names, or `--endpoint`, or one this process starts from the saved state), or AWS with `--aws` or
 * `--profile`. Either way the command makes the same SDK calls; only the endpoint and credentials differ.
 */
import type { Command } from 'commander';
import { callerAccount } from '../adapters/aws/caller-identity.ts';
import type { AwsTarget } from '../adapters/aws/local-deployer-clients.ts';
import type { InboxUrls } from '../adapters/aws/local-deployer-inbox.ts';
import { type AppModel, AppModelError, buildAppModel, type DeploymentScope, InvalidStageError } from '../core/app-model/index.ts';
import { readState } from '../local-cloud/persistence.ts';
import { CliError, ExitCode } from './exit-codes.ts';
import { answers, LOCAL_CREDENTIALS, LOCAL_PATHS, type LocalSession, runningLocalCloud, startLocalSession } from './local-session.ts';
import { INBOX_PATH } from './notification-inbox.ts';
import type { Project } from './project.ts';

export interface TargetOptions {
  endpoint?: string;
  aws?: boolean;
  profile?: string;
  stage?: string;
  config?: string;
}

export const LOCAL_STAGE = 'local';
export const AWS_STAGE = 'prod';

/** The options every command that talks to a cloud takes. */
export function withTargetOptions(command: Command): Command {
  return command
    .option('--config <file>', 'the Goldsmith config', 'goldsmith.config.ts')
    .option('--endpoint <url>', 'a running local cloud (default: the one .goldsmith/endpoint.json names, else one started from the saved state)')
    .option('--aws', 'talk to AWS with the default credentials instead of the local cloud')
    .option('--profile <name>', 'talk to AWS with this named profile')
    .option('--stage <name>', `the deployment's stage (default: ${LOCAL_STAGE} locally, ${AWS_STAGE} on AWS)`);
}

export interface Connection {
  readonly kind: 'aws' | 'local';
  readonly target: AwsTarget;
  readonly scope: DeploymentScope;
  readonly model: AppModel;
  /** Set when this process runs the local cloud. */
  readonly session?: LocalSession;
  /** Local only: the notification inbox to point Slack and SNS at. */
  readonly inbox?: InboxUrls;
  /** For messages: "the local cloud at …", "AWS account … in …". */
  readonly where: string;
  close(): Promise<void>;
}

/**
 * - `read`: may start a local cloud from the saved state, with the clock stopped, to read it;
 * - `release`: may start a local cloud that runs the release, fast-forwarded, and advertises itself;
 * - `running`: needs a cloud that is running already (a release waiting for approval lives only there).
 */
export type ConnectionNeed = 'read' | 'release' | 'running';

export async function connect(project: Project, options: TargetOptions, need: ConnectionNeed): Promise<Connection> {
  const region = project.resolved.config.region;
  if (options.aws || options.profile) {
    if (options.endpoint) throw new CliError('--endpoint is for the local cloud; leave it out with --aws or --profile.', ExitCode.Usage);
    const target: AwsTarget = { region, ...(options.profile ? { profile: options.profile } : {}) };
    const scope = await identify(target, 'AWS');
    return connection('aws', target, scope, options.stage ?? AWS_STAGE, project, `AWS account ${scope.account} in ${region}`);
  }
  let endpoint = options.endpoint;
  let inbox: InboxUrls | undefined;
  if (endpoint) {
    if (!(await answers(endpoint)))
      throw new CliError(`No local cloud answers at ${endpoint}. Start one with \`goldsmith local up\`, or leave out --endpoint.`, ExitCode.Unreachable);
  } else {
    const running = await runningLocalCloud(project.projectDir);
    endpoint = running?.endpoint;
    if (running?.inbox) inbox = { ...running.inbox, path: INBOX_PATH };
  }
  if (endpoint) {
    const target: AwsTarget = { region, endpoint, credentials: LOCAL_CREDENTIALS };
    const scope = await identify(target, `the local cloud at ${endpoint}`);
    return connection('local', target, scope, options.stage ?? LOCAL_STAGE, project, `the local cloud at ${endpoint}`, { inbox });
  }
  if (need === 'running') {
    throw new CliError(
      'No local cloud is running for this project: a release waiting for approval lives only in a running cloud. Start a release with `goldsmith run <pipeline> --wait` (or `goldsmith local up`), then decide from another terminal.',
      ExitCode.Unreachable,
    );
  }
  if (need === 'read' && !readState(LOCAL_PATHS.cloudData(project.projectDir))) {
    throw new CliError('Nothing to show: no local cloud runs for this project and .goldsmith/ holds no saved state. Run `npm start` first.', ExitCode.Failed);
  }
  const session = await startLocalSession({ projectDir: project.projectDir, ...(need === 'read' ? { timeScale: 0 } : {}), advertise: need === 'release' });
  try {
    return await sessionConnection(project, session, { stage: options.stage, where: 'the local cloud (saved state in .goldsmith/)' });
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** A connection to a local cloud this process runs; closing it stops the cloud. */
export async function sessionConnection(project: Project, session: LocalSession, options: { stage?: string; where?: string } = {}): Promise<Connection> {
  const target = session.target(project.resolved.config.region);
  const scope = await identify(target, 'the local cloud');
  return connection('local', target, scope, options.stage ?? LOCAL_STAGE, project, options.where ?? `the local cloud at ${session.cloud.endpoint}`, {
    session,
    inbox: { slackUrl: session.inbox.slackUrl, snsUrl: session.inbox.snsUrl, path: INBOX_PATH },
  });
}

function connection(
  kind: Connection['kind'],
  target: AwsTarget,
  scope: DeploymentScope,
  stage: string,
  project: Project,
  where: string,
  local: { session?: LocalSession; inbox?: InboxUrls } = {},
): Connection {
  let model: AppModel;
  try {
    model = buildAppModel(project.resolved, { stage, account: scope.account, homeRegion: scope.region });
  } catch (error) {
    void local.session?.close();
    if (error instanceof AppModelError || error instanceof InvalidStageError) throw new CliError(error.message, ExitCode.Usage);
    throw error;
  }
  return { kind, target, scope, model, where, ...local, close: async () => local.session?.close() };
}

async function identify(target: AwsTarget, where: string): Promise<DeploymentScope> {
  try {
    return { account: await callerAccount(target), region: target.region };
  } catch (error) {
    throw new CliError(`Cannot reach ${where}: ${(error as Error).message}`, ExitCode.Unreachable);
  }
}

/**
 * Points the release adapters (adapters/aws), which read the environment as they do in Lambda, at this
 * connection: the local cloud's endpoint and credentials, or the AWS profile.
 */
export function useAdapterEnvironment(connection: Connection): void {
  process.env.AWS_REGION = connection.target.region;
  if (connection.target.endpoint) process.env.AWS_ENDPOINT_URL = connection.target.endpoint;
  else delete process.env.AWS_ENDPOINT_URL;
  if (connection.target.credentials) {
    process.env.AWS_ACCESS_KEY_ID = connection.target.credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = connection.target.credentials.secretAccessKey;
  }
  if (connection.target.profile) process.env.AWS_PROFILE = connection.target.profile;
}
