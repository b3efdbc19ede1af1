import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { App } from 'sst/constructs';
import { useProject } from 'sst/project.js';
import { type AppModel, buildAppModel } from '../../core/app-model/index.ts';
import { type LoadedConfig, loadConfig } from '../../core/config/index.ts';
import { serializeReleaseConfig } from '../../core/release/release-config.ts';
import type { CustomerKey } from '../constructs/customer-key.ts';
import { ArnPatterns } from '../security/arn-patterns.ts';
import { adaptModel, type DeployModel, type KeyName } from './deploy-model.ts';
import { ResourceRegistry } from './resource-registry.ts';

/** What every stack works from: the app model of this stage, the config it came from, and the resources built so far. */
export interface GoldsmithApp {
  readonly model: AppModel;
  /** The model with what the AWS backend adds to it (see deploy-model.ts). */
  readonly deploy: DeployModel;
  readonly config: LoadedConfig;
  /** The resolved config file shipped in every function bundle, relative to the project root (SST `copyFiles`). */
  readonly configFile: string;
  readonly registry: ResourceRegistry;
  /** The customer managed keys, once their stack created them. */
  readonly keys: Map<KeyName, CustomerKey>;
  /** ARNs of the model's resources, from their names, for IAM. */
  readonly arns: ArnPatterns;
}

/** A customer managed key of an earlier stack. */
export function useKey(goldsmith: GoldsmithApp, name: KeyName): CustomerKey {
  const key = goldsmith.keys.get(name);
  if (!key) throw new Error(`The ${name} key is used before its stack created it: check the stack order in sst.config.ts.`);
  return key;
}

const apps = new WeakMap<App, Promise<GoldsmithApp>>();

/** The Goldsmith app of an SST app, built once: every stack of the app maps the same model. */
export function useGoldsmith(app: App): Promise<GoldsmithApp> {
  let goldsmith = apps.get(app);
  if (!goldsmith) {
    goldsmith = load(app);
    apps.set(app, goldsmith);
  }
  return goldsmith;
}

async function load(app: App): Promise<GoldsmithApp> {
  const root = useProject().paths.root;
  const config = await loadConfig(join(root, 'goldsmith.config.ts'));
  // Outside a deploy (tests, offline synth) SST has no real account; the model then leaves it unset.
  const account = /^\d{12}$/.test(app.account) ? app.account : undefined;
  const model = buildAppModel(config, { stage: app.stage, account, homeRegion: app.region });
  const dir = join(useProject().paths.out, 'goldsmith', app.stage);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, model.configFile);
  writeFileSync(file, serializeReleaseConfig(config));
  return {
    model,
    deploy: adaptModel(model, config),
    config,
    configFile: relative(root, file),
    registry: new ResourceRegistry(),
    keys: new Map(),
    arns: new ArnPatterns(model.homeRegion),
  };
}
