/**
 * A local cloud run by this process, with what Goldsmith adds around it locally: the notification inbox,
 * fast-forward over idle simulated time, and `.goldsmith/endpoint.json`, which tells other goldsmith
 * commands where the running cloud answers.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsTarget } from '../adapters/aws/local-deployer-clients.ts';
import { type LocalCloud, startLocalCloud } from '../local-cloud/index.ts';
import type { Scenario } from '../local-cloud/scenario.ts';
import { CliError, ExitCode } from './exit-codes.ts';
import { type FastForward, fastForward } from './fast-forward.ts';
import { type NotificationInbox, startNotificationInbox } from './notification-inbox.ts';

/** `.goldsmith/` beside goldsmith.config.ts: saved cloud state, bundles, the inbox, the running cloud's endpoint. */
export function goldsmithDir(projectDir: string): string {
  return join(projectDir, '.goldsmith');
}

export const LOCAL_PATHS = {
  cloudData: (projectDir: string) => join(goldsmithDir(projectDir), 'local-cloud'),
  bundles: (projectDir: string) => join(goldsmithDir(projectDir), 'bundles'),
  inbox: (projectDir: string) => join(goldsmithDir(projectDir), 'inbox.jsonl'),
  endpoint: (projectDir: string) => join(goldsmithDir(projectDir), 'endpoint.json'),
};

/**
 * How fast simulated time runs while functions work (fast-forward skips the idle rest). Functions wait in
 * real time for what the cloud does in simulated time (e.g. Parameter Store validating an `aws:ec2:image`
 * value for 5 s), so faster is quicker; but a Task's TimeoutSeconds runs on the simulated clock too, and
 * its 120 simulated seconds must stay well above a cold start on a busy machine: 10× leaves 12 real seconds.
 */
export const RELEASE_TIME_SCALE = 10;

/** The local cloud's credentials: any work; `test` selects the default account. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface LocalSession {
  readonly cloud: LocalCloud;
  readonly inbox: NotificationInbox;
  readonly fastForward: FastForward;
  target(region: string): AwsTarget;
  close(): Promise<void>;
}

export interface LocalSessionOptions {
  projectDir: string;
  port?: number;
  /** Simulated seconds per real second between fast-forwards. Default RELEASE_TIME_SCALE. */
  timeScale?: number;
  /** Keep state in memory only (tests). */
  inMemory?: boolean;
  /** Where state persists, instead of `.goldsmith/local-cloud`. */
  dataDir?: string;
  /** Advertise the endpoint in `.goldsmith/endpoint.json` for other goldsmith commands. */
  advertise?: boolean;
  scenario?: Scenario;
  log?: (line: string) => void;
}

export async function startLocalSession(options: LocalSessionOptions): Promise<LocalSession> {
  const cloud = await startLocalCloud({
    port: options.port ?? 0,
    timeScale: options.timeScale ?? RELEASE_TIME_SCALE,
    dataDir: options.inMemory ? false : (options.dataDir ?? LOCAL_PATHS.cloudData(options.projectDir)),
    scenario: options.scenario,
    log: options.log,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new CliError(`Port ${options.port} is already in use. Stop the other process or pick another port with --port.`, ExitCode.Unreachable);
    throw error;
  });
  const inbox = await startNotificationInbox({ file: options.inMemory ? undefined : LOCAL_PATHS.inbox(options.projectDir) });
  const forward = fastForward(cloud);
  const endpointFile = LOCAL_PATHS.endpoint(options.projectDir);
  if (options.advertise) {
    mkdirSync(goldsmithDir(options.projectDir), { recursive: true });
    writeFileSync(endpointFile, JSON.stringify({ endpoint: cloud.endpoint, pid: process.pid, inbox: { slackUrl: inbox.slackUrl, snsUrl: inbox.snsUrl } }));
  }
  let closed = false;
  return {
    cloud,
    inbox,
    fastForward: forward,
    target: (region) => ({ region, endpoint: cloud.endpoint, credentials: LOCAL_CREDENTIALS }),
    async close() {
      if (closed) return;
      closed = true;
      // Functions still running (an event's handler, a retry) finish first: the cloud's services go away with it.
      const deadline = Date.now() + 10_000;
      while (forward.busy > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      forward.dispose();
      if (options.advertise && advertisedBy(endpointFile) === process.pid) rmSync(endpointFile, { force: true });
      await cloud.stop();
      await inbox.close();
    },
  };
}

export interface AdvertisedCloud {
  endpoint: string;
  pid: number;
  inbox?: { slackUrl: string; snsUrl: string };
}

/** The local cloud another goldsmith process runs for this project, if it still answers. */
export async function runningLocalCloud(projectDir: string): Promise<AdvertisedCloud | undefined> {
  const file = LOCAL_PATHS.endpoint(projectDir);
  if (!existsSync(file)) return undefined;
  let advertised: AdvertisedCloud;
  try {
    advertised = JSON.parse(readFileSync(file, 'utf8')) as AdvertisedCloud;
  } catch {
    return undefined;
  }
  return (await answers(advertised.endpoint)) ? advertised : undefined;
}

/** True when a local cloud answers its health check at `endpoint`. */
export async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/_local/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function advertisedBy(file: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as AdvertisedCloud).pid;
  } catch {
    return undefined;
  }
}
