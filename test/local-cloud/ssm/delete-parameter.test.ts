import { DeleteParameterCommand, DeleteParametersCommand, GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, NO_MESSAGE, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: DeleteParameter', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('deletes the parameter with all its versions and emits a Delete change', async () => {
    // Prepare
    await t.ssm.send(new PutParameterCommand({ Name: '/delete/one', Value: 'a', Type: 'String' }));
    const before = t.cloud.runtime.events.length;
    // Act
    await t.ssm.send(new DeleteParameterCommand({ Name: '/delete/one' }));
    // Assess
    await expectAwsError(t.ssm.send(new GetParameterCommand({ Name: '/delete/one:1' })), 'ParameterNotFound', NO_MESSAGE);
    expect(t.cloud.runtime.events.slice(before).map((e) => e.detail)).toEqual([{ name: '/delete/one', type: 'String', operation: 'Delete' }]);
  });

  it('throws ParameterNotFound for an unknown name', async () => {
    // Act
    const call = t.ssm.send(new DeleteParameterCommand({ Name: '/delete/none' }));
    // Assess
    await expectAwsError(call, 'ParameterNotFound', NO_MESSAGE);
  });
});

describe('SSM: DeleteParameters', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('deletes the parameters that exist and lists the others as invalid', async () => {
    // Prepare
    await t.ssm.send(new PutParameterCommand({ Name: '/batch/a', Value: 'a', Type: 'String' }));
    await t.ssm.send(new PutParameterCommand({ Name: '/batch/b', Value: 'b', Type: 'String' }));
    // Act
    const result = await t.ssm.send(new DeleteParametersCommand({ Names: ['/batch/a', '/batch/missing', '/batch/b'] }));
    // Assess
    expect(result).toMatchObject({ DeletedParameters: ['/batch/a', '/batch/b'], InvalidParameters: ['/batch/missing'] });
  });

  it('throws ValidationException for an empty list', async () => {
    // Act
    const call = t.ssm.send(new DeleteParametersCommand({ Names: [] }));
    // Assess
    await expectAwsError(
      call,
      'ValidationException',
      "1 validation error detected: Value '[]' at 'names' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});
