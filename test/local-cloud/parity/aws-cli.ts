import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether the AWS CLI is installed: the parity suites that drive it are skipped where it is not. */
export const hasAwsCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

if (!hasAwsCli) console.warn('Skipping the AWS CLI parity tests: the `aws` command is not installed.');

/** A suite title that says, in the test report, why the suite was skipped. */
export const cliSuite = (title: string) => (hasAwsCli ? title : `${title} (skipped: the AWS CLI \`aws\` is not installed)`);

export interface CliResult {
  exitCode: number;
  /** The parsed `--output json` document; undefined when the command printed nothing. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever document the command printed.
  json: any;
  stdout: string;
  stderr: string;
  /** The AWS error code the CLI reports as `An error occurred (<Code>) when calling …`. */
  errorCode?: string;
  errorMessage?: string;
}

/** Options for one run: `timestamps: 'iso8601'` has botocore parse every timestamp instead of printing it as sent. */
export interface CliOptions {
  timestamps?: 'none' | 'iso8601';
  accessKeyId?: string;
}

let iso8601Config: string | undefined;

function configFile(timestamps: CliOptions['timestamps']): string {
  if (timestamps !== 'iso8601') return '/dev/null';
  if (!iso8601Config) {
    iso8601Config = join(mkdtempSync(join(tmpdir(), 'goldsmith-cli-')), 'config');
    writeFileSync(iso8601Config, '[default]\ncli_timestamp_format = iso8601\n');
  }
  return iso8601Config;
}

/**
 * Runs `aws --endpoint-url <endpoint> … <args>` as a user's shell would, with throwaway credentials and no
 * profile. Asynchronous on purpose: the local cloud serves from this same process.
 */
export function runAwsCli(endpoint: string, args: string[], options: CliOptions = {}): Promise<CliResult> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    AWS_ACCESS_KEY_ID: options.accessKeyId ?? 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: configFile(options.timestamps),
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
  };
  const argv = ['--endpoint-url', endpoint, '--region', 'us-east-1', '--output', 'json', ...args];
  return new Promise((resolve) => {
    execFile('aws', argv, { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      const failure = /An error occurred \(([^)]+)\) when calling the \w+ operation(?: \(reached max retries: \d+\))?: ?(.*)/.exec(stderr);
      resolve({
        exitCode,
        json: stdout.trim() ? JSON.parse(stdout) : undefined,
        stdout,
        stderr,
        errorCode: failure?.[1],
        errorMessage: failure?.[2]?.trim(),
      });
    });
  });
}

/** The CLI bound to one endpoint: `aws('ssm', 'get-parameter', '--name', '/x')`. */
export const awsCliAt =
  (endpoint: string, options: CliOptions = {}) =>
  (...args: string[]) =>
    runAwsCli(endpoint, args, options);
