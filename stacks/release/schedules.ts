import { Aws } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { type CustomerKey, KEY_USE_ACTIONS } from '../constructs/customer-key.ts';
import { applyTags } from '../constructs/resource-tags.ts';
import type { GoldsmithApp } from '../model/goldsmith-app.ts';
import { serviceRoleGrants } from '../security/action-scopes.ts';
import { type Grant, toStatements } from '../security/grant.ts';
import { suppressWildcards } from '../security/nag-suppressions.ts';

/**
 * The model's EventBridge Scheduler schedules (cron in the pipeline's time zone), with the role Scheduler
 * invokes their functions as; undelivered invocations go to the dead-letter queue.
 */
export function schedules(scope: Construct, goldsmith: GoldsmithApp, key: CustomerKey): void {
  const { model, deploy, registry, arns } = goldsmith;
  for (const spec of model.roles.filter((r) => r.principal === 'scheduler.amazonaws.com')) {
    const groups = [...new Set(model.schedules.map((s) => s.groupName))];
    const role = new Role(scope, `Role-${spec.key}`, {
      roleName: spec.name,
      assumedBy: new ServicePrincipal(spec.principal, {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': groups.map((g) => `arn:${Aws.PARTITION}:scheduler:${model.homeRegion}:${Aws.ACCOUNT_ID}:schedule-group/${g}`) },
        },
      }),
    });
    const grants: Grant[] = serviceRoleGrants(spec, { model, deploy, arns });
    // Scheduler writes to the encrypted dead-letter queue as this role.
    if (spec.actions.includes('sqs:SendMessage')) grants.push({ actions: [...KEY_USE_ACTIONS], resources: [key.keyArn] });
    for (const statement of toStatements(grants)) role.addToPrincipalPolicy(statement);
    suppressWildcards(role, grants);
    applyTags(role, model.tags);
    registry.register('role', spec.key, { arn: role.roleArn, name: role.roleName });
  }

  for (const spec of model.schedules) {
    const schedule = new CfnSchedule(scope, `Schedule-${spec.key.replace(/[^A-Za-z0-9]/g, '-')}`, {
      name: spec.name,
      groupName: spec.groupName,
      description: spec.description,
      scheduleExpression: spec.expression,
      scheduleExpressionTimezone: spec.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: registry.resolve(spec.target.arn),
        roleArn: registry.resolve(spec.target.roleArn),
        input: spec.target.input,
        retryPolicy: {
          maximumRetryAttempts: spec.target.retryPolicy.maximumRetryAttempts,
          maximumEventAgeInSeconds: spec.target.retryPolicy.maximumEventAgeInSeconds,
        },
        deadLetterConfig: { arn: registry.resolve(spec.target.deadLetterQueueArn) },
      },
    });
    registry.register('schedule', spec.key, { arn: schedule.attrArn, name: spec.name });
  }
}
