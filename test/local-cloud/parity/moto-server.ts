import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

/** How to start moto's standalone server here: `moto_server`, or the module through python3; undefined when neither works. */
function findMoto(): string[] | undefined {
  if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0) return ['moto_server'];
  if (spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0) return ['python3', '-m', 'moto.server'];
  return undefined;
}

const command = findMoto();

/** Whether moto (5.x, with its server extra) is installed: the moto parity suite is skipped where it is not. */
export const hasMoto = command !== undefined;

if (!hasMoto) console.warn("Skipping the moto parity tests: moto's server is not installed (pip install 'moto[server]').");

export const motoSuite = (title: string) => (hasMoto ? title : `${title} (skipped: moto's server is not installed; pip install 'moto[server]')`);

export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts `moto_server` on a free loopback port and waits until it says where it listens. */
export async function startMoto(): Promise<MotoServer> {
  if (!command) throw new Error("moto's server is not installed");
  const [file, ...args] = command;
  const child: ChildProcess = spawn(file, [...args, '-H', '127.0.0.1', '-p', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`moto_server did not start within 20 s:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`moto_server exited with ${code}:\n${output}`));
    });
  });
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
