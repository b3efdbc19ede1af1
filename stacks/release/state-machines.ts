import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { useProject } from 'sst/project.js';
import type { CustomerKey } from '../constructs/customer-key.ts';
import { applyTags } from '../constructs/resource-tags.ts';
import type { GoldsmithApp } from '../model/goldsmith-app.ts';
import { serviceRoleGrants } from '../security/action-scopes.ts';
import { toStatements } from '../security/grant.ts';
import { suppressWildcards } from '../security/nag-suppressions.ts';
import { LOG_DELIVERY_GRANT, TRACING_GRANT } from '../security/tracing-grant.ts';
import { FUNCTION_LOG_RETENTION } from './functions.ts';

/** Step Functions' recommended log group prefix: its resource policy then covers every state machine at once. */
export const STATE_MACHINE_LOG_PREFIX = '/aws/vendedlogs/states/';

/**
 * The model's workflows from statemachines/*.asl.json, their `${Key}`s filled by CloudFormation with the
 * ARNs of the functions and state machines they call: Standard, every event logged to an encrypted log
 * group, traced with X-Ray.
 */
export function stateMachines(scope: Construct, goldsmith: GoldsmithApp, key: CustomerKey): void {
  const { model, deploy, registry, arns } = goldsmith;
  const root = useProject().paths.root;
  key.allowService(
    'StateMachineLogs',
    `logs.${model.homeRegion}.amazonaws.com`,
    { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': arns.logGroup(`${STATE_MACHINE_LOG_PREFIX}${model.prefix}-*`) } },
    ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
  );

  const roles = new Map<string, Role>();
  for (const spec of model.roles.filter((r) => r.principal === 'states.amazonaws.com')) {
    const role = new Role(scope, `Role-${spec.key}`, {
      roleName: spec.name,
      assumedBy: new ServicePrincipal(spec.principal, {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': arns.stateMachine(`${model.prefix}-*`) },
        },
      }),
    });
    const grants = serviceRoleGrants(spec, { model, deploy, arns });
    for (const statement of toStatements(grants)) role.addToPrincipalPolicy(statement);
    suppressWildcards(role, [...grants, TRACING_GRANT, LOG_DELIVERY_GRANT]);
    applyTags(role, model.tags);
    registry.register('role', spec.key, { arn: role.roleArn, name: role.roleName });
    roles.set(spec.key, role);
  }

  for (const spec of model.stateMachines) {
    const role = roles.get(spec.role.name);
    if (!role) throw new Error(`State machine ${spec.key} names the role '${spec.role.name}', which is not a Step Functions role of the app model.`);
    const logGroup = new LogGroup(scope, `Logs-${spec.key}`, {
      logGroupName: `${STATE_MACHINE_LOG_PREFIX}${spec.name}`,
      encryptionKey: key.key,
      retention: FUNCTION_LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const machine = new StateMachine(scope, `StateMachine-${spec.key}`, {
      stateMachineName: spec.name,
      stateMachineType: spec.type === 'STANDARD' ? StateMachineType.STANDARD : StateMachineType.EXPRESS,
      // Inline, so the template shows the definition CloudFormation substitutes into.
      definitionBody: DefinitionBody.fromString(readFileSync(join(root, spec.definitionFile), 'utf8')),
      definitionSubstitutions: registry.resolveAllLazily({ ...spec.substitutions }),
      role,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });
    applyTags(machine, spec.tags);
    registry.register('stateMachine', spec.key, { arn: machine.stateMachineArn, name: machine.stateMachineName });
  }
}
