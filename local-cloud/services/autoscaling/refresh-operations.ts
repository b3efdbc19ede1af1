import { randomUUID } from 'node:crypto';
import type {
  CancelInstanceRefreshCommandInput,
  CancelInstanceRefreshCommandOutput,
  DescribeInstanceRefreshesCommandInput,
  DescribeInstanceRefreshesCommandOutput,
  RollbackInstanceRefreshCommandInput,
  RollbackInstanceRefreshCommandOutput,
  StartInstanceRefreshCommandInput,
  StartInstanceRefreshCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import type { RequestContext } from '../../service.ts';
import { Constraints } from './constraints.ts';
import {
  autoRollbackWithoutDesiredConfiguration,
  autoRollbackWithSsmImage,
  autoRollbackWithUnversionedTemplate,
  groupNotFound,
  instanceRefreshInProgress,
  irreversibleRefresh,
  noActiveRefresh,
  strategyNotSupported,
  validationError,
} from './errors.ts';
import type { Fleet, Scope } from './fleet.ts';
import { sourceView } from './group-view.ts';
import { checkSourceConstraints, isUnversioned, launchTargetOf, resolveSource, templateOf, usesSsmImage } from './launch-templates.ts';
import { paginate } from './pagination.ts';
import { cancelRefresh, scheduleStep, startRollback } from './refresh-engine.ts';
import { emitRefreshEvent } from './refresh-events.ts';
import { checkPreferenceConstraints, checkPreferenceRules, resolvedPreferences } from './refresh-preferences.ts';
import { refreshView } from './refresh-view.ts';
import { activeRefresh, type InstanceRecord, type LaunchSource, type RefreshRecord } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const checkGroupName = (name: string | undefined, c = new Constraints()) =>
  c.required(name, 'autoScalingGroupName').length(name, 'autoScalingGroupName', 1, 255);

/** AWS cannot roll back to or from `$Latest`/`$Default`, nor a launch template whose ImageId is an SSM parameter. */
async function rollbackBlocker(scope: Scope, previous: LaunchSource, next: LaunchSource): Promise<'unversioned' | 'ssm' | undefined> {
  if (isUnversioned(templateOf(previous)) || isUnversioned(templateOf(next))) return 'unversioned';
  if ((await usesSsmImage(scope, previous)) || (await usesSsmImage(scope, next))) return 'ssm';
  return undefined;
}

export async function startInstanceRefresh(
  input: StartInstanceRefreshCommandInput,
  ctx: RequestContext,
  fleet: Fleet,
): Promise<Output<StartInstanceRefreshCommandOutput>> {
  const c = checkGroupName(input.AutoScalingGroupName).oneOf(input.Strategy, 'strategy', ['Rolling', 'ReplaceRootVolume']);
  checkSourceConstraints(input.DesiredConfiguration?.LaunchTemplate, input.DesiredConfiguration?.MixedInstancesPolicy, 'desiredConfiguration', c);
  checkPreferenceConstraints(input.Preferences, c);
  c.check();
  checkPreferenceRules(input.Preferences);
  if (input.Strategy === 'ReplaceRootVolume') throw strategyNotSupported();
  const name = input.AutoScalingGroupName as string;
  const scope = fleet.scope(ctx.accountId, ctx.region);
  return fleet.withGroupLock(scope, name, async () => {
    const group = scope.state.groups[name];
    if (!group) throw groupNotFound(name);
    if (activeRefresh(scope.state, name)) throw instanceRefreshInProgress();
    const desired = input.DesiredConfiguration;
    if (desired?.LaunchTemplate && desired.MixedInstancesPolicy) {
      throw validationError('A desired configuration can specify either a LaunchTemplate or a MixedInstancesPolicy, not both.');
    }
    const hasDesired = Boolean(desired?.LaunchTemplate || desired?.MixedInstancesPolicy);
    const next = hasDesired ? await resolveSource(scope, desired?.LaunchTemplate, desired?.MixedInstancesPolicy) : structuredClone(group.source);
    if (input.Preferences?.AutoRollback) {
      if (!hasDesired) throw autoRollbackWithoutDesiredConfiguration();
      const blocker = await rollbackBlocker(scope, group.source, next);
      if (blocker === 'unversioned') throw autoRollbackWithUnversionedTemplate();
      if (blocker === 'ssm') throw autoRollbackWithSsmImage();
    }
    const target = await launchTargetOf(scope, next);
    const preferences = resolvedPreferences(input.Preferences, group);
    const matches = (i: InstanceRecord) =>
      i.launchTemplate.LaunchTemplateId === target.template.LaunchTemplateId &&
      i.launchTemplate.Version === target.template.Version &&
      (!target.instanceType || i.instanceType === target.instanceType);
    const pending = [...group.instances]
      .filter((i) => !(preferences.SkipMatching && matches(i)))
      .filter((i) => !(i.protectedFromScaleIn && preferences.ScaleInProtectedInstances === 'Ignore'))
      .sort((a, b) => a.launchedAt - b.launchedAt)
      .map((i) => i.instanceId);
    const now = ctx.cloud.clock.now();
    const refresh: RefreshRecord = {
      id: randomUUID(),
      groupName: name,
      strategy: input.Strategy ?? 'Rolling',
      status: 'Pending',
      startTime: now,
      preferences,
      desiredConfiguration: hasDesired ? sourceView(next) : undefined,
      previous: structuredClone(group.source),
      next,
      forward: { pending, total: pending.length, replaced: 0, target: target.template, instanceType: target.instanceType, launched: [] },
      nextCheckpoint: 0,
      nextStepAt: now,
    };
    scope.state.refreshes.push(refresh);
    scheduleStep(scope, refresh, now);
    return { InstanceRefreshId: refresh.id };
  });
}

export function describeInstanceRefreshes(
  input: DescribeInstanceRefreshesCommandInput,
  ctx: RequestContext,
  fleet: Fleet,
): Output<DescribeInstanceRefreshesCommandOutput> {
  const c = checkGroupName(input.AutoScalingGroupName).integer(input.MaxRecords, 'maxRecords', 1, 100);
  input.InstanceRefreshIds?.forEach((id, i) => {
    c.length(id, `instanceRefreshIds.${i + 1}.member`, 1, 255);
  });
  c.check();
  const scope = fleet.scope(ctx.accountId, ctx.region);
  const ids = input.InstanceRefreshIds?.length ? new Set(input.InstanceRefreshIds) : undefined;
  const refreshes = scope.state.refreshes.filter((r) => r.groupName === input.AutoScalingGroupName && (!ids || ids.has(r.id))).reverse();
  const { page, NextToken } = paginate(refreshes, input.MaxRecords, input.NextToken);
  return { InstanceRefreshes: page.map(refreshView), NextToken };
}

export async function cancelInstanceRefresh(
  input: CancelInstanceRefreshCommandInput,
  ctx: RequestContext,
  fleet: Fleet,
): Promise<Output<CancelInstanceRefreshCommandOutput>> {
  checkGroupName(input.AutoScalingGroupName).check();
  const name = input.AutoScalingGroupName as string;
  const scope = fleet.scope(ctx.accountId, ctx.region);
  return fleet.withGroupLock(scope, name, async () => {
    const group = scope.state.groups[name];
    if (!group) throw groupNotFound(name);
    const refresh = activeRefresh(scope.state, name);
    if (!refresh || refresh.status === 'Cancelling') throw noActiveRefresh(name);
    cancelRefresh(scope, group, refresh, ctx.cloud.clock.now());
    return { InstanceRefreshId: refresh.id };
  });
}

export async function rollbackInstanceRefresh(
  input: RollbackInstanceRefreshCommandInput,
  ctx: RequestContext,
  fleet: Fleet,
): Promise<Output<RollbackInstanceRefreshCommandOutput>> {
  checkGroupName(input.AutoScalingGroupName).check();
  const name = input.AutoScalingGroupName as string;
  const scope = fleet.scope(ctx.accountId, ctx.region);
  return fleet.withGroupLock(scope, name, async () => {
    const group = scope.state.groups[name];
    if (!group) throw groupNotFound(name);
    const refresh = activeRefresh(scope.state, name);
    if (!refresh || !['Pending', 'InProgress', 'Baking'].includes(refresh.status)) throw noActiveRefresh(name);
    if (!refresh.desiredConfiguration || (await rollbackBlocker(scope, refresh.previous, refresh.next))) throw irreversibleRefresh();
    const now = ctx.cloud.clock.now();
    if (refresh.status === 'Pending') {
      refresh.status = 'InProgress';
      emitRefreshEvent(scope, group, refresh, 'Started');
    }
    await startRollback(scope, group, refresh, now, 'Rollback started by user request.');
    return { InstanceRefreshId: refresh.id };
  });
}
