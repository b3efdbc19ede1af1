import type {
  DescribeStacksCommandInput,
  DescribeStacksCommandOutput,
  GetTemplateCommandInput,
  GetTemplateCommandOutput,
  ListStacksCommandInput,
  ListStacksCommandOutput,
  Stack,
  StackStatus,
} from '@aws-sdk/client-cloudformation';
import type { RequestContext } from '../../service.ts';
import { changeSetNotFound, enumViolation, listEnumViolation, stackNotFound } from './errors.ts';
import { isStackStatus, STACK_STATUSES } from './stack-status.ts';
import type { CloudFormationState, StackRecord } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const TEMPLATE_STAGES = ['Original', 'Processed'] as const;

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

function stateOf(ctx: RequestContext): CloudFormationState {
  return ctx.cloud.services.cloudformation.store.get(ctx.accountId, ctx.region);
}

/**
 * Finds a stack as CloudFormation does: a name finds only the live stack of that name,
 * while a stack id also finds a deleted stack.
 */
export function findStack(state: CloudFormationState, nameOrId: string): StackRecord | undefined {
  if (nameOrId.startsWith('arn:')) return state.stacks[nameOrId];
  return Object.values(state.stacks).find((stack) => stack.stackName === nameOrId && stack.status !== 'DELETE_COMPLETE');
}

function toStack(record: StackRecord): Stack {
  return {
    StackId: record.stackId,
    StackName: record.stackName,
    Description: record.description,
    Parameters: record.parameters.length ? record.parameters : undefined,
    CreationTime: new Date(record.createdAt),
    LastUpdatedTime: date(record.updatedAt),
    DeletionTime: date(record.deletedAt),
    StackStatus: record.status as StackStatus,
    StackStatusReason: record.statusReason,
    DisableRollback: false,
    NotificationARNs: [],
    Capabilities: record.capabilities.length ? record.capabilities : undefined,
    Outputs: record.outputs.length ? record.outputs : undefined,
    Tags: record.tags,
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  } as Stack;
}

/** Every live stack, or one stack by name or id. Differs from AWS: every stack comes in one page. */
export function describeStacks(input: DescribeStacksCommandInput, ctx: RequestContext): Output<DescribeStacksCommandOutput> {
  const state = stateOf(ctx);
  if (input.StackName) {
    const stack = findStack(state, input.StackName);
    if (!stack) throw stackNotFound(input.StackName);
    return { Stacks: [toStack(stack)] };
  }
  const live = Object.values(state.stacks).filter((stack) => stack.status !== 'DELETE_COMPLETE');
  return { Stacks: live.sort((a, b) => b.createdAt - a.createdAt).map(toStack) };
}

/** The template a stack was created or last updated with. Change sets are not emulated, so a change set name never matches. */
export function getTemplate(input: GetTemplateCommandInput, ctx: RequestContext): Output<GetTemplateCommandOutput> {
  if (input.TemplateStage !== undefined && !(TEMPLATE_STAGES as readonly string[]).includes(input.TemplateStage)) {
    throw enumViolation(input.TemplateStage, 'templateStage', TEMPLATE_STAGES);
  }
  if (input.ChangeSetName) throw changeSetNotFound(input.ChangeSetName);
  const name = input.StackName ?? '';
  const stack = findStack(stateOf(ctx), name);
  if (!stack) throw stackNotFound(name);
  // Without transforms the processed template is the original one.
  return { TemplateBody: stack.templateBody, StagesAvailable: [...TEMPLATE_STAGES] };
}

/** Summaries of every stack, deleted ones included, optionally filtered by status. Differs from AWS: one page. */
export function listStacks(input: ListStacksCommandInput, ctx: RequestContext): Output<ListStacksCommandOutput> {
  const filter = input.StackStatusFilter ?? [];
  const unknown = filter.filter((status) => !isStackStatus(status));
  if (unknown.length) throw listEnumViolation(filter, 'stackStatusFilter', STACK_STATUSES);
  const stacks = Object.values(stateOf(ctx).stacks)
    .filter((stack) => filter.length === 0 || (filter as string[]).includes(stack.status))
    .sort((a, b) => b.createdAt - a.createdAt);
  return {
    StackSummaries: stacks.map((stack) => ({
      StackId: stack.stackId,
      StackName: stack.stackName,
      TemplateDescription: stack.description,
      CreationTime: new Date(stack.createdAt),
      LastUpdatedTime: date(stack.updatedAt),
      DeletionTime: date(stack.deletedAt),
      StackStatus: stack.status as StackStatus,
      StackStatusReason: stack.statusReason,
      DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
    })),
  };
}
