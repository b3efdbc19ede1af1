import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const BOOTSTRAP = new URL('./bootstrap.ts', import.meta.url);

/** The runtime's own files on this machine: the built bootstrap and Node's compile cache. */
const RUNTIME_DIR = join(tmpdir(), 'goldsmith-lambda-runtime');

let built: URL | undefined;

/**
 * The execution environment's entry (bootstrap.ts and what it imports) as one plain-JavaScript module, built
 * once per process. A worker started on the .ts files would load Node's TypeScript stripper and compile its
 * WebAssembly for itself: tens of milliseconds of every cold start, all of them at once after a deploy.
 */
export function bootstrapModule(): URL {
  if (built) return built;
  const code = buildSync({
    entryPoints: [fileURLToPath(BOOTSTRAP)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  }).outputFiles[0].text;
  // Named by content: local clouds of other versions on the machine keep their own.
  const file = join(RUNTIME_DIR, `bootstrap-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(RUNTIME_DIR, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, file);
  }
  built = pathToFileURL(file);
  return built;
}

/** Where the runtime's own packages (the AWS SDK) resolve from: the local cloud's node_modules. */
export const RUNTIME_MODULES_PARENT = BOOTSTRAP.href;

/** Node's on-disk compile cache, shared by every execution environment of every local cloud on the machine. */
export const COMPILE_CACHE_DIR = join(RUNTIME_DIR, 'compile-cache');
