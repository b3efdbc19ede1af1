import { readFileSync } from 'node:fs';
import { type GoldsmithConfigInput, parseConfig, type ResolvedConfig, resolveConfig } from '../../../core/config/index.ts';

const ROOT = new URL('../../../', import.meta.url);

/** A config resolved against the repository's own component documents. */
export function resolvedOf(input: GoldsmithConfigInput): ResolvedConfig {
  const config = parseConfig(input);
  const paths = new Set(config.pipelines.flatMap((p) => [...p.components, ...p.testComponents].map((ref) => ref.path)));
  return resolveConfig(config, new Map([...paths].map((path) => [path, readFileSync(new URL(path, ROOT), 'utf8')])));
}

/** The text of a component document of the repository. */
export const componentText = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
