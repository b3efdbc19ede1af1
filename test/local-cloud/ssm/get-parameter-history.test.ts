import { GetParameterHistoryCommand, LabelParameterVersionCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, NO_MESSAGE, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: GetParameterHistory', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('returns every version with its labels, oldest first', async () => {
    // Prepare
    const name = '/history/app';
    await t.ssm.send(new PutParameterCommand({ Name: name, Value: 'one', Type: 'String' }));
    await t.ssm.send(new PutParameterCommand({ Name: name, Value: 'two', Overwrite: true }));
    await t.ssm.send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: 1, Labels: ['old', 'first'] }));
    // Act
    const { Parameters } = await t.ssm.send(new GetParameterHistoryCommand({ Name: name }));
    // Assess
    expect(Parameters?.map((p) => ({ Version: p.Version, Value: p.Value, Labels: p.Labels }))).toEqual([
      { Version: 1, Value: 'one', Labels: ['old', 'first'] },
      { Version: 2, Value: 'two', Labels: [] },
    ]);
    expect(Parameters?.[0]).toMatchObject({
      Name: name,
      Type: 'String',
      Tier: 'Standard',
      DataType: 'text',
      LastModifiedUser: 'arn:aws:iam::123456789012:user/local',
    });
  });

  it('pages with MaxResults and NextToken', async () => {
    // Prepare
    const name = '/history/paged';
    await t.ssm.send(new PutParameterCommand({ Name: name, Value: '1', Type: 'String' }));
    for (let v = 2; v <= 5; v++) await t.ssm.send(new PutParameterCommand({ Name: name, Value: String(v), Overwrite: true }));
    // Act
    const first = await t.ssm.send(new GetParameterHistoryCommand({ Name: name, MaxResults: 2 }));
    const second = await t.ssm.send(new GetParameterHistoryCommand({ Name: name, MaxResults: 2, NextToken: first.NextToken }));
    const third = await t.ssm.send(new GetParameterHistoryCommand({ Name: name, MaxResults: 2, NextToken: second.NextToken }));
    // Assess
    expect([first, second, third].map((page) => page.Parameters?.map((p) => p.Version))).toEqual([[1, 2], [3, 4], [5]]);
    expect(third.NextToken).toBeUndefined();
  });

  it('keeps the 100 most recent versions', async () => {
    // Prepare
    const name = '/history/hundred';
    await t.ssm.send(new PutParameterCommand({ Name: name, Value: '1', Type: 'String' }));
    for (let v = 2; v <= 101; v++) await t.ssm.send(new PutParameterCommand({ Name: name, Value: String(v), Overwrite: true }));
    // Act
    const first = await t.ssm.send(new GetParameterHistoryCommand({ Name: name, MaxResults: 50 }));
    // Assess
    expect(first.Parameters?.[0]?.Version).toBe(2);
  });

  it('throws ParameterMaxVersionLimitExceeded when the oldest of 100 versions has a label', async () => {
    // Prepare
    const name = '/history/labelled';
    await t.ssm.send(new PutParameterCommand({ Name: name, Value: '1', Type: 'String' }));
    await t.ssm.send(new LabelParameterVersionCommand({ Name: name, Labels: ['keep'] }));
    for (let v = 2; v <= 100; v++) await t.ssm.send(new PutParameterCommand({ Name: name, Value: String(v), Overwrite: true }));
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: name, Value: '101', Overwrite: true }));
    // Assess
    await expectAwsError(
      call,
      'ParameterMaxVersionLimitExceeded',
      `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version 1, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
    );
  });

  it('throws ParameterNotFound for an unknown name', async () => {
    // Act
    const call = t.ssm.send(new GetParameterHistoryCommand({ Name: '/history/none' }));
    // Assess
    await expectAwsError(call, 'ParameterNotFound', NO_MESSAGE);
  });

  it('throws ValidationException for MaxResults above 50', async () => {
    // Act
    const call = t.ssm.send(new GetParameterHistoryCommand({ Name: '/history/app', MaxResults: 51 }));
    // Assess
    await expectAwsError(
      call,
      'ValidationException',
      "1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
  });
});
