/**
 * The example fleet's app, synthesized once for every stack test. Synthesis bundles every function and
 * takes seconds, and SST's build folders (.sst/artifacts) cannot be shared by two synths at once, so the
 * first test file to need it synthesizes under a lock and writes the result to .sst/test-synth/<inputs
 * hash>/; the others, and later runs with the same inputs, read it from there.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppModel, buildAppModel } from '../../core/app-model/index.ts';
import { type LoadedConfig, loadConfig } from '../../core/config/index.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const STAGE = 'test';
/** The account the tests synthesize for, as `npm run synth` does against the local cloud. */
export const ACCOUNT = '123456789012';
export const STACKS = ['Notifications', 'ImageFactory', 'Release', 'Observability'] as const;
export type StackName = (typeof STACKS)[number];

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string[];
  Metadata?: Record<string, unknown>;
  DeletionPolicy?: string;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

/** An error or warning annotation of synthesis (cdk-nag reports its findings as these). */
export interface SynthMessage {
  level: 'error' | 'warning' | 'info';
  path: string;
  text: string;
}

/** One row of cdk-nag's report: every rule it checked on every resource. */
export interface NagReportRow {
  rule: string;
  resource: string;
  compliance: 'Compliant' | 'Non-Compliant' | 'Suppressed' | 'UNKNOWN';
  reason: string;
}

export interface SynthesizedApp {
  templates: Record<StackName, CfnTemplate>;
  nagReport: NagReportRow[];
  messages: SynthMessage[];
  /** The staged asset folder of each function, by logical id, to look inside the bundles. */
  functionAssets: Record<string, string>;
  /** Real seconds the synthesis took (0 when read from the cache). */
  seconds: number;
}

const INPUTS = ['sst.config.ts', 'goldsmith.config.ts', 'package-lock.json', 'stacks', 'core', 'components', 'statemachines', 'functions', 'adapters'];

let cached: Promise<SynthesizedApp> | undefined;

export function synthesizedApp(): Promise<SynthesizedApp> {
  cached ??= load();
  return cached;
}

/** The app model and config the stacks mapped, built the same way. */
export async function exampleModel(): Promise<{ model: AppModel; config: LoadedConfig }> {
  const config = await loadConfig(join(ROOT, 'goldsmith.config.ts'));
  return { model: buildAppModel(config, { stage: STAGE, account: ACCOUNT }), config };
}

async function load(): Promise<SynthesizedApp> {
  const base = join(ROOT, '.sst', 'test-synth');
  const dir = join(base, inputsHash());
  const result = join(dir, 'result.json');
  const lock = `${dir}.lock`;
  mkdirSync(base, { recursive: true });
  const deadline = Date.now() + 240_000;
  while (!existsSync(result)) {
    if (tryLock(lock)) {
      try {
        if (!existsSync(result)) writeFileSync(result, JSON.stringify(await synthesize(join(dir, 'assembly'))));
        // Synths of earlier inputs are stale: keep only this one.
        for (const entry of readdirSync(base))
          if (join(base, entry) !== dir && !entry.endsWith('.lock')) rmSync(join(base, entry), { recursive: true, force: true });
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      break;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another test file to synthesize the app (lock ${lock}).`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return JSON.parse(readFileSync(result, 'utf8')) as SynthesizedApp;
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    // A lock older than the longest synthesis was left by a killed run.
    if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

async function synthesize(outdir: string): Promise<SynthesizedApp> {
  const started = performance.now();
  const { initProject } = await import('sst/project.js');
  const { App } = await import('sst/constructs');
  const { default: sstConfig } = await import('../../sst.config.ts');
  await initProject({ stage: STAGE, root: ROOT });
  const { region } = sstConfig.config();
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ mode: 'deploy', stage: STAGE, name: 'goldsmith', region, account: ACCOUNT }, { outdir });
  await sstConfig.stacks(app);
  await app.finish();
  const assembly = app.synth();
  const templates = {} as Record<StackName, CfnTemplate>;
  const messages: SynthMessage[] = [];
  const functionAssets: Record<string, string> = {};
  for (const stack of assembly.stacks) {
    const name = STACKS.find((s) => stack.stackName === `${STAGE}-goldsmith-${s}`);
    if (!name) throw new Error(`Unexpected stack ${stack.stackName}`);
    templates[name] = stack.template as CfnTemplate;
    for (const message of stack.messages) {
      messages.push({ level: message.level as SynthMessage['level'], path: message.id, text: String(message.entry.data) });
    }
    for (const [logicalId, resource] of Object.entries(templates[name].Resources)) {
      // A staged asset folder is named for its hash, which is also the S3 key of its zip.
      const key = (resource.Properties?.Code as { S3Key?: string } | undefined)?.S3Key;
      if (resource.Type === 'AWS::Lambda::Function' && key) functionAssets[logicalId] = join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
    }
  }
  const nagReport = STACKS.flatMap((name) => parseNagReport(readFileSync(join(outdir, `AwsSolutions-${STAGE}-goldsmith-${name}-NagReport.csv`), 'utf8')));
  return { templates, nagReport, messages, functionAssets, seconds: (performance.now() - started) / 1000 };
}

function parseNagReport(csv: string): NagReportRow[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [rule, resource, compliance, reason] = [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replaceAll('""', '"'));
      return { rule, resource, compliance: compliance as NagReportRow['compliance'], reason };
    });
}

function inputsHash(): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else {
      hash.update(relative(ROOT, path)).update(readFileSync(path));
    }
  };
  for (const input of INPUTS) visit(join(ROOT, input));
  return hash.digest('hex').slice(0, 16);
}
