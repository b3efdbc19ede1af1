import { Env, type EnvKey, type FunctionSpec, functions } from '../release/catalogue.ts';
import type { FunctionResource, RoleResource, Tags } from './app-model.ts';
import { ref, type Value } from './references.ts';
import { boundedName, NAME_LIMITS } from './resource-names.ts';

export const FUNCTION_DEFAULTS = { runtime: 'nodejs24.x', architecture: 'arm64', memoryMiB: 512, timeoutSeconds: 60, handler: 'index.handler' } as const;

/** Set on every function: Powertools' service name and metrics namespace. */
export const POWERTOOLS_ENVIRONMENT = { POWERTOOLS_SERVICE_NAME: 'goldsmith', POWERTOOLS_METRICS_NAMESPACE: 'Goldsmith' } as const;

/** What fills each catalogue environment key. */
export interface EnvironmentSources {
  releaseTable: string;
  idempotencyTable: string;
  topic: string;
  /** The Slack webhook secret functions read by default (a reference, or the ARN of an existing secret); undefined when no pipeline posts to Slack. */
  slackSecret?: Value;
  eventBusName: string;
  releaseStateMachine: string;
  configFile: string;
}

function envValue(key: EnvKey, sources: EnvironmentSources): Value | undefined {
  switch (key) {
    case 'table':
      return ref('table', sources.releaseTable, 'name');
    case 'idempotencyTable':
      return ref('table', sources.idempotencyTable, 'name');
    case 'topicArn':
      return ref('topic', sources.topic);
    case 'slackSecretId':
      return sources.slackSecret;
    case 'eventBus':
      return sources.eventBusName;
    case 'releaseStateMachineArn':
      return ref('stateMachine', sources.releaseStateMachine);
    case 'configFile':
      return sources.configFile;
  }
}

/** Every function of the catalogue, with its environment filled by references, and its role. */
export function functionResources(options: { prefix: string; tags: Tags; sources: EnvironmentSources }): {
  functions: FunctionResource[];
  roles: RoleResource[];
} {
  const resources = functions.map((spec) => functionResource(spec, options));
  const roles = resources.map(
    (fn): RoleResource => ({ key: roleKeyOf(fn.key), name: fn.name, principal: 'lambda.amazonaws.com', actions: fn.actions, managedPolicyArns: [] }),
  );
  return { functions: resources, roles };
}

export const roleKeyOf = (functionKey: string) => `function-${functionKey}`;

function functionResource(spec: FunctionSpec, options: { prefix: string; tags: Tags; sources: EnvironmentSources }): FunctionResource {
  const environment: Record<string, Value> = { ...POWERTOOLS_ENVIRONMENT };
  for (const key of spec.env) {
    const value = envValue(key, options.sources);
    if (value !== undefined) environment[Env[key]] = value;
  }
  return {
    key: spec.name,
    name: boundedName(options.prefix, spec.name, NAME_LIMITS.function),
    description: spec.description,
    entry: `functions/${spec.name}.ts`,
    handler: FUNCTION_DEFAULTS.handler,
    runtime: FUNCTION_DEFAULTS.runtime,
    architecture: FUNCTION_DEFAULTS.architecture,
    memoryMiB: spec.memoryMiB ?? FUNCTION_DEFAULTS.memoryMiB,
    timeoutSeconds: spec.timeoutSeconds ?? FUNCTION_DEFAULTS.timeoutSeconds,
    environment,
    envKeys: spec.env,
    actions: spec.actions,
    role: ref('role', roleKeyOf(spec.name)),
    tags: options.tags,
  };
}
