import { CancelInstanceRefreshCommand, DescribeInstanceRefreshesCommand, StartInstanceRefreshCommand } from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, startAsgTestCloud, type Template } from './asg-test-cloud.ts';

describe('Auto Scaling: DescribeInstanceRefreshes', () => {
  let t: AsgTestCloud;
  let lt: Template;
  let first: string;
  let second: string;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    lt = await t.createTemplate();
    await t.createGroup({
      AutoScalingGroupName: 'history',
      DesiredCapacity: 2,
      HealthCheckGracePeriod: 45,
      LaunchTemplate: { LaunchTemplateId: lt.id, Version: '1' },
    });
    first = (await t.asg.send(new StartInstanceRefreshCommand({ AutoScalingGroupName: 'history' }))).InstanceRefreshId as string;
    await t.asg.send(new CancelInstanceRefreshCommand({ AutoScalingGroupName: 'history' }));
    await t.advance(600, 60);
    second = (
      await t.asg.send(
        new StartInstanceRefreshCommand({
          AutoScalingGroupName: 'history',
          DesiredConfiguration: { LaunchTemplate: { LaunchTemplateName: lt.name, Version: '2' } },
          Preferences: { CheckpointPercentages: [50, 100], SkipMatching: true, AlarmSpecification: { Alarms: ['web-5xx'] } },
        }),
      )
    ).InstanceRefreshId as string;
  });
  afterAll(() => t.cloud.stop());

  it('describes the refreshes newest first, with preferences and the desired configuration', async () => {
    // Act
    const out = await t.asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'history' }));
    // Assess
    expect(out.InstanceRefreshes?.map((r) => [r.InstanceRefreshId, r.Status])).toEqual([
      [second, 'InProgress'],
      [first, 'Cancelled'],
    ]);
    expect(out.InstanceRefreshes?.[0]).toMatchObject({
      AutoScalingGroupName: 'history',
      StartTime: t.cloud.clock.date(),
      PercentageComplete: 0,
      InstancesToUpdate: 2,
      ProgressDetails: { LivePoolProgress: { PercentageComplete: 0, InstancesToUpdate: 2 } },
      DesiredConfiguration: { LaunchTemplate: { LaunchTemplateId: lt.id, LaunchTemplateName: lt.name, Version: '2' } },
    });
    expect(out.InstanceRefreshes?.[0].Preferences).toEqual({
      MinHealthyPercentage: 90,
      InstanceWarmup: 45,
      CheckpointPercentages: [50, 100],
      CheckpointDelay: 3600,
      SkipMatching: true,
      AutoRollback: false,
      ScaleInProtectedInstances: 'Wait',
      StandbyInstances: 'Wait',
      AlarmSpecification: { Alarms: ['web-5xx'] },
    });
  });

  it('describes only the refreshes named, a page at a time', async () => {
    // Act
    const named = await t.asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'history', InstanceRefreshIds: [first] }));
    const page = await t.asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'history', MaxRecords: 1 }));
    const next = await t.asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'history', MaxRecords: 1, NextToken: page.NextToken }));
    // Assess
    expect(named.InstanceRefreshes?.map((r) => r.InstanceRefreshId)).toEqual([first]);
    expect(page.InstanceRefreshes?.map((r) => r.InstanceRefreshId)).toEqual([second]);
    expect(next.InstanceRefreshes?.map((r) => r.InstanceRefreshId)).toEqual([first]);
    expect(next.NextToken).toBeUndefined();
  });

  it('describes no refreshes for a group that has none', async () => {
    // Act
    const out = await t.asg.send(new DescribeInstanceRefreshesCommand({ AutoScalingGroupName: 'nobody' }));
    // Assess
    expect(out.InstanceRefreshes).toEqual([]);
  });

  it('refuses a request without a group name with ValidationError', async () => {
    // Act
    const call = t.asg.send(new DescribeInstanceRefreshesCommand({} as never));
    // Assess
    await expectAsgError(
      call,
      'ValidationError',
      "1 validation error detected: Value null at 'autoScalingGroupName' failed to satisfy constraint: Member must not be null",
    );
  });
});
