import { RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { Function as SstFunction } from 'sst/constructs';
import { runtimeProvidedSdk } from '../../adapters/aws/runtime-provided-sdk.ts';
import type { FunctionResource } from '../../core/app-model/index.ts';
import { KEY_USE_ACTIONS } from '../constructs/customer-key.ts';
import { applyTags } from '../constructs/resource-tags.ts';
import { type GoldsmithApp, useKey } from '../model/goldsmith-app.ts';
import { functionGrants, logGrants } from '../security/action-scopes.ts';
import { type Grant, toStatements } from '../security/grant.ts';
import { suppressWildcards } from '../security/nag-suppressions.ts';
import { TRACING_GRANT } from '../security/tracing-grant.ts';

/** How long function logs are kept. */
export const FUNCTION_LOG_RETENTION = RetentionDays.THREE_MONTHS;

/** Functions that EventBridge or Scheduler invoke asynchronously: the model's rule and schedule targets. */
export function asyncInvoked(goldsmith: GoldsmithApp): Set<string> {
  const { model } = goldsmith;
  const targets = [...model.rules.flatMap((r) => r.targets.map((t) => t.arn)), ...model.schedules.map((s) => s.target.arn)];
  return new Set(targets.filter((ref) => ref.ref === 'function').map((ref) => ref.name));
}

/**
 * Each function of the model: its own role with exactly its catalogue actions (scoped), its own log
 * group, the resolved config in its bundle, and for asynchronous invocations the dead-letter queue.
 */
export function functions(scope: Construct, goldsmith: GoldsmithApp, deadLetters: Queue): void {
  const async = asyncInvoked(goldsmith);
  for (const fn of goldsmith.model.functions) createFunction(scope, goldsmith, fn, async.has(fn.key) ? deadLetters : undefined);
}

function createFunction(scope: Construct, goldsmith: GoldsmithApp, fn: FunctionResource, deadLetters: Queue | undefined): void {
  const { model, registry, arns, deploy } = goldsmith;
  const id = fn.key.replace(/[^A-Za-z0-9]/g, '-');
  const roleSpec = model.roles.find((r) => r.key === fn.role.name);
  if (!roleSpec) throw new Error(`Function ${fn.key} names the role '${fn.role.name}', which the app model does not have.`);
  const role = new Role(scope, `Role-${id}`, {
    roleName: roleSpec.name,
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: fn.description.slice(0, 1000),
  });

  const logGroupName = `/aws/lambda/${fn.name}`;
  const logGroup = new LogGroup(scope, `Logs-${id}`, {
    logGroupName,
    retention: FUNCTION_LOG_RETENTION,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const ctx = { model, deploy, arns };
  const grants: Grant[] = [...functionGrants(fn, ctx), ...logGrants(logGroupName, ctx)];
  // Publishing to a topic encrypted with the notifications key needs the key too.
  if (fn.actions.includes('sns:Publish')) grants.push({ actions: [...KEY_USE_ACTIONS], resources: [useKey(goldsmith, deploy.keyOf.topics).keyArn] });
  if (deadLetters) {
    grants.push({ actions: ['sqs:SendMessage'], resources: [deadLetters.queueArn] });
    grants.push({ actions: [...KEY_USE_ACTIONS], resources: [useKey(goldsmith, deploy.keyOf.queues).keyArn] });
  }
  for (const statement of toStatements(grants)) role.addToPrincipalPolicy(statement);
  suppressWildcards(role, [...grants, TRACING_GRANT]);

  const entry = fn.entry.replace(/\.[cm]?[jt]s$/, '');
  const exported = fn.handler.slice(fn.handler.lastIndexOf('.') + 1);
  const lambda = new SstFunction(scope, `Function-${id}`, {
    functionName: fn.name,
    description: fn.description.slice(0, 256),
    handler: `${entry}.${exported}`,
    runtime: fn.runtime,
    architecture: fn.architecture === 'arm64' ? 'arm_64' : 'x86_64',
    memorySize: fn.memoryMiB,
    timeout: fn.timeoutSeconds,
    tracing: 'active',
    role,
    logGroup,
    environment: registry.resolveAllLazily({ ...fn.environment }),
    copyFiles: [{ from: goldsmith.configFile, to: model.configFile }],
    // The same bundle as the local deployer's (adapters/aws/bundle.ts): the runtime provides the AWS SDK.
    nodejs: { format: 'esm', minify: true, sourcemap: false, esbuild: { plugins: [runtimeProvidedSdk] } },
    // Goldsmith runs functions locally in its own cloud, never through `sst dev`'s live Lambda stubs.
    enableLiveDev: false,
    // Nothing binds to Goldsmith's functions: no SST binding parameters in SSM.
    _doNotAllowOthersToBind: true,
  });
  if (deadLetters) (lambda.node.defaultChild as CfnFunction).deadLetterConfig = { targetArn: deadLetters.queueArn };
  applyTags(lambda, fn.tags);
  applyTags(role, fn.tags);
  registry.register('role', roleSpec.key, { arn: role.roleArn, name: role.roleName });
  registry.register('function', fn.key, { arn: lambda.functionArn, name: lambda.functionName });
}
