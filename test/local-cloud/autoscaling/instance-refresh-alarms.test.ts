import { StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, startAsgTestCloud, type Template, versionsOf } from './asg-test-cloud.ts';

describe('Auto Scaling: instance refresh alarms', () => {
  let t: AsgTestCloud;
  let lt: Template;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    lt = await t.createTemplate();
  });
  afterAll(() => t.cloud.stop());

  const start = async (group: string, alarm: string, autoRollback: boolean) => {
    await t.createGroup({ AutoScalingGroupName: group, DesiredCapacity: 2, LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' } });
    await t.advance(120);
    const { InstanceRefreshId } = await t.asg.send(
      new StartInstanceRefreshCommand({
        AutoScalingGroupName: group,
        DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, Version: '2' } },
        Preferences: {
          MinHealthyPercentage: 50,
          CheckpointPercentages: [50, 100],
          CheckpointDelay: 3600,
          AutoRollback: autoRollback,
          AlarmSpecification: { Alarms: [alarm] },
        },
      }),
    );
    return InstanceRefreshId as string;
  };

  it('rolls back with AutoRollback when a watched alarm goes into ALARM during a checkpoint wait', async () => {
    // Prepare
    const id = await start('alarm-rollback', 'web-5xx-rollback', true);
    await t.advance(120);
    t.cloud.setScenario({ alarms: { 'web-5xx-rollback': 'ALARM' } });
    // Act
    await t.advance(60);
    const rolling = await t.refresh('alarm-rollback', id);
    await t.advance(300, 60);
    // Assess
    expect(rolling.Status).toBe('RollbackInProgress');
    expect(rolling.RollbackDetails?.RollbackReason).toContain('web-5xx-rollback');
    expect((await t.refresh('alarm-rollback', id)).Status).toBe('RollbackSuccessful');
    expect(versionsOf(await t.group('alarm-rollback'))).toEqual(['1', '1']);
    expect(t.refreshEvents('alarm-rollback').map(([type]) => type)).toEqual(['Started', 'Checkpoint Reached', 'Rollback Started', 'Rollback Succeeded']);
  });

  it('fails without AutoRollback when a watched alarm is in ALARM', async () => {
    // Prepare
    t.cloud.setScenario({ alarms: { 'web-5xx-plain': 'ALARM', 'web-latency': 'OK' } });
    // Act
    const id = await start('alarm-plain', 'web-5xx-plain', false);
    await t.advance(60);
    // Assess
    const refresh = await t.refresh('alarm-plain', id);
    expect(refresh.Status).toBe('Failed');
    expect(refresh.StatusReason).toBe('Instance refresh failed because the CloudWatch alarm web-5xx-plain is in the ALARM state.');
    expect(t.refreshEvents('alarm-plain').map(([type]) => type)).toEqual(['Started', 'Failed']);
  });

  it('keeps going while the watched alarm is OK', async () => {
    // Prepare
    t.cloud.setScenario({ alarms: { 'web-latency': 'OK' } });
    // Act
    const id = await start('alarm-ok', 'web-latency', true);
    await t.advance(120 + 3600 + 120, 60);
    // Assess
    expect((await t.refresh('alarm-ok', id)).Status).toBe('Successful');
  });
});
