import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = new URL('../../cli/index.ts', import.meta.url).pathname;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'goldsmith-cli-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000 });

describe('CLI: goldsmith local', () => {
  it('runs the local cloud in the foreground until SIGTERM, then saves state and exits 0', async () => {
    // Prepare
    const dataDir = tempDir();
    const child = spawn(process.execPath, [CLI, 'local', 'up', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    // Act
    const health = (await fetch(`${endpoint}/_local/health`).then((r) => r.json())) as { status: string };
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Assess
    expect(health.status).toBe('running');
    expect(out).toContain('export AWS_ENDPOINT_URL=');
    expect(out).toContain('Stopped.');
    expect(code).toBe(0);
    expect(run('local', 'state', '--data-dir', dataDir, '--endpoint', endpoint).stdout).toContain(`saved in ${dataDir}`);
  });

  it('exits 2 with the option and the fix for a bad port', () => {
    const result = run('local', 'up', '--port', 'abc');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("option '-p, --port <port>' argument 'abc' is invalid. must be a port number 0–65535 (got abc).");
  });

  it('exits 2 naming a scenario file that cannot be read', () => {
    const result = run('local', 'up', '--port', '0', '--scenario', '/nonexistent/scenario.json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--scenario: cannot read /nonexistent/scenario.json');
  });

  it('says so when there is no state, and reset clears saved state', () => {
    const dataDir = tempDir();
    const endpoint = 'http://127.0.0.1:1';
    expect(run('local', 'state', '--data-dir', dataDir, '--endpoint', endpoint).stdout).toContain('No local cloud state');
    const reset = run('local', 'reset', '--data-dir', dataDir, '--endpoint', endpoint);
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain(`Cleared ${dataDir}.`);
  });

  it('lists the exit codes in --help', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Exit codes:');
  });
});
