/**
 * Function bundles: each entry point bundled by esbuild into one ESM file with everything it imports but
 * the AWS SDK, which the Lambda Node.js runtime provides (runtime-provided-sdk.ts), then zipped with the
 * resolved config beside it. Bundles are cached under `.goldsmith/bundles/` by the content of their inputs, so a
 * deploy rebuilds only what changed; all that did is built in one esbuild run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { type BuildOptions, build, version as esbuildVersion } from 'esbuild';
import { strToU8, zipSync } from 'fflate';
import { isRuntimeSdkInput, RUNTIME_SDK_SETTINGS, runtimeProvidedSdk } from './runtime-provided-sdk.ts';

export interface BundleEntry {
  /** The function's model key; the bundle is cached under it. */
  key: string;
  /** The entry point, relative to rootDir. */
  entry: string;
}

export interface FunctionBundle {
  key: string;
  /** The bundled ESM module, shipped as `index.mjs`. */
  code: Uint8Array;
  /** SHA-256 of `code`, hex. */
  hash: string;
  /** True when it came from the cache. */
  cached: boolean;
}

export class BundleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BundleError';
  }
}

/** Bundled, minified ESM for Node 24 without the runtime's SDK; `require` for the CommonJS packages that call it on Node built-ins. */
const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  legalComments: 'none',
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire as __goldsmithCreateRequire } from 'node:module'; const require = __goldsmithCreateRequire(import.meta.url);" },
  logLevel: 'silent',
} as const satisfies BuildOptions;

/** Zip entries get this fixed time, so the same files always make the same zip (and the same CodeSha256). */
const ZIP_TIME = new Date('2020-01-01T00:00:00Z');

interface CacheRecord {
  /** Inputs relative to rootDir, with their SHA-256; node_modules inputs are covered by `lockHash`. */
  inputs: Record<string, string>;
  hash: string;
}

interface CacheManifest {
  settings: string;
  functions: Record<string, CacheRecord>;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Bundles every entry, reusing cached bundles whose inputs did not change.
 * @throws {BundleError} naming the entry points that are missing or do not build.
 */
export async function bundleFunctions(entries: readonly BundleEntry[], options: { rootDir: string; cacheDir: string }): Promise<Map<string, FunctionBundle>> {
  const rootDir = resolve(options.rootDir);
  const missing = entries.filter((e) => !existsSync(join(rootDir, e.entry)));
  if (missing.length) {
    throw new BundleError(
      `Function entry points not found under ${rootDir}: ${missing.map((e) => e.entry).join(', ')}. Each function of core/release/catalogue.ts needs its file.`,
    );
  }
  const manifestPath = join(options.cacheDir, 'manifest.json');
  const settings = sha256(JSON.stringify({ esbuildVersion, ESBUILD_OPTIONS, sdk: RUNTIME_SDK_SETTINGS, lock: lockHash(rootDir) }));
  const manifest = readManifest(manifestPath, settings);
  const bundles = new Map<string, FunctionBundle>();
  const stale: BundleEntry[] = [];
  // Functions share most of their inputs: each file is read and hashed once.
  const seen = new Map<string, string | undefined>();
  for (const entry of entries) {
    const record = manifest.functions[entry.key];
    const file = join(options.cacheDir, `${entry.key}.mjs`);
    if (record && existsSync(file) && inputsUnchanged(rootDir, record.inputs, seen)) {
      const code = readFileSync(file);
      if (sha256(code) === record.hash) {
        bundles.set(entry.key, { key: entry.key, code, hash: record.hash, cached: true });
        continue;
      }
    }
    stale.push(entry);
  }
  if (stale.length) {
    for (const bundle of await buildEntries(stale, rootDir, manifest)) {
      bundles.set(bundle.key, bundle);
      mkdirSync(options.cacheDir, { recursive: true });
      writeFileSync(join(options.cacheDir, `${bundle.key}.mjs`), bundle.code);
    }
    writeAtomically(manifestPath, JSON.stringify(manifest));
  }
  return bundles;
}

/** @throws {BundleError} naming every entry point that does not exist. */
export function checkEntries(entries: readonly BundleEntry[], rootDir: string): void {
  const missing = entries.filter((e) => !existsSync(join(rootDir, e.entry)));
  if (missing.length) {
    throw new BundleError(
      `Function entry points not found under ${rootDir}: ${missing.map((e) => e.entry).join(', ')}. Each function of core/release/catalogue.ts needs its file.`,
    );
  }
}

async function buildEntries(entries: readonly BundleEntry[], rootDir: string, manifest: CacheManifest): Promise<FunctionBundle[]> {
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build({
      ...ESBUILD_OPTIONS,
      plugins: [runtimeProvidedSdk],
      absWorkingDir: rootDir,
      entryPoints: Object.fromEntries(entries.map((e) => [e.key, e.entry])),
      outdir: 'out',
      write: false,
      metafile: true,
    });
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number } }[] }).errors ?? [];
    const detail = errors.map((e) => `  ${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`).join('\n');
    throw new BundleError(`The functions do not bundle:\n${detail || String(error)}`, { cause: error });
  }
  const byKey = new Map(entries.map((e) => [e.key, e]));
  return (result.outputFiles ?? []).flatMap((output): FunctionBundle[] => {
    const key = relative(join(rootDir, 'out'), output.path).replace(/\.js$/, '');
    if (!byKey.has(key)) return [];
    const meta = result.metafile?.outputs[relative(rootDir, output.path)];
    const inputs = Object.fromEntries(
      Object.keys(meta?.inputs ?? {})
        .filter((path) => !path.includes('node_modules/') && !isRuntimeSdkInput(path))
        .map((path) => [path, sha256(readFileSync(join(rootDir, path)))]),
    );
    const hash = sha256(output.contents);
    manifest.functions[key] = { inputs, hash };
    return [{ key, code: output.contents, hash, cached: false }];
  });
}

/** A function's deployment package: the bundle as `index.mjs`, and extra files (the resolved config) beside it. */
export function zipFunction(bundle: FunctionBundle, files: Readonly<Record<string, string>>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = { 'index.mjs': [bundle.code, { mtime: ZIP_TIME }] };
  for (const [name, text] of Object.entries(files)) entries[name] = [strToU8(text), { mtime: ZIP_TIME }];
  return zipSync(entries, { level: 6 });
}

function lockHash(rootDir: string): string {
  const lock = join(rootDir, 'package-lock.json');
  return existsSync(lock) ? sha256(readFileSync(lock)) : 'no-lock';
}

function inputsUnchanged(rootDir: string, inputs: Record<string, string>, seen: Map<string, string | undefined>): boolean {
  for (const [path, hash] of Object.entries(inputs)) {
    if (!seen.has(path)) {
      const file = join(rootDir, path);
      seen.set(path, existsSync(file) ? sha256(readFileSync(file)) : undefined);
    }
    if (seen.get(path) !== hash) return false;
  }
  return true;
}

function readManifest(path: string, settings: string): CacheManifest {
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as CacheManifest;
    if (manifest.settings === settings && manifest.functions) return manifest;
  } catch {
    // No cache yet, or an unreadable one: start afresh.
  }
  return { settings, functions: {} };
}

function writeAtomically(path: string, text: string): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}
