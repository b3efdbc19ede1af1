import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'cli/index.ts');

/** Runs the goldsmith command to its end. */
export function goldsmith(args: string[], options: { cwd?: string; timeoutMs?: number } = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: options.cwd ?? ROOT, timeout: options.timeoutMs ?? 30_000 });
}

/** Runs the goldsmith command without blocking this process, which may be serving the local cloud it talks to. */
export function goldsmithAsync(
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, timeout: options.timeoutMs ?? 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * A project directory of its own: the example config (importing core/config from this repository) and
 * the example's components, so `.goldsmith/` state stays in the directory. `edit` changes the config text.
 */
export function tempProject(
  edit: (text: string) => string = (text) => text,
  editComponent?: (file: string, text: string) => string,
): { dir: string; config: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'goldsmith-project-'));
  const text = readFileSync(join(ROOT, 'goldsmith.config.ts'), 'utf8').replace("'./core/config/index.ts'", `'${join(ROOT, 'core/config/index.ts')}'`);
  const config = join(dir, 'goldsmith.config.ts');
  writeFileSync(config, edit(text));
  if (editComponent) {
    mkdirSync(join(dir, 'components'));
    for (const file of readdirSync(join(ROOT, 'components'))) {
      writeFileSync(join(dir, 'components', file), editComponent(file, readFileSync(join(ROOT, 'components', file), 'utf8')));
    }
  } else symlinkSync(join(ROOT, 'components'), join(dir, 'components'));
  return { dir, config, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
