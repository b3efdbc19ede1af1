/**
 * The function's environment, read and checked once (at init): the variables core/release/catalogue.ts lists
 * for it, plus the Lambda region. A missing one fails the init with a clear error instead of a later surprise.
 */
import { Env, type EnvKey } from '../../core/release/catalogue.ts';
import { MissingEnvironmentError } from './errors.ts';

/** Variables a function runs without: no Slack or SNS when they are not set. */
type Optional = 'slackSecretId' | 'topicArn';
const OPTIONAL: ReadonlySet<EnvKey> = new Set<Optional>(['slackSecretId', 'topicArn']);

export type FunctionEnv<K extends EnvKey> = { readonly [P in Exclude<K, Optional>]: string } & { readonly [P in Extract<K, Optional>]?: string } & {
  readonly region: string;
};

export function loadEnv<K extends EnvKey>(keys: readonly K[], source: NodeJS.ProcessEnv = process.env): FunctionEnv<K> {
  const value = (name: string) => (source[name] === '' ? undefined : source[name]);
  const missing = ['AWS_REGION', ...keys.filter((key) => !OPTIONAL.has(key)).map((key) => Env[key])].filter((name) => value(name) === undefined);
  if (missing.length > 0) throw new MissingEnvironmentError(missing);
  return Object.fromEntries([['region', value('AWS_REGION')], ...keys.map((key) => [key, value(Env[key])])]) as FunctionEnv<K>;
}
