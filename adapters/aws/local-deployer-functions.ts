import { createHash } from 'node:crypto';
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  type FunctionConfiguration,
  GetFunctionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import type { FunctionResource, Resolved } from '../../core/app-model/index.ts';
import { type ChangeLog, sameJson } from './local-deployer-changes.ts';
import type { DeployClients } from './local-deployer-clients.ts';
import { isAwsError } from './regional-clients.ts';

const WAIT = { maxWaitTime: 120, minDelay: 1, maxDelay: 2 };

/** The settings UpdateFunctionConfiguration takes, as the model gives them. */
function configurationOf(fn: Resolved<FunctionResource>, roleArn: string, environment: Record<string, string>) {
  return {
    Description: fn.description,
    Role: roleArn,
    Handler: fn.handler,
    Runtime: fn.runtime,
    MemorySize: fn.memoryMiB,
    Timeout: fn.timeoutSeconds,
    Environment: { Variables: environment },
  } as const;
}

function currentConfiguration(configuration: FunctionConfiguration) {
  return {
    Description: configuration.Description ?? '',
    Role: configuration.Role,
    Handler: configuration.Handler,
    Runtime: configuration.Runtime,
    MemorySize: configuration.MemorySize,
    Timeout: configuration.Timeout,
    Environment: { Variables: configuration.Environment?.Variables ?? {} },
  };
}

/** A function from its zip: created, or its code and configuration updated when they changed. */
export async function deployFunction(
  clients: DeployClients,
  fn: Resolved<FunctionResource>,
  deployment: { zip: Uint8Array; roleArn: string; environment: Record<string, string> },
  changes: ChangeLog,
): Promise<void> {
  const settings = configurationOf(fn, deployment.roleArn, deployment.environment);
  let configuration: FunctionConfiguration | undefined;
  try {
    configuration = (await clients.lambda.send(new GetFunctionCommand({ FunctionName: fn.name }))).Configuration;
  } catch (error) {
    if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
  }
  if (!configuration) {
    await clients.lambda.send(
      new CreateFunctionCommand({
        FunctionName: fn.name,
        ...settings,
        Code: { ZipFile: deployment.zip },
        Architectures: [fn.architecture],
        PackageType: 'Zip',
        Tags: { ...fn.tags },
      }),
    );
    await waitUntilFunctionActiveV2({ client: clients.lambda, ...WAIT }, { FunctionName: fn.name });
    return changes.add('function', fn.name, 'created');
  }
  const codeChanged = configuration.CodeSha256 !== createHash('sha256').update(deployment.zip).digest('base64');
  const configurationChanged = !sameJson(currentConfiguration(configuration), settings);
  if (codeChanged) {
    await clients.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: fn.name, ZipFile: deployment.zip, Architectures: [fn.architecture] }));
    await waitUntilFunctionUpdatedV2({ client: clients.lambda, ...WAIT }, { FunctionName: fn.name });
  }
  if (configurationChanged) {
    await clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: fn.name, ...settings }));
    await waitUntilFunctionUpdatedV2({ client: clients.lambda, ...WAIT }, { FunctionName: fn.name });
  }
  changes.add('function', fn.name, codeChanged || configurationChanged ? 'updated' : 'unchanged');
}

/** Lets EventBridge invoke a rule's target function, for that rule only. */
export async function allowRuleToInvoke(clients: DeployClients, functionName: string, ruleName: string, ruleArn: string): Promise<void> {
  try {
    await clients.lambda.send(
      new AddPermissionCommand({
        FunctionName: functionName,
        StatementId: `goldsmith-rule-${ruleName}`.slice(0, 100),
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        SourceArn: ruleArn,
      }),
    );
  } catch (error) {
    // The statement is there from an earlier deploy.
    if (!isAwsError(error, 'ResourceConflictException')) throw error;
  }
}
