import { createHash, randomBytes } from 'node:crypto';

/** One version of a function as the runtime runs it: its configuration and where its code is. */
export interface FunctionSpec {
  accountId: string;
  region: string;
  functionName: string;
  /** `$LATEST` or a published version number. */
  version: string;
  /** The unqualified function ARN. */
  functionArn: string;
  runtime: string;
  handler: string;
  memorySize: number;
  /** Seconds. */
  timeout: number;
  variables: Record<string, string>;
  codeDir: string;
  /** Changes whenever code or configuration changes: environments of another revision are replaced. */
  revisionId: string;
}

/** Environment variables a function may not set: Lambda sets them itself. */
export const RESERVED_VARIABLES = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

export interface EnvironmentOptions {
  /** The local cloud's endpoint, so the function's SDK clients call it. */
  endpoint: string;
  /** Credentials for an account other than the default name it by a 12-digit access key id. */
  defaultAccountId: string;
  /** Simulated now, for the log stream name's date. */
  now: number;
  runtimeDir: string;
}

/**
 * The environment of one execution environment: what Lambda sets for a Node.js function, then the
 * function's own variables. It is the worker's whole `process.env`: nothing leaks in from the host
 * but PATH, so two functions see only their own values.
 */
export function functionEnvironment(spec: FunctionSpec, options: EnvironmentOptions): Record<string, string> {
  const day = new Date(options.now).toISOString().slice(0, 10).replaceAll('-', '/');
  const accessKeyId = spec.accountId === options.defaultAccountId ? 'test' : spec.accountId;
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    // Differs from AWS: the zone applies to the whole host process, so a worker's TZ changes nothing.
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: spec.codeDir,
    LAMBDA_RUNTIME_DIR: options.runtimeDir,
    _HANDLER: spec.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySize),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[${spec.version}]${randomBytes(16).toString('hex')}`,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL: options.endpoint,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
    ...spec.variables,
  };
}

/** A stable stand-in for the ARN of the runtime version a function runs on. */
export function runtimeVersionArn(region: string, runtime: string): string {
  return `arn:aws:lambda:${region}::runtime:${createHash('sha256').update(runtime).digest('hex')}`;
}
