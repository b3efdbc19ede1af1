import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  type GetScheduleCommandOutput,
  ListSchedulesCommand,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { CreateStateMachineCommand, DescribeStateMachineCommand, UpdateStateMachineCommand } from '@aws-sdk/client-sfn';
import type { Resolved, RuleResource, ScheduleResource, StateMachineResource } from '../../core/app-model/index.ts';
import { type ChangeLog, sameJson } from './local-deployer-changes.ts';
import type { DeployClients } from './local-deployer-clients.ts';
import { isAwsError } from './regional-clients.ts';

/** A state machine with its substituted definition. */
export async function deployStateMachine(
  clients: DeployClients,
  machine: StateMachineResource,
  deployment: { arn: string; definition: string; roleArn: string },
  changes: ChangeLog,
): Promise<void> {
  let current: { definition?: string; roleArn?: string } | undefined;
  try {
    current = await clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: deployment.arn }));
  } catch (error) {
    if (!isAwsError(error, 'StateMachineDoesNotExist')) throw error;
  }
  if (!current) {
    await clients.sfn.send(
      new CreateStateMachineCommand({
        name: machine.name,
        definition: deployment.definition,
        roleArn: deployment.roleArn,
        type: machine.type,
        tags: Object.entries(machine.tags).map(([key, value]) => ({ key, value })),
      }),
    );
    return changes.add('state machine', machine.name, 'created');
  }
  if (current.definition === deployment.definition && current.roleArn === deployment.roleArn) return changes.add('state machine', machine.name, 'unchanged');
  await clients.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: deployment.arn, definition: deployment.definition, roleArn: deployment.roleArn }));
  changes.add('state machine', machine.name, 'updated');
}

/** A rule and exactly its model's targets, with their retry policy and dead-letter queue. */
export async function deployRule(clients: DeployClients, rule: Resolved<RuleResource>, changes: ChangeLog): Promise<void> {
  const pattern = JSON.stringify(rule.eventPattern);
  let current: { EventPattern?: string; State?: string; Description?: string } | undefined;
  try {
    current = await clients.events.send(new DescribeRuleCommand({ Name: rule.name, EventBusName: rule.eventBusName }));
  } catch (error) {
    if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
  }
  const ruleChanged =
    current?.State !== 'ENABLED' || current.Description !== rule.description || !sameJson(JSON.parse(current.EventPattern ?? 'null'), rule.eventPattern);
  if (ruleChanged) {
    await clients.events.send(
      new PutRuleCommand({
        Name: rule.name,
        EventBusName: rule.eventBusName,
        EventPattern: pattern,
        State: 'ENABLED',
        Description: rule.description,
        Tags: current ? undefined : Object.entries(rule.tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
  }
  const targets = rule.targets.map((target) => ({
    Id: target.id,
    Arn: target.arn,
    RetryPolicy: { MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts, MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds },
    DeadLetterConfig: { Arn: target.deadLetterQueueArn },
  }));
  const existing = current
    ? ((await clients.events.send(new ListTargetsByRuleCommand({ Rule: rule.name, EventBusName: rule.eventBusName }))).Targets ?? [])
    : [];
  const comparable = (list: readonly { Id?: string; Arn?: string; RetryPolicy?: unknown; DeadLetterConfig?: unknown }[]) =>
    [...list]
      .map((t) => ({ Id: t.Id, Arn: t.Arn, RetryPolicy: t.RetryPolicy, DeadLetterConfig: t.DeadLetterConfig }))
      .sort((a, b) => String(a.Id).localeCompare(String(b.Id)));
  const targetsChanged = !sameJson(comparable(existing), comparable(targets));
  if (targetsChanged) {
    const stale = existing.filter((t) => !targets.some((wanted) => wanted.Id === t.Id)).map((t) => t.Id as string);
    if (stale.length) await clients.events.send(new RemoveTargetsCommand({ Rule: rule.name, EventBusName: rule.eventBusName, Ids: stale }));
    const put = await clients.events.send(new PutTargetsCommand({ Rule: rule.name, EventBusName: rule.eventBusName, Targets: targets }));
    if (put.FailedEntryCount) throw new Error(`EventBridge refused targets of ${rule.name}: ${JSON.stringify(put.FailedEntries)}`);
  }
  changes.add('rule', rule.name, !current ? 'created' : ruleChanged || targetsChanged ? 'updated' : 'unchanged');
}

/** Removes Goldsmith's rules of this stage that the model no longer has (e.g. a chain that was removed). */
export async function pruneRules(
  clients: DeployClients,
  options: { prefix: string; eventBusName: string; keep: readonly string[] },
  changes: ChangeLog,
): Promise<void> {
  const listed = await clients.events.send(new ListRulesCommand({ NamePrefix: `${options.prefix}-`, EventBusName: options.eventBusName }));
  for (const rule of listed.Rules ?? []) {
    if (!rule.Name || options.keep.includes(rule.Name)) continue;
    const targets = (await clients.events.send(new ListTargetsByRuleCommand({ Rule: rule.Name, EventBusName: options.eventBusName }))).Targets ?? [];
    if (targets.length)
      await clients.events.send(new RemoveTargetsCommand({ Rule: rule.Name, EventBusName: options.eventBusName, Ids: targets.map((t) => t.Id as string) }));
    await clients.events.send(new DeleteRuleCommand({ Name: rule.Name, EventBusName: options.eventBusName }));
    changes.add('rule', rule.Name, 'deleted');
  }
}

/** A schedule: cron (or rate) in its time zone, invoking its function with a retry policy and dead-letter queue. */
export async function deploySchedule(clients: DeployClients, schedule: Resolved<ScheduleResource>, changes: ChangeLog): Promise<void> {
  const settings = {
    Name: schedule.name,
    GroupName: schedule.groupName,
    Description: schedule.description,
    ScheduleExpression: schedule.expression,
    ScheduleExpressionTimezone: schedule.timezone,
    FlexibleTimeWindow: { Mode: 'OFF' as const },
    State: 'ENABLED' as const,
    Target: {
      Arn: schedule.target.arn,
      RoleArn: schedule.target.roleArn,
      Input: schedule.target.input,
      RetryPolicy: {
        MaximumRetryAttempts: schedule.target.retryPolicy.maximumRetryAttempts,
        MaximumEventAgeInSeconds: schedule.target.retryPolicy.maximumEventAgeInSeconds,
      },
      DeadLetterConfig: { Arn: schedule.target.deadLetterQueueArn },
    },
  };
  let current: GetScheduleCommandOutput | undefined;
  try {
    current = await clients.scheduler.send(new GetScheduleCommand({ Name: schedule.name, GroupName: schedule.groupName }));
  } catch (error) {
    if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
  }
  if (!current) {
    await clients.scheduler.send(new CreateScheduleCommand(settings));
    return changes.add('schedule', schedule.name, 'created');
  }
  const existing = {
    Name: current.Name,
    GroupName: current.GroupName,
    Description: current.Description,
    ScheduleExpression: current.ScheduleExpression,
    ScheduleExpressionTimezone: current.ScheduleExpressionTimezone,
    FlexibleTimeWindow: { Mode: current.FlexibleTimeWindow?.Mode },
    State: current.State,
    Target: {
      Arn: current.Target?.Arn,
      RoleArn: current.Target?.RoleArn,
      Input: current.Target?.Input,
      RetryPolicy: current.Target?.RetryPolicy,
      DeadLetterConfig: current.Target?.DeadLetterConfig,
    },
  };
  if (sameJson(existing, settings)) return changes.add('schedule', schedule.name, 'unchanged');
  await clients.scheduler.send(new UpdateScheduleCommand(settings));
  changes.add('schedule', schedule.name, 'updated');
}

/** Removes Goldsmith's schedules of this stage that the model no longer has (a pipeline or its schedule was removed). */
export async function pruneSchedules(
  clients: DeployClients,
  options: { prefix: string; groupName: string; keep: readonly string[] },
  changes: ChangeLog,
): Promise<void> {
  const listed = await clients.scheduler.send(new ListSchedulesCommand({ NamePrefix: `${options.prefix}-`, GroupName: options.groupName }));
  for (const schedule of listed.Schedules ?? []) {
    if (!schedule.Name || options.keep.includes(schedule.Name)) continue;
    await clients.scheduler.send(new DeleteScheduleCommand({ Name: schedule.Name, GroupName: options.groupName }));
    changes.add('schedule', schedule.Name, 'deleted');
  }
}
