import { GetParameterCommand, GetParameterHistoryCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_VALIDATION_DELAY_MS } from '../../../local-cloud/services/ssm/image-validation.ts';
import { expectAwsError, NO_MESSAGE, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: PutParameter with DataType aws:ec2:image', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
  });
  afterAll(() => t.cloud.stop());

  const changes = (name: string) => t.cloud.runtime.events.filter((e) => e['detail-type'] === 'Parameter Store Change' && e.detail.name === name);

  it('returns a version at once and makes the parameter visible once the AMI is validated', async () => {
    // Prepare
    const imageId = t.registerImage();
    const name = '/images/golden';
    // Act
    const put = await t.ssm.send(new PutParameterCommand({ Name: name, Value: imageId, Type: 'String', DataType: 'aws:ec2:image' }));
    const before = t.ssm.send(new GetParameterCommand({ Name: name }));
    await expectAwsError(before, 'ParameterNotFound', NO_MESSAGE);
    t.cloud.clock.advance(IMAGE_VALIDATION_DELAY_MS);
    await new Promise((resolve) => setImmediate(resolve));
    // Assess
    expect(put.Version).toBe(1);
    const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: name }));
    expect(Parameter).toMatchObject({ Value: imageId, Version: 1, DataType: 'aws:ec2:image' });
    expect(changes(name).map((e) => e.detail)).toEqual([{ dataType: 'aws:ec2:image', name, type: 'String', operation: 'Create' }]);
  });

  it('creates nothing for a missing AMI and reports "Unable to Describe Resource"', async () => {
    // Prepare
    const name = '/images/missing';
    // Act
    const put = await t.ssm.send(new PutParameterCommand({ Name: name, Value: 'ami-0123456789abcdef0', Type: 'String', DataType: 'aws:ec2:image' }));
    t.cloud.clock.advance(IMAGE_VALIDATION_DELAY_MS);
    await new Promise((resolve) => setImmediate(resolve));
    // Assess
    expect(put.Version).toBe(1);
    await expectAwsError(t.ssm.send(new GetParameterCommand({ Name: name })), 'ParameterNotFound', NO_MESSAGE);
    expect(changes(name).map((e) => e.detail)).toEqual([
      { exception: 'Unable to Describe Resource', dataType: 'aws:ec2:image', name, type: 'String', operation: 'Create' },
    ]);
  });

  it('keeps the previous version when an update names a malformed AMI id', async () => {
    // Prepare
    const imageId = t.registerImage();
    const name = '/images/update';
    await t.ssm.send(new PutParameterCommand({ Name: name, Value: imageId, Type: 'String', DataType: 'aws:ec2:image' }));
    t.cloud.clock.advance(IMAGE_VALIDATION_DELAY_MS);
    await new Promise((resolve) => setImmediate(resolve));
    // Act
    const put = await t.ssm.send(new PutParameterCommand({ Name: name, Value: 'not-an-ami', Overwrite: true }));
    t.cloud.clock.advance(IMAGE_VALIDATION_DELAY_MS);
    await new Promise((resolve) => setImmediate(resolve));
    // Assess
    expect(put.Version).toBe(2);
    const { Parameters } = await t.ssm.send(new GetParameterHistoryCommand({ Name: name }));
    expect(Parameters?.map((p) => [p.Version, p.Value])).toEqual([[1, imageId]]);
    expect(changes(name).at(-1)?.detail).toMatchObject({ exception: 'Unable to Describe Resource', operation: 'Update' });
  });

  it('throws TooManyUpdates while the previous value is still being validated', async () => {
    // Prepare
    const imageId = t.registerImage();
    const name = '/images/busy';
    await t.ssm.send(new PutParameterCommand({ Name: name, Value: imageId, Type: 'String', DataType: 'aws:ec2:image' }));
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: name, Value: imageId, Type: 'String', DataType: 'aws:ec2:image', Overwrite: true }));
    // Assess
    await expectAwsError(call, 'TooManyUpdates', 'There are concurrent updates for a resource that supports one update at a time.');
  });

  it('throws ValidationException for an unsupported data type', async () => {
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: '/images/odd', Value: 'a', Type: 'String', DataType: 'AWS:EC2:IMAGE' }));
    // Assess
    await expectAwsError(call, 'ValidationException', 'The following data type is not supported: AWS:EC2:IMAGE (Data type names are all lowercase.)');
  });
});
