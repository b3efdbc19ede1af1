import type {
  CommandFilter,
  GetCommandInvocationCommandInput,
  GetCommandInvocationCommandOutput,
  ListCommandInvocationsCommandInput,
  ListCommandInvocationsCommandOutput,
  ListCommandsCommandInput,
  ListCommandsCommandOutput,
} from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../service.ts';
import { isActive } from './command-lifecycle.ts';
import { toCommand, toInvocation, toInvocationResult } from './command-views.ts';
import { Constraints } from './constraints.ts';
import { invalidCommandId, invalidFilterValue, invalidPluginName, invocationDoesNotExist } from './errors.ts';
import { page } from './pagination.ts';
import type { CommandRecord, CommandStatus } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const FILTER_KEYS = ['InvokedAfter', 'InvokedBefore', 'Status', 'ExecutionStage', 'DocumentName'];
const STATUSES = ['Pending', 'InProgress', 'Success', 'Cancelled', 'Failed', 'TimedOut', 'Cancelling'];

function validateFilters(filters: CommandFilter[] | undefined): void {
  const constraints = new Constraints().length(filters, 'filters', 1, 5);
  (filters ?? []).forEach((f, i) => {
    constraints.oneOf(f.key, `filters.${i + 1}.member.key`, FILTER_KEYS).length(f.value, `filters.${i + 1}.member.value`, 1, 128);
  });
  constraints.check();
  for (const { key, value = '' } of filters ?? []) {
    if ((key === 'InvokedAfter' || key === 'InvokedBefore') && Number.isNaN(Date.parse(value)))
      throw invalidFilterValue(`${value} is not a valid value for the filter ${key}. Specify a date and time in ISO 8601 format, e.g. 2026-01-01T00:00:00Z.`);
    if (key === 'Status' && !STATUSES.includes(value)) throw invalidFilterValue(`${value} is not a valid value for the filter Status.`);
    if (key === 'ExecutionStage' && !['Executing', 'Complete'].includes(value))
      throw invalidFilterValue(`${value} is not a valid value for the filter ExecutionStage.`);
  }
}

function matchesFilters(command: CommandRecord, status: CommandStatus, filters: CommandFilter[] | undefined): boolean {
  return (filters ?? []).every(({ key, value = '' }) => {
    switch (key) {
      case 'InvokedAfter':
        return command.requestedAt >= Date.parse(value);
      case 'InvokedBefore':
        return command.requestedAt <= Date.parse(value);
      case 'Status':
        return status === value;
      case 'ExecutionStage':
        return (value === 'Executing') === isActive(status);
      case 'DocumentName':
        return command.documentName === value;
      default:
        return true;
    }
  });
}

function commandsOf(ctx: RequestContext, commandId: string | undefined): CommandRecord[] {
  const commands = ctx.cloud.services.ssm.store.get(ctx.accountId, ctx.region).commands;
  if (commandId === undefined) return [...commands].reverse();
  const command = commands.find((c) => c.commandId === commandId);
  if (!command) throw invalidCommandId();
  return [command];
}

export function listCommands(input: ListCommandsCommandInput, ctx: RequestContext): Output<ListCommandsCommandOutput> {
  new Constraints().length(input.CommandId, 'commandId', 36, 36).range(input.MaxResults, 'maxResults', 1, 50).check();
  validateFilters(input.Filters);
  const commands = commandsOf(ctx, input.CommandId).filter(
    (c) => (input.InstanceId === undefined || c.invocations.some((i) => i.instanceId === input.InstanceId)) && matchesFilters(c, c.status, input.Filters),
  );
  const { items, nextToken } = page(commands, input.MaxResults ?? 50, input.NextToken);
  return { Commands: items.map((c) => toCommand(c)), NextToken: nextToken };
}

export function listCommandInvocations(input: ListCommandInvocationsCommandInput, ctx: RequestContext): Output<ListCommandInvocationsCommandOutput> {
  new Constraints().length(input.CommandId, 'commandId', 36, 36).range(input.MaxResults, 'maxResults', 1, 50).check();
  validateFilters(input.Filters);
  const invocations = commandsOf(ctx, input.CommandId).flatMap((command) =>
    command.invocations
      .filter((i) => (input.InstanceId === undefined || i.instanceId === input.InstanceId) && matchesFilters(command, i.status, input.Filters))
      .map((i) => toInvocation(command, i, input.Details === true)),
  );
  const { items, nextToken } = page(invocations, input.MaxResults ?? 50, input.NextToken);
  return { CommandInvocations: items, NextToken: nextToken };
}

export function getCommandInvocation(input: GetCommandInvocationCommandInput, ctx: RequestContext): Output<GetCommandInvocationCommandOutput> {
  new Constraints()
    .required(input.CommandId, 'commandId')
    .length(input.CommandId, 'commandId', 36, 36)
    .required(input.InstanceId, 'instanceId')
    .length(input.PluginName, 'pluginName', 4, Number.MAX_SAFE_INTEGER)
    .check();
  const command = ctx.cloud.services.ssm.store.get(ctx.accountId, ctx.region).commands.find((c) => c.commandId === input.CommandId);
  const invocation = command?.invocations.find((i) => i.instanceId === input.InstanceId);
  if (!command || !invocation) throw invocationDoesNotExist();
  if (input.PluginName !== undefined && input.PluginName !== command.pluginName) throw invalidPluginName();
  return toInvocationResult(command, invocation);
}
