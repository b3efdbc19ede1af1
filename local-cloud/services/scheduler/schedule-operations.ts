import type {
  CreateScheduleCommandInput,
  CreateScheduleCommandOutput,
  DeleteScheduleCommandInput,
  FlexibleTimeWindow,
  GetScheduleCommandInput,
  GetScheduleCommandOutput,
  ListSchedulesCommandInput,
  ListSchedulesCommandOutput,
  Target,
  UpdateScheduleCommandInput,
  UpdateScheduleCommandOutput,
} from '@aws-sdk/client-scheduler';
import type { RequestContext } from '../../service.ts';
import { Constraints } from '../events/constraints.ts';
import { paginate } from '../events/pagination.ts';
import { parseArn } from '../events/target-invocation.ts';
import { invalidExpression, invalidTimeZone, scheduleExists, startAfterEnd, startDateInPast, validation } from './errors.ts';
import { parseScheduleExpression } from './schedule-expression.ts';
import { findGroup, findSchedule, type ScheduleRecord, scheduleArn, scheduleKey, schedulerState } from './store.ts';
import { isUniversalTarget, requiresJsonInput } from './targets.ts';
import { isTimeZone } from './time-zone.ts';

type Output<T> = Omit<T, '$metadata'>;

export const NAME = '^[0-9a-zA-Z-_.]+$';
const ROLE_ARN = '^arn:aws(-[a-z]+)?:iam::\\d{12}:role\\/[\\w+=,.@\\/-]+$';
const SQS_ARN = '^arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:[a-zA-Z0-9\\-_]+$';
/** A StartDate may lie this far in the past. */
const START_DATE_GRACE_MS = 5 * 60_000;

type ScheduleInput = CreateScheduleCommandInput | UpdateScheduleCommandInput;

function checkInput(input: ScheduleInput): void {
  const target = input.Target;
  const window = input.FlexibleTimeWindow;
  new Constraints()
    .required(input.Name, 'name')
    .length(input.Name, 'name', 1, 64)
    .pattern(input.Name, 'name', NAME)
    .length(input.GroupName, 'groupName', 1, 64)
    .pattern(input.GroupName, 'groupName', NAME)
    .required(input.ScheduleExpression, 'scheduleExpression')
    .length(input.ScheduleExpression, 'scheduleExpression', 1, 256)
    .length(input.ScheduleExpressionTimezone, 'scheduleExpressionTimezone', 1, 50)
    .length(input.Description, 'description', 0, 512)
    .oneOf(input.State, 'state', ['ENABLED', 'DISABLED'])
    .oneOf(input.ActionAfterCompletion, 'actionAfterCompletion', ['NONE', 'DELETE'])
    .length(input.KmsKeyArn, 'kmsKeyArn', 1, 2048)
    .required(window, 'flexibleTimeWindow')
    .required(window?.Mode, 'flexibleTimeWindow.mode')
    .oneOf(window?.Mode, 'flexibleTimeWindow.mode', ['OFF', 'FLEXIBLE'])
    .range(window?.MaximumWindowInMinutes, 'flexibleTimeWindow.maximumWindowInMinutes', 1, 1440)
    .required(target, 'target')
    .required(target?.Arn, 'target.arn')
    .length(target?.Arn, 'target.arn', 1, 1600)
    .required(target?.RoleArn, 'target.roleArn')
    .length(target?.RoleArn, 'target.roleArn', 1, 1600)
    .pattern(target?.RoleArn, 'target.roleArn', ROLE_ARN)
    .length(target?.Input, 'target.input', 1, 8192)
    .range(target?.RetryPolicy?.MaximumEventAgeInSeconds, 'target.retryPolicy.maximumEventAgeInSeconds', 60, 86400)
    .range(target?.RetryPolicy?.MaximumRetryAttempts, 'target.retryPolicy.maximumRetryAttempts', 0, 185)
    .pattern(target?.DeadLetterConfig?.Arn, 'target.deadLetterConfig.arn', SQS_ARN)
    .check();
}

/** The checks AWS makes beyond the model: expression, time zone, dates, window and target. */
function checkMeaning(input: ScheduleInput, now: number): void {
  const expression = input.ScheduleExpression as string;
  let kind: string;
  try {
    kind = parseScheduleExpression(expression, { allowAt: true }).kind;
  } catch {
    throw invalidExpression(expression);
  }
  if (input.ScheduleExpressionTimezone && !isTimeZone(input.ScheduleExpressionTimezone)) throw invalidTimeZone(input.ScheduleExpressionTimezone);
  if (kind !== 'at' && input.StartDate && input.StartDate.getTime() < now - START_DATE_GRACE_MS) throw startDateInPast();
  if (input.StartDate && input.EndDate && input.StartDate.getTime() >= input.EndDate.getTime()) throw startAfterEnd();
  const window = input.FlexibleTimeWindow;
  if (window?.Mode === 'FLEXIBLE' && window.MaximumWindowInMinutes === undefined)
    throw validation('MaximumWindowInMinutes must be specified when FlexibleTimeWindow Mode is FLEXIBLE.');
  if (window?.Mode === 'OFF' && window.MaximumWindowInMinutes !== undefined)
    throw validation('MaximumWindowInMinutes must not be specified when FlexibleTimeWindow Mode is OFF.');
  const target: Target = input.Target ?? { Arn: undefined, RoleArn: undefined };
  const arn = target.Arn as string;
  if (!isUniversalTarget(arn) && !parseArn(arn)) throw validation(`Invalid target ARN ${arn}.`);
  if (target.Input !== undefined && (isUniversalTarget(arn) || requiresJsonInput(arn))) {
    try {
      JSON.parse(target.Input.replace(/<aws\.scheduler\.[a-z-]+>/g, '0'));
    } catch {
      throw validation(`Input for target ${arn} must be well-formed JSON.`);
    }
  }
  if (parseArn(arn)?.service === 'events' && !target.EventBridgeParameters)
    throw validation('EventBridgeParameters must be specified for an EventBridge event bus target.');
  if (target.EventBridgeParameters?.Source?.startsWith('aws.')) throw validation('EventBridgeParameters Source cannot start with "aws.".');
}

function record(input: ScheduleInput, ctx: RequestContext, groupName: string, existing?: ScheduleRecord): ScheduleRecord {
  const now = ctx.cloud.clock.now();
  return {
    name: input.Name as string,
    groupName,
    arn: scheduleArn(ctx.accountId, ctx.region, groupName, input.Name as string),
    description: input.Description,
    scheduleExpression: input.ScheduleExpression as string,
    scheduleExpressionTimezone: input.ScheduleExpressionTimezone,
    startDate: input.StartDate?.getTime(),
    endDate: input.EndDate?.getTime(),
    state: input.State ?? 'ENABLED',
    flexibleTimeWindow: { ...(input.FlexibleTimeWindow as FlexibleTimeWindow) },
    target: JSON.parse(JSON.stringify(input.Target)),
    kmsKeyArn: input.KmsKeyArn,
    actionAfterCompletion: input.ActionAfterCompletion,
    createdAt: existing?.createdAt ?? now,
    lastModifiedAt: Math.max(now, (existing?.lastModifiedAt ?? 0) + 1),
    anchor: input.StartDate?.getTime() ?? now,
  };
}

export function createSchedule(input: CreateScheduleCommandInput, ctx: RequestContext): Output<CreateScheduleCommandOutput> {
  checkInput(input);
  const state = schedulerState(ctx);
  const group = findGroup(state, input.GroupName);
  const key = scheduleKey(group.name, input.Name as string);
  const existing = state.schedules[key];
  // The SDK fills in ClientToken and sends it again when it retries: the retry gets the same answer.
  if (existing && input.ClientToken && existing.clientToken === input.ClientToken) return { ScheduleArn: existing.arn };
  if (existing) throw scheduleExists(input.Name as string);
  checkMeaning(input, ctx.cloud.clock.now());
  const schedule = { ...record(input, ctx, group.name), clientToken: input.ClientToken };
  state.schedules[key] = schedule;
  ctx.cloud.services.scheduler.runner.arm(ctx.accountId, ctx.region, schedule);
  return { ScheduleArn: schedule.arn };
}

/** UpdateSchedule replaces the whole schedule: what it leaves out goes back to the defaults. */
export function updateSchedule(input: UpdateScheduleCommandInput, ctx: RequestContext): Output<UpdateScheduleCommandOutput> {
  checkInput(input);
  const state = schedulerState(ctx);
  const group = findGroup(state, input.GroupName);
  const existing = findSchedule(state, group.name, input.Name as string);
  checkMeaning(input, ctx.cloud.clock.now());
  const schedule = record(input, ctx, group.name, existing);
  state.schedules[scheduleKey(group.name, schedule.name)] = schedule;
  ctx.cloud.services.scheduler.runner.arm(ctx.accountId, ctx.region, schedule);
  return { ScheduleArn: schedule.arn };
}

export function getSchedule(input: GetScheduleCommandInput, ctx: RequestContext): Output<GetScheduleCommandOutput> {
  new Constraints().required(input.Name, 'name').length(input.Name, 'name', 1, 64).length(input.GroupName, 'groupName', 1, 64).check();
  const state = schedulerState(ctx);
  const schedule = findSchedule(state, findGroup(state, input.GroupName).name, input.Name as string);
  return {
    Arn: schedule.arn,
    Name: schedule.name,
    GroupName: schedule.groupName,
    Description: schedule.description,
    ScheduleExpression: schedule.scheduleExpression,
    ScheduleExpressionTimezone: schedule.scheduleExpressionTimezone,
    StartDate: schedule.startDate === undefined ? undefined : new Date(schedule.startDate),
    EndDate: schedule.endDate === undefined ? undefined : new Date(schedule.endDate),
    State: schedule.state as GetScheduleCommandOutput['State'],
    FlexibleTimeWindow: schedule.flexibleTimeWindow,
    Target: schedule.target,
    KmsKeyArn: schedule.kmsKeyArn,
    ActionAfterCompletion: schedule.actionAfterCompletion as GetScheduleCommandOutput['ActionAfterCompletion'],
    CreationDate: new Date(schedule.createdAt),
    LastModificationDate: new Date(schedule.lastModifiedAt),
  };
}

export function deleteSchedule(input: DeleteScheduleCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  new Constraints().required(input.Name, 'name').length(input.Name, 'name', 1, 64).length(input.GroupName, 'groupName', 1, 64).check();
  const state = schedulerState(ctx);
  const schedule = findSchedule(state, findGroup(state, input.GroupName).name, input.Name as string);
  ctx.cloud.services.scheduler.runner.disarm(ctx.accountId, ctx.region, schedule);
  delete state.schedules[scheduleKey(schedule.groupName, schedule.name)];
  return {};
}

export function listSchedules(input: ListSchedulesCommandInput, ctx: RequestContext): Output<ListSchedulesCommandOutput> {
  new Constraints()
    .length(input.NamePrefix, 'namePrefix', 1, 64)
    .pattern(input.NamePrefix, 'namePrefix', NAME)
    .length(input.GroupName, 'groupName', 1, 64)
    .oneOf(input.State, 'state', ['ENABLED', 'DISABLED'])
    .range(input.MaxResults, 'maxResults', 1, 100)
    .check();
  const state = schedulerState(ctx);
  const schedules = Object.values(state.schedules)
    .filter(
      (s) => (!input.GroupName || s.groupName === input.GroupName) && (!input.State || s.state === input.State) && s.name.startsWith(input.NamePrefix ?? ''),
    )
    .sort((a, b) => a.groupName.localeCompare(b.groupName) || a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(schedules, input.NextToken, input.MaxResults, () => validation('The NextToken provided is invalid.'));
  return {
    Schedules: page.map((s) => ({
      Arn: s.arn,
      Name: s.name,
      GroupName: s.groupName,
      State: s.state as 'ENABLED' | 'DISABLED',
      Target: { Arn: s.target.Arn },
      CreationDate: new Date(s.createdAt),
      LastModificationDate: new Date(s.lastModifiedAt),
    })),
    NextToken: nextToken,
  };
}
