/** The resolved config, read once from `$LAMBDA_TASK_ROOT/$GOLDSMITH_CONFIG_FILE` the first time a function needs it. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ReleaseConfig, releaseConfigProblem } from '../../core/release/release-config.ts';
import { ConfigFileError } from './errors.ts';

const loaded = new Map<string, ReleaseConfig>();

export function readReleaseConfig(file: string, taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd()): ReleaseConfig {
  const path = resolve(taskRoot, file);
  const cached = loaded.get(path);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigFileError(path, 'cannot be read', { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(path, 'is not valid JSON', { cause: error });
  }
  const problem = releaseConfigProblem(value);
  if (problem) throw new ConfigFileError(path, problem);
  loaded.set(path, value as ReleaseConfig);
  return value as ReleaseConfig;
}
