import type {
  CreateScheduleGroupCommandInput,
  CreateScheduleGroupCommandOutput,
  DeleteScheduleGroupCommandInput,
  GetScheduleGroupCommandInput,
  GetScheduleGroupCommandOutput,
  ListScheduleGroupsCommandInput,
  ListScheduleGroupsCommandOutput,
  ListTagsForResourceCommandInput,
  ListTagsForResourceCommandOutput,
  ScheduleGroupSummary,
  TagResourceCommandInput,
  UntagResourceCommandInput,
} from '@aws-sdk/client-scheduler';
import type { RequestContext } from '../../service.ts';
import { Constraints } from '../events/constraints.ts';
import { paginate } from '../events/pagination.ts';
import { groupExists, resourceNotFound, validation } from './errors.ts';
import { NAME } from './schedule-operations.ts';
import { findGroup, groupArn, type ScheduleGroupRecord, type SchedulerState, schedulerState } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

function summary(group: ScheduleGroupRecord): ScheduleGroupSummary {
  return { Arn: group.arn, Name: group.name, State: 'ACTIVE', CreationDate: new Date(group.createdAt), LastModificationDate: new Date(group.lastModifiedAt) };
}

export function createScheduleGroup(input: CreateScheduleGroupCommandInput, ctx: RequestContext): Output<CreateScheduleGroupCommandOutput> {
  new Constraints().required(input.Name, 'name').length(input.Name, 'name', 1, 64).pattern(input.Name, 'name', NAME).length(input.Tags, 'tags', 0, 200).check();
  const state = schedulerState(ctx);
  const name = input.Name as string;
  const existing = state.groups[name];
  // A retried request (same ClientToken, which the SDK fills in) gets the same answer.
  if (existing && input.ClientToken && existing.clientToken === input.ClientToken) return { ScheduleGroupArn: existing.arn };
  if (existing) throw groupExists(name);
  const now = ctx.cloud.clock.now();
  const group: ScheduleGroupRecord = {
    name,
    arn: groupArn(ctx.accountId, ctx.region, name),
    createdAt: now,
    lastModifiedAt: now,
    clientToken: input.ClientToken,
  };
  state.groups[name] = group;
  if (input.Tags?.length) state.tags[group.arn] = Object.fromEntries(input.Tags.map((t) => [t.Key ?? '', t.Value ?? '']));
  return { ScheduleGroupArn: group.arn };
}

export function getScheduleGroup(input: GetScheduleGroupCommandInput, ctx: RequestContext): Output<GetScheduleGroupCommandOutput> {
  new Constraints().required(input.Name, 'name').length(input.Name, 'name', 1, 64).check();
  return summary(findGroup(schedulerState(ctx), input.Name));
}

export function listScheduleGroups(input: ListScheduleGroupsCommandInput, ctx: RequestContext): Output<ListScheduleGroupsCommandOutput> {
  new Constraints()
    .length(input.NamePrefix, 'namePrefix', 1, 64)
    .pattern(input.NamePrefix, 'namePrefix', NAME)
    .range(input.MaxResults, 'maxResults', 1, 100)
    .check();
  const groups = Object.values(schedulerState(ctx).groups)
    .filter((g) => g.name.startsWith(input.NamePrefix ?? ''))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(groups, input.NextToken, input.MaxResults, () => validation('The NextToken provided is invalid.'));
  return { ScheduleGroups: page.map(summary), NextToken: nextToken };
}

/** Deleting a group deletes the schedules in it, as on AWS (which does it asynchronously). */
export function deleteScheduleGroup(input: DeleteScheduleGroupCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  new Constraints().required(input.Name, 'name').length(input.Name, 'name', 1, 64).check();
  if (input.Name === 'default') throw validation('The default schedule group cannot be deleted.');
  const state = schedulerState(ctx);
  const group = findGroup(state, input.Name);
  for (const [key, schedule] of Object.entries(state.schedules)) {
    if (schedule.groupName !== group.name) continue;
    ctx.cloud.services.scheduler.runner.disarm(ctx.accountId, ctx.region, schedule);
    delete state.schedules[key];
  }
  delete state.tags[group.arn];
  delete state.groups[group.name];
  return {};
}

/** Schedule groups carry tags; schedules do not. */
function taggedGroup(state: SchedulerState, arn: string | undefined): string {
  const group = /^arn:aws[\w-]*:scheduler:[^:]*:\d*:schedule-group\/(.+)$/.exec(arn ?? '');
  if (!group || !state.groups[group[1]]) throw resourceNotFound(arn ?? '');
  return state.groups[group[1]].arn;
}

export function tagResource(input: TagResourceCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  new Constraints().required(input.ResourceArn, 'resourceArn').required(input.Tags, 'tags').length(input.Tags, 'tags', 0, 200).check();
  const state = schedulerState(ctx);
  const arn = taggedGroup(state, input.ResourceArn);
  state.tags[arn] = { ...state.tags[arn], ...Object.fromEntries((input.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])) };
  return {};
}

export function untagResource(input: UntagResourceCommandInput, ctx: RequestContext): Output<Record<string, never>> {
  new Constraints().required(input.ResourceArn, 'resourceArn').required(input.TagKeys, 'tagKeys').check();
  const state = schedulerState(ctx);
  const arn = taggedGroup(state, input.ResourceArn);
  for (const key of input.TagKeys ?? []) delete state.tags[arn]?.[key];
  return {};
}

export function listTagsForResource(input: ListTagsForResourceCommandInput, ctx: RequestContext): Output<ListTagsForResourceCommandOutput> {
  new Constraints().required(input.ResourceArn, 'resourceArn').check();
  const state = schedulerState(ctx);
  const arn = taggedGroup(state, input.ResourceArn);
  return { Tags: Object.entries(state.tags[arn] ?? {}).map(([Key, Value]) => ({ Key, Value })) };
}
