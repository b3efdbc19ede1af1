import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';

/** Lambda's limit on a deployment package's unzipped size. */
export const MAX_UNZIPPED_BYTES = 262_144_000;

export class InvalidZipFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidZipFileError';
  }
}

export class UnzippedSizeError extends Error {
  constructor() {
    super(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
    this.name = 'UnzippedSizeError';
  }
}

/** A deployment package once checked: its files, and the hash and size Lambda reports for it. */
export interface CheckedPackage {
  zip: Uint8Array;
  files: Record<string, Uint8Array>;
  /** Base64 SHA-256 of the zip, as CodeSha256. */
  codeSha256: string;
  codeSize: number;
  /** The same hash in base64url: a directory name (base64 has `/`). */
  codeKey: string;
}

/**
 * Function code on disk: `<dataDir>/lambda/<function>/<codeKey>/`, or an OS temp directory when the
 * cloud keeps no data directory (removed on stop). Code is stored by content, so the same bundle
 * under the same function name in two accounts shares one directory.
 */
export class CodeStore {
  private readonly dataDir: string | false;
  private tempRoot: string | undefined;

  constructor(dataDir: string | false) {
    this.dataDir = dataDir;
  }

  /** Unzips and checks a package in memory, without touching the disk. */
  check(zip: Uint8Array): CheckedPackage {
    let total = 0;
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(zip, {
        filter: (file) => {
          total += file.originalSize;
          if (total > MAX_UNZIPPED_BYTES) throw new UnzippedSizeError();
          return !file.name.endsWith('/');
        },
      });
    } catch (error) {
      if (error instanceof UnzippedSizeError) throw error;
      throw new InvalidZipFileError('Could not unzip uploaded file. Please check your file, then try to upload again.', { cause: error });
    }
    for (const name of Object.keys(files)) {
      const path = normalize(name);
      if (isAbsolute(path) || path.startsWith(`..${sep}`) || path === '..') {
        throw new InvalidZipFileError('Could not unzip uploaded file. Please check your file, then try to upload again.');
      }
    }
    const digest = createHash('sha256').update(zip).digest();
    return { zip, files, codeSha256: digest.toString('base64'), codeSize: zip.byteLength, codeKey: digest.toString('base64url') };
  }

  /** Writes a checked package (and its zip, beside it) under its function, once: a second install of the same code is a no-op. */
  install(functionName: string, pkg: CheckedPackage): string {
    const target = this.dirFor(functionName, pkg.codeKey);
    if (existsSync(target)) return target;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(`${target}.zip`, pkg.zip);
    const staging = `${target}.${randomUUID()}.tmp`;
    for (const [name, data] of Object.entries(pkg.files)) {
      const path = join(staging, normalize(name));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
    }
    mkdirSync(staging, { recursive: true });
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another install of the same code won the race: its copy is identical.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(target)) throw error;
    }
    return target;
  }

  dirFor(functionName: string, codeKey: string): string {
    return join(this.root(), functionName, codeKey);
  }

  /** The deployment package as uploaded. */
  zipFor(functionName: string, codeKey: string): string {
    return `${this.dirFor(functionName, codeKey)}.zip`;
  }

  remove(functionName: string, codeKey: string): void {
    const dir = this.dirFor(functionName, codeKey);
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.zip`, { force: true });
  }

  /** Removes every function's code. */
  clear(): void {
    if (this.dataDir) rmSync(join(resolve(this.dataDir), 'lambda'), { recursive: true, force: true });
    this.dispose();
  }

  /** Removes the temp directory, if the cloud used one. */
  dispose(): void {
    if (this.tempRoot) rmSync(this.tempRoot, { recursive: true, force: true });
    this.tempRoot = undefined;
    process.off('exit', this.disposeOnExit);
  }

  /** A process that ends without stopping the cloud (a crash) still leaves no temp code behind. */
  private readonly disposeOnExit = () => this.dispose();

  private root(): string {
    if (this.dataDir) return join(resolve(this.dataDir), 'lambda');
    if (!this.tempRoot) {
      this.tempRoot = mkdtempSync(join(tmpdir(), 'goldsmith-lambda-'));
      process.once('exit', this.disposeOnExit);
    }
    return this.tempRoot;
  }
}
