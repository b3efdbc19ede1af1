import type { ResolvedConfig } from '../config/index.ts';
import { RELEASE_CONFIG_FILE } from '../release/release-config.ts';
import type { AppModel, Tags } from './app-model.ts';
import { channelParameters, GOLDSMITH_TOPIC, queueResources, secretResources, tableResources, topicResources } from './data-resources.ts';
import { eventRules } from './event-rules.ts';
import { functionResources } from './function-resources.ts';
import { imageBuilderResources } from './image-builder-resources.ts';
import { ref, type Value } from './references.ts';
import { InvalidStageError, STAGE } from './resource-names.ts';
import { scheduleResources } from './schedules.ts';
import { stateMachineResources } from './state-machine-resources.ts';

export interface AppModelOptions {
  /** `local`, `dev`, `prod`: part of every name Goldsmith chooses, so stages can share an account. */
  stage: string;
  /** The account deployed to, when known; it must match the config's `account` when that is set. */
  account?: string;
  /** Defaults to the config's `region`, which it must match. */
  homeRegion?: string;
}

/** Goldsmith's events go on the account's default bus, where AWS's own events (Image Builder, Auto Scaling) arrive too. */
export const EVENT_BUS_NAME = 'default';

/** The resolved config inside each function bundle, at the root of the zip. */
export const CONFIG_FILE = RELEASE_CONFIG_FILE;

export class AppModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppModelError';
  }
}

/** Turns a validated config into the description of every resource both backends deploy. */
export function buildAppModel(resolved: ResolvedConfig, options: AppModelOptions): AppModel {
  const { config } = resolved;
  if (!STAGE.test(options.stage)) throw new InvalidStageError(options.stage);
  const homeRegion = options.homeRegion ?? config.region;
  if (homeRegion !== config.region) {
    throw new AppModelError(
      `The home Region ${homeRegion} differs from the config's region ${config.region}: deploy to ${config.region}, or change region in goldsmith.config.ts.`,
    );
  }
  if (config.account && options.account && config.account !== options.account) {
    throw new AppModelError(
      `The config pins account ${config.account}, but the credentials are for account ${options.account}: use credentials of ${config.account}, or change account in goldsmith.config.ts.`,
    );
  }
  const account = options.account ?? config.account;
  const prefix = `${config.project}-${options.stage}`;
  const tags: Tags = { ...config.tags, 'goldsmith:managed': 'true', 'goldsmith:project': config.project, 'goldsmith:stage': options.stage };
  const naming = { prefix, tags };

  const topics = topicResources(resolved, naming);
  const secrets = secretResources(resolved, naming);
  const imageBuilder = imageBuilderResources(resolved, { ...naming, topicKey: GOLDSMITH_TOPIC });
  const tables = tableResources(naming);
  const firstSlackSecret = resolved.pipelines.map((p) => p.config.notifications.slack?.webhookSecretName).find((name) => name !== undefined);
  const slackSecret: Value | undefined =
    firstSlackSecret === undefined ? undefined : firstSlackSecret.startsWith('arn:') ? firstSlackSecret : ref('secret', firstSlackSecret, 'name');
  const fns = functionResources({
    ...naming,
    sources: {
      releaseTable: 'release',
      idempotencyTable: 'idempotency',
      topic: GOLDSMITH_TOPIC,
      slackSecret,
      eventBusName: EVENT_BUS_NAME,
      releaseStateMachine: 'release',
      configFile: CONFIG_FILE,
    },
  });
  const machines = stateMachineResources({ ...naming, eventBusName: EVENT_BUS_NAME });
  const schedules = scheduleResources(resolved, naming);

  return {
    project: config.project,
    stage: options.stage,
    ...(account ? { account } : {}),
    homeRegion,
    prefix,
    tags,
    eventBusName: EVENT_BUS_NAME,
    configFile: CONFIG_FILE,
    pipelines: resolved.pipelines.map((p) => p.config.name),
    components: imageBuilder.components,
    imageRecipes: imageBuilder.imageRecipes,
    infrastructureConfigurations: imageBuilder.infrastructureConfigurations,
    distributionConfigurations: imageBuilder.distributionConfigurations,
    imagePipelines: imageBuilder.imagePipelines,
    functions: fns.functions,
    stateMachines: machines.stateMachines,
    rules: eventRules(resolved, { ...naming, eventBusName: EVENT_BUS_NAME }),
    schedules: schedules.schedules,
    topics,
    tables,
    secrets,
    queues: queueResources(naming),
    roles: [...fns.roles, ...machines.roles, ...schedules.roles, ...imageBuilder.roles],
    instanceProfiles: imageBuilder.instanceProfiles,
    channels: channelParameters(resolved),
  };
}
