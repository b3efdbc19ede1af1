import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';
import { awsCliAt, cliSuite, hasAwsCli } from './aws-cli.ts';

describe.skipIf(!hasAwsCli)(cliSuite('AWS CLI: SSM Parameter Store'), () => {
  let cloud: TestCloud;
  let aws: ReturnType<typeof awsCliAt>;
  beforeAll(async () => {
    cloud = await startTestCloud();
    aws = awsCliAt(cloud.endpoint);
  });
  afterAll(() => cloud.stop());

  it('puts a parameter and gets it back with its wire timestamp in epoch seconds', async () => {
    // Prepare
    const name = '/goldsmith/cli/ami';
    // Act
    const put = await aws('ssm', 'put-parameter', '--name', name, '--value', 'ami-0123456789abcdef0', '--type', 'String');
    const got = await aws('ssm', 'get-parameter', '--name', name);
    // Assess
    expect(put.exitCode).toBe(0);
    expect(put.json).toEqual({ Version: 1, Tier: 'Standard' });
    expect(got.exitCode).toBe(0);
    expect(got.json).toEqual({
      Parameter: {
        Name: name,
        Type: 'String',
        Value: 'ami-0123456789abcdef0',
        Version: 1,
        LastModifiedDate: cloud.clock.now() / 1000,
        ARN: `arn:aws:ssm:us-east-1:123456789012:parameter${name}`,
        DataType: 'text',
      },
    });
  });

  it('answers ParameterAlreadyExists with exit code 255 when overwriting without --overwrite', async () => {
    // Prepare
    const name = '/goldsmith/cli/existing';
    await aws('ssm', 'put-parameter', '--name', name, '--value', 'one', '--type', 'String');
    // Act
    const result = await aws('ssm', 'put-parameter', '--name', name, '--value', 'two', '--type', 'String');
    // Assess
    expect(result.exitCode).toBe(255);
    expect(result.errorCode).toBe('ParameterAlreadyExists');
    expect(result.errorMessage).toBe('The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  });

  it('answers ParameterNotFound for a parameter that does not exist', async () => {
    // Act
    const result = await aws('ssm', 'get-parameter', '--name', '/goldsmith/cli/missing');
    // Assess
    expect(result.exitCode).toBe(255);
    expect(result.errorCode).toBe('ParameterNotFound');
    expect(result.json).toBeUndefined();
  });

  it('lists the history of every version and labels one, as release promotion does', async () => {
    // Prepare
    const name = '/goldsmith/cli/release';
    await aws('ssm', 'put-parameter', '--name', name, '--value', 'ami-00000000000000001', '--type', 'String');
    cloud.clock.advance(60_000);
    await aws('ssm', 'put-parameter', '--name', name, '--value', 'ami-00000000000000002', '--type', 'String', '--overwrite');
    // Act
    const label = await aws('ssm', 'label-parameter-version', '--name', name, '--parameter-version', '1', '--labels', 'prod');
    const history = await aws('ssm', 'get-parameter-history', '--name', name);
    const byLabel = await aws('ssm', 'get-parameter', '--name', `${name}:prod`);
    // Assess
    expect(label.json).toEqual({ InvalidLabels: [], ParameterVersion: 1 });
    expect(history.exitCode).toBe(0);
    expect(history.json.Parameters.map((p: { Version: number; Value: string; Labels: string[] }) => [p.Version, p.Value, p.Labels])).toEqual([
      [1, 'ami-00000000000000001', ['prod']],
      [2, 'ami-00000000000000002', []],
    ]);
    expect(history.json.Parameters[1].LastModifiedDate - history.json.Parameters[0].LastModifiedDate).toBe(60);
    expect(byLabel.json.Parameter).toMatchObject({ Version: 1, Value: 'ami-00000000000000001', Selector: ':prod' });
  });

  it('follows NextToken across pages when the CLI paginates with --page-size', async () => {
    // Prepare
    const name = '/goldsmith/cli/paged';
    await aws('ssm', 'put-parameter', '--name', name, '--value', 'v1', '--type', 'String');
    for (const value of ['v2', 'v3', 'v4']) await aws('ssm', 'put-parameter', '--name', name, '--value', value, '--overwrite');
    // Act
    const history = await aws('ssm', 'get-parameter-history', '--name', name, '--page-size', '1');
    // Assess
    expect(history.exitCode).toBe(0);
    expect(history.json.Parameters.map((p: { Value: string }) => p.Value)).toEqual(['v1', 'v2', 'v3', 'v4']);
  });

  it('parses LastModifiedDate as a timestamp when botocore is told to', async () => {
    // Prepare
    const name = '/goldsmith/cli/timestamp';
    await aws('ssm', 'put-parameter', '--name', name, '--value', 'x', '--type', 'String');
    // Act
    const got = await awsCliAt(cloud.endpoint, { timestamps: 'iso8601' })('ssm', 'get-parameter', '--name', name);
    // Assess
    expect(got.exitCode).toBe(0);
    expect(new Date(got.json.Parameter.LastModifiedDate).getTime()).toBe(cloud.clock.now());
  });
});
