import { describe, expect, it } from 'vitest';
import type { Wave } from '../../../core/release/contracts.ts';
import {
  LaunchTemplateNotFoundError,
  MissingRegionalAmiError,
  RefreshConflictError,
  RefreshFailedError,
  RefreshTimedOutError,
  WaveRestoredError,
} from '../../../core/release/errors.ts';
import { onRefreshEvent, reconcileRefresh, waitForRefresh } from '../../../core/release/refresh-waits.ts';
import { planRestore, restoreLaunchTemplates } from '../../../core/release/restore-launch-templates.ts';
import { rollLaunchTemplates } from '../../../core/release/roll-launch-templates.ts';
import { startRefresh } from '../../../core/release/start-refresh.ts';
import { FakeAutoScaling, FakeTasks, FakeTemplates, MemoryRollout, MemoryTokens } from './fakes.ts';

const REGION = 'eu-central-1';
const preferences = { minHealthyPercentage: 90, skipMatching: true, autoRollback: true, checkpointPercentages: [50, 100], checkpointDelaySeconds: 300 };
const wave: Wave = {
  name: 'production',
  targets: [
    { region: REGION, launchTemplate: 'web-a', autoScalingGroups: ['web-a-1', 'web-a-2'], preferences },
    { region: REGION, launchTemplate: 'web-b', autoScalingGroups: ['web-b-1'], preferences },
  ],
};
const amis = [{ region: REGION, imageId: 'ami-0ffffffffffffffff' }];

function setup() {
  const deps = {
    templates: new FakeTemplates(),
    records: new MemoryRollout(),
    autoScaling: new FakeAutoScaling(),
    tokens: new MemoryTokens(),
    tasks: new FakeTasks(),
  };
  const a = deps.templates.add(REGION, 'web-a', ['ami-01', 'ami-02'], 2);
  const b = deps.templates.add(REGION, 'web-b', ['ami-01'], 1);
  return { deps, a, b };
}

describe('Core: rollout of a wave', () => {
  it('creates a version from the default with the literal AMI, makes it the default, and plans one refresh per group', async () => {
    // Prepare
    const { deps, a, b } = setup();
    // Act
    const rolled = await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    // Assess
    expect(rolled.launchTemplates).toEqual([
      { region: REGION, launchTemplateId: a, version: 3, previousDefaultVersion: 2 },
      { region: REGION, launchTemplateId: b, version: 2, previousDefaultVersion: 1 },
    ]);
    expect(deps.templates.created.map((c) => ({ id: c.launchTemplateId, source: c.sourceVersion, image: c.imageId }))).toEqual([
      { id: a, source: 2, image: 'ami-0ffffffffffffffff' },
      { id: b, source: 1, image: 'ami-0ffffffffffffffff' },
    ]);
    expect(deps.templates.templates.get(a)?.defaultVersion).toBe(3);
    expect(rolled.refreshes.map((r) => r.autoScalingGroupName)).toEqual(['web-a-1', 'web-a-2', 'web-b-1']);
    expect((await deps.records.changes('r1', 'production')).map((c) => c.previousDefaultVersion)).toEqual([2, 1]);
  });

  it('does the same thing once when retried after a crash, keeping the first recorded default', async () => {
    // Prepare
    const { deps, a } = setup();
    await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    // Act
    const again = await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 2, deps);
    // Assess
    expect(deps.templates.created).toHaveLength(2);
    expect(again.launchTemplates[0]).toEqual({ region: REGION, launchTemplateId: a, version: 3, previousDefaultVersion: 2 });
  });

  it('changes nothing when a target region has no AMI, or a template does not exist', async () => {
    // Prepare
    const { deps } = setup();
    const missingRegion = { ...wave, targets: [{ ...wave.targets[0], region: 'us-east-1' }] };
    const missingTemplate = { ...wave, targets: [{ ...wave.targets[0], launchTemplate: 'nope' }] };
    // Act
    const noAmi = rollLaunchTemplates({ releaseId: 'r1', wave: missingRegion, amis }, 1, deps);
    const noTemplate = rollLaunchTemplates({ releaseId: 'r1', wave: missingTemplate, amis }, 1, deps);
    // Assess
    await expect(noAmi).rejects.toThrow(MissingRegionalAmiError);
    await expect(noTemplate).rejects.toThrow(LaunchTemplateNotFoundError);
    expect(deps.templates.created).toEqual([]);
  });

  it('starts a refresh naming the numbered version, and carries on with its own refresh when retried', async () => {
    // Prepare
    const { deps } = setup();
    const { refreshes } = await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    // Act
    const started = await startRefresh(refreshes[0], deps);
    const retried = await startRefresh(refreshes[0], deps);
    // Assess
    expect(deps.autoScaling.started).toEqual([expect.objectContaining({ autoScalingGroupName: 'web-a-1', version: 3, preferences })]);
    expect(retried).toEqual(started);
  });

  it('starts no second refresh when retried after a crash, even once the first one has ended', async () => {
    // Prepare
    const { deps } = setup();
    const { refreshes } = await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    const started = await startRefresh(refreshes[0], deps);
    deps.autoScaling.setStatus('web-a-1', started.instanceRefreshId, 'Successful');
    // Act
    const retried = await startRefresh(refreshes[0], deps);
    // Assess
    expect(retried).toEqual(started);
    expect(deps.autoScaling.started).toHaveLength(1);
  });

  it('starts no refresh once its wave was restored, and throws WaveRestoredError', async () => {
    // Prepare
    const { deps, a } = setup();
    const { refreshes } = await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    await restoreLaunchTemplates({ releaseId: 'r1', waveName: 'production' }, deps);
    // Act
    const late = startRefresh(refreshes[0], deps);
    // Assess
    await expect(late).rejects.toThrow(WaveRestoredError);
    expect(deps.autoScaling.started).toEqual([]);
    expect(deps.templates.templates.get(a)?.defaultVersion).toBe(2);
  });

  it('rolls back a refresh whose wave was restored while it started, and throws WaveRestoredError', async () => {
    // Prepare: the restore lands between the start's check and its StartInstanceRefresh
    const { deps, a } = setup();
    const { refreshes } = await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    const start = deps.autoScaling.startRefresh.bind(deps.autoScaling);
    deps.autoScaling.startRefresh = async (...args) => {
      await restoreLaunchTemplates({ releaseId: 'r1', waveName: 'production' }, deps);
      return start(...args);
    };
    // Act
    const late = startRefresh(refreshes[0], deps);
    // Assess
    await expect(late).rejects.toThrow(WaveRestoredError);
    expect(deps.autoScaling.rolledBack).toEqual(['web-a-1']);
    expect(deps.templates.templates.get(a)?.defaultVersion).toBe(2);
  });

  it('sets the defaults back before it lists the refreshes to stop, so a refresh started in between is stopped too', async () => {
    // Prepare
    const { deps, a } = setup();
    await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    const order: string[] = [];
    const setDefault = deps.templates.setDefault.bind(deps.templates);
    const list = deps.autoScaling.refreshes.bind(deps.autoScaling);
    deps.templates.setDefault = async (...args) => {
      order.push('default');
      return setDefault(...args);
    };
    deps.autoScaling.refreshes = async (...args) => {
      order.push('list');
      return list(...args);
    };
    // Act
    await restoreLaunchTemplates({ releaseId: 'r1', waveName: 'production' }, deps);
    // Assess
    expect(order.indexOf('list')).toBeGreaterThan(order.lastIndexOf('default'));
    expect(deps.templates.templates.get(a)?.defaultVersion).toBe(2);
  });

  it("throws RefreshConflictError when someone else's refresh runs on the group", async () => {
    // Prepare
    const { deps } = setup();
    const { refreshes } = await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    deps.autoScaling.refreshList.set('web-a-1', [{ instanceRefreshId: 'theirs', autoScalingGroupName: 'web-a-1', status: 'InProgress', desired: {} }]);
    // Act
    const attempt = startRefresh(refreshes[0], deps);
    // Assess
    await expect(attempt).rejects.toThrow(RefreshConflictError);
  });

  it('completes the wave wait once on the final event, and ignores progress events', async () => {
    // Prepare
    const { deps } = setup();
    const { refreshes } = await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    const started = await startRefresh(refreshes[0], deps);
    await waitForRefresh({ taskToken: 't1', refresh: started }, 2, deps);
    deps.autoScaling.setStatus('web-a-1', started.instanceRefreshId, 'Successful');
    const event = { region: REGION, refresh: started };
    // Act
    const checkpoint = await onRefreshEvent({ ...event, kind: 'Checkpoint Reached' }, 3, deps);
    const succeeded = await onRefreshEvent({ ...event, kind: 'Succeeded' }, 4, deps);
    const duplicate = await onRefreshEvent({ ...event, kind: 'Succeeded' }, 5, deps);
    // Assess
    expect(checkpoint.action).toBe('ignored');
    expect(succeeded).toMatchObject({ action: 'completed', status: 'Successful' });
    expect(duplicate.action).toBe('ignored');
    expect(deps.tasks.sent).toEqual([{ token: 't1', kind: 'success', output: { ...started, status: 'Successful' } }]);
  });

  it('fails the wave wait with RefreshFailedError when the refresh rolled back', async () => {
    // Prepare
    const { deps } = setup();
    const { refreshes } = await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    const started = await startRefresh(refreshes[0], deps);
    await waitForRefresh({ taskToken: 't1', refresh: started }, 2, deps);
    deps.autoScaling.setStatus('web-a-1', started.instanceRefreshId, 'RollbackSuccessful', 'Alarm web-5xx went into ALARM');
    // Act
    await onRefreshEvent({ kind: 'Rollback Succeeded', region: REGION, refresh: started }, 3, deps);
    // Assess
    expect(deps.tasks.sent).toEqual([{ token: 't1', kind: 'failure', error: 'RefreshFailedError', cause: expect.stringContaining('Alarm web-5xx') }]);
  });

  it('reconciles a refresh: done, failed, or overdue', async () => {
    // Prepare
    const { deps } = setup();
    const { refreshes } = await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    const started = await startRefresh(refreshes[0], deps);
    deps.autoScaling.setStatus('web-a-1', started.instanceRefreshId, 'InProgress');
    // Act
    const pending = await reconcileRefresh({ refresh: started, boundSeconds: 600, waitSeconds: 300 }, 1000, deps);
    const overdue = reconcileRefresh({ refresh: started, boundSeconds: 600, waitSeconds: 300 }, 601_000, deps);
    // Assess
    expect(pending).toMatchObject({ status: 'InProgress', done: false });
    expect(pending.waitSeconds).toBeGreaterThan(300);
    expect(1000 + (pending.waitSeconds ?? 0) * 1000).toBeLessThanOrEqual(601_000);
    await expect(overdue).rejects.toThrow(RefreshTimedOutError);
    deps.autoScaling.setStatus('web-a-1', started.instanceRefreshId, 'Failed');
    await expect(reconcileRefresh({ refresh: started, boundSeconds: 600, waitSeconds: 300 }, 1000, deps)).rejects.toThrow(RefreshFailedError);
    deps.autoScaling.setStatus('web-a-1', started.instanceRefreshId, 'Successful');
    expect(await reconcileRefresh({ refresh: started, boundSeconds: 600, waitSeconds: 300 }, 1000, deps)).toMatchObject({ done: true });
  });

  it('restores every template of a failed wave and rolls back its running refreshes, cancelling those it cannot', async () => {
    // Prepare
    const { deps, a, b } = setup();
    const { refreshes } = await rollLaunchTemplates({ releaseId: 'r1', wave, amis }, 1, deps);
    for (const refresh of refreshes) await startRefresh(refresh, deps);
    deps.autoScaling.setStatus('web-a-1', 'refresh-1', 'Failed');
    deps.autoScaling.irreversible.add('web-b-1');
    // Act
    const result = await restoreLaunchTemplates({ releaseId: 'r1', waveName: 'production' }, deps);
    // Assess
    expect(deps.templates.templates.get(a)?.defaultVersion).toBe(2);
    expect(deps.templates.templates.get(b)?.defaultVersion).toBe(1);
    expect(result.refreshes.map((r) => [r.autoScalingGroupName, r.action])).toEqual([
      ['web-a-2', 'rolled-back'],
      ['web-b-1', 'cancelled'],
    ]);
    expect((await deps.records.changes('r1', 'production')).every((c) => c.status === 'restored')).toBe(true);
  });

  it('plans no refresh stop for a refresh that is not this release', () => {
    // Act
    const plan = planRestore(
      [
        {
          releaseId: 'r1',
          wave: 'w',
          region: REGION,
          launchTemplateId: 'lt-1',
          launchTemplateName: 'web',
          previousDefaultVersion: 4,
          newVersion: 5,
          autoScalingGroups: ['g'],
          status: 'rolled',
          recordedAt: 0,
        },
      ],
      new Map([
        [`${REGION}/g`, [{ instanceRefreshId: 'x', autoScalingGroupName: 'g', status: 'InProgress', desired: { launchTemplateId: 'lt-1', version: '9' } }]],
      ]),
    );
    // Assess
    expect(plan).toEqual({ templates: [{ region: REGION, launchTemplateId: 'lt-1', version: 4 }], refreshes: [] });
  });
});
