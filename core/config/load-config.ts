// The one file of core/config that touches the file system: it reads goldsmith.config.ts and the component documents it lists.
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig } from './define-config.ts';
import { ConfigError } from './errors.ts';
import { type ResolvedConfig, resolveConfig } from './resolve-config.ts';

export interface LoadedConfig extends ResolvedConfig {
  /** Absolute path of the config file. */
  readonly configPath: string;
  /** The directory component paths are relative to. */
  readonly rootDir: string;
}

/**
 * Imports a goldsmith.config.ts (Node 24 runs it directly), validates it, then reads, validates and versions every component document it lists.
 * @throws {ConfigError} listing every problem.
 */
export async function loadConfig(path: string): Promise<LoadedConfig> {
  const configPath = resolve(path);
  const rootDir = dirname(configPath);
  const exported = await importDefault(path, configPath);
  const config = parseConfig(exported, { source: path });

  const paths = new Set(config.pipelines.flatMap((pipeline) => [...pipeline.components, ...pipeline.testComponents].map((ref) => ref.path)));
  const sources = new Map(
    await Promise.all([...paths].map(async (componentPath) => [componentPath, await readText(resolve(rootDir, componentPath))] as const)),
  );
  return { ...resolveConfig(config, sources, { source: path }), configPath, rootDir };
}

async function importDefault(path: string, configPath: string): Promise<unknown> {
  let modified: number;
  try {
    modified = (await stat(configPath)).mtimeMs;
  } catch (error) {
    throw new ConfigError([{ file: path, path: '', message: 'cannot be found', fix: 'Create goldsmith.config.ts, or pass the path of yours' }], {
      cause: error,
    });
  }
  let module: { default?: unknown };
  try {
    // The query makes Node import a changed file again instead of answering from its module cache.
    module = await import(`${pathToFileURL(configPath).href}?mtime=${modified}`);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.issues, { source: path, cause: error });
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(
      [
        {
          file: path,
          path: '',
          message: `cannot be loaded: ${reason}`,
          fix: 'Fix the file: Node 24 runs it directly, so it must use erasable TypeScript syntax only',
        },
      ],
      { cause: error },
    );
  }
  if (module.default === undefined) {
    throw new ConfigError([{ file: path, path: '', message: 'has no default export', fix: 'End it with export default defineConfig({ … })' }]);
  }
  return module.default;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
}
