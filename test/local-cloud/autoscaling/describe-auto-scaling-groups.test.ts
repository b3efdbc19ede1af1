import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsgTestCloud, expectAsgError, startAsgTestCloud } from './asg-test-cloud.ts';

describe('Auto Scaling: DescribeAutoScalingGroups', () => {
  let t: AsgTestCloud;
  beforeAll(async () => {
    t = await startAsgTestCloud();
    const lt = await t.createTemplate();
    const template = { LaunchTemplateId: lt.id, Version: '1' };
    await t.createGroup({ AutoScalingGroupName: 'describe-a', LaunchTemplate: template, Tags: [{ Key: 'env', Value: 'prod' }] });
    await t.createGroup({ AutoScalingGroupName: 'describe-b', LaunchTemplate: template, Tags: [{ Key: 'env', Value: 'staging' }] });
    await t.createGroup({ AutoScalingGroupName: 'describe-c', LaunchTemplate: template, Tags: [{ Key: 'owner', Value: 'prod' }] });
  });
  afterAll(() => t.cloud.stop());

  it('returns the named groups in name order', async () => {
    // Act
    const out = await t.asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['describe-c', 'describe-a', 'describe-missing'] }));
    // Assess
    expect(out.AutoScalingGroups?.map((g) => g.AutoScalingGroupName)).toEqual(['describe-a', 'describe-c']);
    expect(out.AutoScalingGroups?.[0].Tags).toEqual([
      { ResourceId: 'describe-a', ResourceType: 'auto-scaling-group', Key: 'env', Value: 'prod', PropagateAtLaunch: false },
    ]);
  });

  it.each([
    [[{ Name: 'tag:env', Values: ['prod', 'staging'] }], ['describe-a', 'describe-b']],
    [[{ Name: 'tag-key', Values: ['owner'] }], ['describe-c']],
    [[{ Name: 'tag-value', Values: ['prod'] }], ['describe-a', 'describe-c']],
    [
      [
        { Name: 'tag-value', Values: ['prod'] },
        { Name: 'tag-key', Values: ['env'] },
      ],
      ['describe-a'],
    ],
  ])('filters groups by tags %j', async (Filters, expected) => {
    // Act
    const out = await t.asg.send(new DescribeAutoScalingGroupsCommand({ Filters }));
    // Assess
    expect(out.AutoScalingGroups?.map((g) => g.AutoScalingGroupName)).toEqual(expected);
  });

  it('pages with MaxRecords and NextToken', async () => {
    // Act
    const first = await t.asg.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 2 }));
    const second = await t.asg.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 2, NextToken: first.NextToken }));
    // Assess
    expect(first.AutoScalingGroups?.map((g) => g.AutoScalingGroupName)).toEqual(['describe-a', 'describe-b']);
    expect(second.AutoScalingGroups?.map((g) => g.AutoScalingGroupName)).toEqual(['describe-c']);
    expect(second.NextToken).toBeUndefined();
  });

  it('refuses an unknown filter with ValidationError', async () => {
    // Act
    const call = t.asg.send(new DescribeAutoScalingGroupsCommand({ Filters: [{ Name: 'instance-type', Values: ['t3.micro'] }] }));
    // Assess
    await expectAsgError(call, 'ValidationError', 'Filter type instance-type is not correct. Allowed Filter types are: tag-key tag-value tag:<key>');
  });

  it('refuses MaxRecords above 100 with ValidationError', async () => {
    // Act
    const call = t.asg.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 101 }));
    // Assess
    await expectAsgError(
      call,
      'ValidationError',
      "1 validation error detected: Value '101' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });

  it('refuses a NextToken it did not issue with InvalidNextToken', async () => {
    // Act
    const call = t.asg.send(new DescribeAutoScalingGroupsCommand({ NextToken: 'not-a-token' }));
    // Assess
    await expectAsgError(call, 'InvalidNextToken', 'The token provided is not valid.');
  });
});
