import { DescribeParametersCommand, type DescribeParametersCommandInput, PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_VALIDATION_DELAY_MS } from '../../../local-cloud/services/ssm/image-validation.ts';
import { expectAwsError, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: DescribeParameters', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
    await t.ssm.send(new PutParameterCommand({ Name: '/fleet/web/ami', Value: t.registerImage(), Type: 'String', DataType: 'aws:ec2:image' }));
    await t.ssm.send(new PutParameterCommand({ Name: '/fleet/web/port', Value: '80', Type: 'String', Description: 'port' }));
    await t.ssm.send(new PutParameterCommand({ Name: '/fleet/db/password', Value: 'pw', Type: 'SecureString' }));
    await t.ssm.send(new PutParameterCommand({ Name: '/other/x', Value: 'x', Type: 'StringList' }));
    t.cloud.clock.advance(IMAGE_VALIDATION_DELAY_MS);
    await new Promise((resolve) => setImmediate(resolve));
  });
  afterAll(() => t.cloud.stop());

  const names = async (input: DescribeParametersCommandInput) => (await t.ssm.send(new DescribeParametersCommand(input))).Parameters?.map((p) => p.Name);

  it('filters by name prefix, path, type and data type', async () => {
    // Act
    const byPrefix = await names({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/fleet/web'] }] });
    const byPath = await names({ ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/fleet'] }] });
    const byType = await names({ ParameterFilters: [{ Key: 'Type', Values: ['SecureString', 'StringList'] }] });
    const byDataType = await names({ ParameterFilters: [{ Key: 'DataType', Values: ['aws:ec2:image'] }] });
    // Assess
    expect(byPrefix).toEqual(['/fleet/web/ami', '/fleet/web/port']);
    expect(byPath).toEqual(['/fleet/db/password', '/fleet/web/ami', '/fleet/web/port']);
    expect(byType).toEqual(['/fleet/db/password', '/other/x']);
    expect(byDataType).toEqual(['/fleet/web/ami']);
  });

  it('describes metadata without values', async () => {
    // Act
    const { Parameters } = await t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/fleet/web/port'] }] }));
    // Assess
    expect(Parameters).toHaveLength(1);
    expect(Parameters?.[0]).toMatchObject({ Name: '/fleet/web/port', Type: 'String', Description: 'port', Version: 1, Tier: 'Standard', DataType: 'text' });
    expect(Parameters?.[0]).not.toHaveProperty('Value');
  });

  it('pages with MaxResults and NextToken', async () => {
    // Act
    const first = await t.ssm.send(new DescribeParametersCommand({ MaxResults: 3 }));
    const second = await t.ssm.send(new DescribeParametersCommand({ MaxResults: 3, NextToken: first.NextToken }));
    // Assess
    expect(first.Parameters).toHaveLength(3);
    expect(second.Parameters?.map((p) => p.Name)).toEqual(['/other/x']);
  });

  it('throws InvalidFilterKey for a Label filter', async () => {
    // Act
    const call = t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Label', Values: ['x'] }] }));
    // Assess
    await expectAwsError(call, 'InvalidFilterKey', 'The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier].');
  });

  it('throws InvalidFilterOption for a Path filter option', async () => {
    // Act
    const call = t.ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Option: 'Equals', Values: ['/fleet'] }] }));
    // Assess
    await expectAwsError(call, 'InvalidFilterOption', 'The following filter option is not valid: Equals. Valid options include: [Recursive, OneLevel].');
  });

  it('throws ValidationException for Filters and ParameterFilters together', async () => {
    // Act
    const call = t.ssm.send(
      new DescribeParametersCommand({ Filters: [{ Key: 'Name', Values: ['/fleet'] }], ParameterFilters: [{ Key: 'Type', Values: ['String'] }] }),
    );
    // Assess
    await expectAwsError(call, 'ValidationException', 'You can use either Filters or ParameterFilters in a single request.');
  });
});
