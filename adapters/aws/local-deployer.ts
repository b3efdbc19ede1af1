/**
 * The local deployer: maps the app model onto AWS API calls, as a deploy to AWS would, against the local
 * cloud (or any endpoint that speaks the AWS APIs). It is idempotent: a second deploy of the same config
 * changes nothing, and a changed config updates resources in place (Image Builder components and recipes,
 * which are immutable, get a new content-derived version). IAM and SQS are not served by the local cloud:
 * roles and the dead-letter queue are referenced by ARN, not created.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  type AppModel,
  buildAppModel,
  type DeploymentScope,
  type Ref,
  type Resolved,
  ref,
  resolveReference,
  resolveRefs,
  SCHEDULE_GROUP,
} from '../../core/app-model/index.ts';
import type { ResolvedConfig } from '../../core/config/index.ts';
import { serializeReleaseConfig } from '../../core/release/release-config.ts';
import { substitute } from '../../statemachines/index.ts';
import { bundleFunctions, checkEntries, zipFunction } from './bundle.ts';
import { type Change, ChangeLog, mapLimit } from './local-deployer-changes.ts';
import { type AwsTarget, type DeployClients, deployClients, destroyClients } from './local-deployer-clients.ts';
import { allowRuleToInvoke, deployFunction } from './local-deployer-functions.ts';
import {
  deployComponent,
  deployDistributionConfiguration,
  deployImagePipeline,
  deployImageRecipe,
  deployInfrastructureConfiguration,
} from './local-deployer-image-builder.ts';
import { deployRule, deploySchedule, deployStateMachine, pruneRules, pruneSchedules } from './local-deployer-orchestration.ts';
import { deploySecret, deployTable, deployTopic } from './local-deployer-storage.ts';

export interface DeployOptions {
  resolved: ResolvedConfig;
  stage: string;
  target: AwsTarget;
  /** The project root: functions/ and statemachines/ are under it. */
  rootDir: string;
  /** Where bundles are cached, e.g. `.goldsmith/bundles`. */
  cacheDir: string;
  /** Added to every function's environment; the local deploy turns X-Ray tracing off here, so product code has no local branch. */
  functionEnvironment?: Readonly<Record<string, string>>;
  log?: (line: string) => void;
}

export interface Deployment {
  model: AppModel;
  scope: DeploymentScope;
  changes: Change[];
  /** Real milliseconds the deploy took, and of those, bundling. */
  durationMs: number;
  bundleMs: number;
  bundlesCached: number;
}

export async function deployApp(options: DeployOptions): Promise<Deployment> {
  const started = performance.now();
  const clients = deployClients(options.target);
  try {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    const scope: DeploymentScope = { account: identity.Account as string, region: options.target.region };
    const model = buildAppModel(options.resolved, { stage: options.stage, account: scope.account, homeRegion: scope.region });
    const changes = new ChangeLog(options.log);
    const resolve = (reference: Ref) => resolveReference(model, reference, scope);
    const resolveAll = <T>(value: T): Resolved<T> => resolveRefs(value, resolve);

    // Bundling is the slow part: it runs while the data and Image Builder resources are deployed. A missing
    // entry point stops the deploy before anything is created.
    const entries = model.functions.map((fn) => ({ key: fn.key, entry: fn.entry }));
    checkEntries(entries, options.rootDir);
    const bundleStarted = performance.now();
    const bundling = bundleFunctions(entries, { rootDir: options.rootDir, cacheDir: options.cacheDir }).then((bundles) => ({
      bundles,
      ms: performance.now() - bundleStarted,
    }));
    bundling.catch(() => {});

    await Promise.all([
      ...model.tables.map((table) => deployTable(clients, table, changes)),
      ...model.topics.map((topic) => deployTopic(clients, topic, resolve(ref('topic', topic.key)), changes)),
      ...model.secrets.map((secret) => deploySecret(clients, secret, changes)),
    ]);
    await deployImageBuilder(clients, model, resolve, resolveAll, changes);

    const { bundles, ms: bundleMs } = await bundling;
    const configText = serializeReleaseConfig(options.resolved);
    await mapLimit(model.functions, 8, async (fn) => {
      const bundle = bundles.get(fn.key);
      if (!bundle) throw new Error(`No bundle for ${fn.entry}.`);
      const resolved = resolveAll(fn);
      await deployFunction(
        clients,
        resolved,
        {
          zip: zipFunction(bundle, { [model.configFile]: configText }),
          roleArn: resolved.role,
          environment: { ...resolved.environment, ...options.functionEnvironment },
        },
        changes,
      );
    });

    for (const machine of model.stateMachines) {
      const text = await readFile(join(options.rootDir, machine.definitionFile), 'utf8');
      const definition = substitute(text, resolveAll(machine.substitutions));
      await deployStateMachine(clients, machine, { arn: resolve(ref('stateMachine', machine.key)), definition, roleArn: resolve(machine.role) }, changes);
    }

    for (const rule of model.rules) {
      const resolved = resolveAll(rule);
      await deployRule(clients, resolved, changes);
      const ruleArn = resolve(ref('rule', rule.key));
      for (const target of rule.targets) await allowRuleToInvoke(clients, resolve({ ...target.arn, attr: 'name' }), rule.name, ruleArn);
    }
    await pruneRules(clients, { prefix: model.prefix, eventBusName: model.eventBusName, keep: model.rules.map((r) => r.name) }, changes);

    for (const schedule of model.schedules) await deploySchedule(clients, resolveAll(schedule), changes);
    await pruneSchedules(clients, { prefix: model.prefix, groupName: SCHEDULE_GROUP, keep: model.schedules.map((s) => s.name) }, changes);

    return {
      model,
      scope,
      changes: changes.changes,
      durationMs: performance.now() - started,
      bundleMs,
      bundlesCached: [...bundles.values()].filter((b) => b.cached).length,
    };
  } finally {
    destroyClients(clients);
  }
}

/** Components first, then the recipes that name them; configurations beside them; pipelines last. */
async function deployImageBuilder(
  clients: DeployClients,
  model: AppModel,
  resolve: (reference: Ref) => string,
  resolveAll: <T>(value: T) => Resolved<T>,
  changes: ChangeLog,
): Promise<void> {
  await Promise.all([
    ...model.components.map((component) => deployComponent(clients, component, resolve(ref('component', component.key)), changes)),
    ...model.infrastructureConfigurations.map((infra) =>
      deployInfrastructureConfiguration(clients, resolveAll(infra), resolve(ref('infrastructureConfiguration', infra.key)), changes),
    ),
    ...model.distributionConfigurations.map((distribution) =>
      deployDistributionConfiguration(clients, distribution, resolve(ref('distributionConfiguration', distribution.key)), changes),
    ),
  ]);
  await Promise.all(model.imageRecipes.map((recipe) => deployImageRecipe(clients, resolveAll(recipe), resolve(ref('imageRecipe', recipe.key)), changes)));
  await Promise.all(
    model.imagePipelines.map((pipeline) => deployImagePipeline(clients, resolveAll(pipeline), resolve(ref('imagePipeline', pipeline.key)), changes)),
  );
}
