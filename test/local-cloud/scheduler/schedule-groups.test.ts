import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListTagsForResourceCommand,
  SchedulerClient,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

describe('Scheduler: schedule groups', () => {
  let cloud: TestCloud;
  let scheduler: SchedulerClient;
  beforeAll(async () => {
    cloud = await startTestCloud();
    scheduler = new SchedulerClient(cloud.config());
  });
  afterAll(() => cloud.stop());

  it('creates a group and gets it', async () => {
    // Act
    const { ScheduleGroupArn } = await scheduler.send(new CreateScheduleGroupCommand({ Name: 'releases', Tags: [{ Key: 'team', Value: 'platform' }] }));
    const group = await scheduler.send(new GetScheduleGroupCommand({ Name: 'releases' }));
    // Assess
    expect(ScheduleGroupArn).toBe('arn:aws:scheduler:us-east-1:123456789012:schedule-group/releases');
    expect(group).toMatchObject({ Arn: ScheduleGroupArn, Name: 'releases', State: 'ACTIVE' });
  });

  it('has a default group in every account', async () => {
    // Act
    const group = await scheduler.send(new GetScheduleGroupCommand({ Name: 'default' }));
    // Assess
    expect(group).toMatchObject({ Name: 'default', Arn: 'arn:aws:scheduler:us-east-1:123456789012:schedule-group/default', State: 'ACTIVE' });
  });

  it('refuses to create a group twice', async () => {
    // Prepare
    await scheduler.send(new CreateScheduleGroupCommand({ Name: 'once' }));
    // Act
    const error = await scheduler.send(new CreateScheduleGroupCommand({ Name: 'once' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ConflictException', message: 'Schedule group once already exists.', $metadata: { httpStatusCode: 409 } });
  });

  it('answers ResourceNotFound for a group that does not exist', async () => {
    // Act
    const error = await scheduler.send(new GetScheduleGroupCommand({ Name: 'missing' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'Schedule group missing does not exist.', $metadata: { httpStatusCode: 404 } });
  });

  it('lists groups by prefix', async () => {
    // Prepare
    await scheduler.send(new CreateScheduleGroupCommand({ Name: 'team-a' }));
    await scheduler.send(new CreateScheduleGroupCommand({ Name: 'team-b' }));
    // Act
    const { ScheduleGroups } = await scheduler.send(new ListScheduleGroupsCommand({ NamePrefix: 'team-' }));
    // Assess
    expect(ScheduleGroups?.map((g) => g.Name)).toEqual(['team-a', 'team-b']);
  });

  it('deletes a group with its schedules', async () => {
    // Prepare
    await scheduler.send(new CreateScheduleGroupCommand({ Name: 'temporary' }));
    await scheduler.send(
      new CreateScheduleCommand({
        Name: 'inside',
        GroupName: 'temporary',
        ScheduleExpression: 'rate(1 hour)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: 'arn:aws:sns:us-east-1:123456789012:t', RoleArn: 'arn:aws:iam::123456789012:role/r' },
      }),
    );
    // Act
    await scheduler.send(new DeleteScheduleGroupCommand({ Name: 'temporary' }));
    const group = await scheduler.send(new GetScheduleGroupCommand({ Name: 'temporary' })).catch((e: unknown) => e);
    const schedule = await scheduler.send(new GetScheduleCommand({ Name: 'inside', GroupName: 'temporary' })).catch((e: unknown) => e);
    // Assess
    expect(group).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(schedule).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses to delete the default group', async () => {
    // Act
    const error = await scheduler.send(new DeleteScheduleGroupCommand({ Name: 'default' })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });

  it('tags and untags a group', async () => {
    // Prepare
    const { ScheduleGroupArn } = await scheduler.send(new CreateScheduleGroupCommand({ Name: 'tagged', Tags: [{ Key: 'a', Value: '1' }] }));
    // Act
    await scheduler.send(new TagResourceCommand({ ResourceArn: ScheduleGroupArn, Tags: [{ Key: 'b', Value: '2' }] }));
    await scheduler.send(new UntagResourceCommand({ ResourceArn: ScheduleGroupArn, TagKeys: ['a'] }));
    const { Tags } = await scheduler.send(new ListTagsForResourceCommand({ ResourceArn: ScheduleGroupArn }));
    // Assess
    expect(Tags).toEqual([{ Key: 'b', Value: '2' }]);
  });

  it('answers ResourceNotFound when tagging a group that does not exist', async () => {
    // Act
    const arn = 'arn:aws:scheduler:us-east-1:123456789012:schedule-group/none';
    const error = await scheduler.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'a', Value: '1' }] })).catch((e: unknown) => e);
    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });
});
