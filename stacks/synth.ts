// `npm run synth [-- --stage <stage>]`: writes the CloudFormation templates to .sst/dist with no AWS account and no network.
// `sst build` asks STS who it is and CloudFormation whether the account is bootstrapped; an in-memory local cloud answers both.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fleet from '../goldsmith.config.ts';
import { startLocalCloud } from '../local-cloud/index.ts';
import { registerBootstrapStacks } from './bootstrap-stacks.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { stage: { type: 'string', default: 'dev' } } });
const stage = values.stage as string;
const outDir = join(root, '.sst', 'dist');
// A 12-digit access key id names the local cloud's account, so a config that pins one synthesizes for it.
const accountId = fleet.account ?? '123456789012';

const started = performance.now();
const cloud = await startLocalCloud({ port: 0, dataDir: false, timeScale: 0 });
try {
  registerBootstrapStacks(cloud.runtime.services.cloudformation, accountId, fleet.region);
  rmSync(outDir, { recursive: true, force: true });
  const code = await run(process.execPath, [join(root, 'node_modules', 'sst', 'cli', 'sst.js'), 'build', '--stage', stage], {
    ...withoutAwsSettings(process.env),
    AWS_ENDPOINT_URL: cloud.endpoint,
    AWS_ACCESS_KEY_ID: accountId,
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: fleet.region,
    SST_TELEMETRY_DISABLED: '1',
    // SST runs `npm install` in every function bundle; with nothing to install it must not reach for the registry.
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    NO_UPDATE_NOTIFIER: '1',
  });
  if (code !== 0) throw new Error(`sst build exited with ${code}`);
  const templates = readdirSync(outDir).filter((file) => file.endsWith('.template.json'));
  for (const template of templates) console.log(`  ${join('.sst', 'dist', template)}`);
  console.log(`Synthesized ${templates.length} templates for stage '${stage}' in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} catch (error) {
  console.error(`synth failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cloud.stop();
}

/** The caller's profile, endpoints and credentials must not leak into an offline build. */
function withoutAwsSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('AWS_')));
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolveExit, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => resolveExit(exitCode ?? (signal ? 1 : 0)));
  });
}
