import { GetParametersByPathCommand, LabelParameterVersionCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: GetParametersByPath', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
    const put = (Name: string, Value: string, Type: 'String' | 'SecureString' = 'String') => t.ssm.send(new PutParameterCommand({ Name, Value, Type }));
    await put('/path/a', 'A');
    await put('/path/b', 'B', 'SecureString');
    await put('/path/deep/c', 'C');
    await put('/path/deep/deeper/d', 'D');
    await put('/pathology/e', 'E');
  });
  afterAll(() => t.cloud.stop());

  it('returns one level below the path unless recursive', async () => {
    // Act
    const oneLevel = await t.ssm.send(new GetParametersByPathCommand({ Path: '/path' }));
    const recursive = await t.ssm.send(new GetParametersByPathCommand({ Path: '/path/', Recursive: true, WithDecryption: true }));
    // Assess
    expect(oneLevel.Parameters?.map((p) => p.Name)).toEqual(['/path/a', '/path/b']);
    expect(recursive.Parameters?.map((p) => [p.Name, p.Value])).toEqual([
      ['/path/a', 'A'],
      ['/path/b', 'B'],
      ['/path/deep/c', 'C'],
      ['/path/deep/deeper/d', 'D'],
    ]);
  });

  it('filters by type and selects the labelled version', async () => {
    // Prepare
    await t.ssm.send(new PutParameterCommand({ Name: '/path/a', Value: 'A2', Overwrite: true }));
    await t.ssm.send(new LabelParameterVersionCommand({ Name: '/path/a', ParameterVersion: 1, Labels: ['blue'] }));
    // Act
    const secure = await t.ssm.send(new GetParametersByPathCommand({ Path: '/path', ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }] }));
    const labelled = await t.ssm.send(new GetParametersByPathCommand({ Path: '/path', ParameterFilters: [{ Key: 'Label', Values: ['blue'] }] }));
    // Assess
    expect(secure.Parameters?.map((p) => p.Name)).toEqual(['/path/b']);
    expect(labelled.Parameters?.map((p) => [p.Name, p.Value, p.Version])).toEqual([['/path/a', 'A', 1]]);
  });

  it('pages with MaxResults and NextToken', async () => {
    // Act
    const first = await t.ssm.send(new GetParametersByPathCommand({ Path: '/path', Recursive: true, MaxResults: 3 }));
    const second = await t.ssm.send(new GetParametersByPathCommand({ Path: '/path', Recursive: true, MaxResults: 3, NextToken: first.NextToken }));
    // Assess
    expect(first.Parameters).toHaveLength(3);
    expect(first.NextToken).toBeDefined();
    expect(second.Parameters?.map((p) => p.Name)).toEqual(['/path/deep/deeper/d']);
    expect(second.NextToken).toBeUndefined();
  });

  it('throws InvalidFilterKey for a Name filter', async () => {
    // Act
    const call = t.ssm.send(new GetParametersByPathCommand({ Path: '/path', ParameterFilters: [{ Key: 'Name', Values: ['/path/a'] }] }));
    // Assess
    await expectAwsError(call, 'InvalidFilterKey', 'The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId].');
  });

  it('throws ValidationException for MaxResults above 10', async () => {
    // Act
    const call = t.ssm.send(new GetParametersByPathCommand({ Path: '/path', MaxResults: 11 }));
    // Assess
    await expectAwsError(
      call,
      'ValidationException',
      "1 validation error detected: Value '11' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10",
    );
  });
});
