import { GetParameterCommand, GetParameterHistoryCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: PutParameter', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('creates version 1 and overwrites it as version 2', async () => {
    // Prepare
    const name = '/put/basic';
    // Act
    const created = await t.ssm.send(new PutParameterCommand({ Name: name, Value: 'one', Type: 'String', Description: 'first' }));
    const updated = await t.ssm.send(new PutParameterCommand({ Name: name, Value: 'two', Overwrite: true }));
    // Assess
    expect(created).toMatchObject({ Version: 1, Tier: 'Standard' });
    expect(updated).toMatchObject({ Version: 2, Tier: 'Standard' });
    const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: name }));
    expect(Parameter).toMatchObject({ Name: name, Type: 'String', Value: 'two', Version: 2, DataType: 'text' });
    const { Parameters } = await t.ssm.send(new GetParameterHistoryCommand({ Name: name }));
    expect(Parameters?.map((p) => p.Description)).toEqual(['first', 'first']);
  });

  it('emits a Parameter Store Change event for each create and update', async () => {
    // Prepare
    const name = '/put/events';
    const before = t.cloud.runtime.events.length;
    // Act
    await t.ssm.send(new PutParameterCommand({ Name: name, Value: 'a', Type: 'String' }));
    await t.ssm.send(new PutParameterCommand({ Name: name, Value: 'b', Type: 'String', Overwrite: true }));
    // Assess
    const events = t.cloud.runtime.events.slice(before).filter((e) => e['detail-type'] === 'Parameter Store Change');
    expect(events.map((e) => e.detail)).toEqual([
      { name, type: 'String', operation: 'Create' },
      { name, type: 'String', operation: 'Update' },
    ]);
    expect(events[0]).toMatchObject({ source: 'aws.ssm', resources: ['arn:aws:ssm:us-east-1:123456789012:parameter/put/events'] });
  });

  it('treats a top-level name with and without its leading slash as one parameter', async () => {
    // Prepare
    await t.ssm.send(new PutParameterCommand({ Name: 'TopLevel', Value: 'x', Type: 'String' }));
    // Act
    const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/TopLevel' }));
    // Assess
    expect(Parameter).toMatchObject({ Name: 'TopLevel', Value: 'x', ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/TopLevel' });
  });

  it('moves a value that needs more than 4 KB to the advanced tier under Intelligent-Tiering', async () => {
    // Act
    const result = await t.ssm.send(new PutParameterCommand({ Name: '/put/large', Value: 'x'.repeat(5000), Type: 'String', Tier: 'Intelligent-Tiering' }));
    // Assess
    expect(result.Tier).toBe('Advanced');
  });

  it('throws ParameterAlreadyExists without Overwrite', async () => {
    // Prepare
    await t.ssm.send(new PutParameterCommand({ Name: '/put/exists', Value: 'a', Type: 'String' }));
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: '/put/exists', Value: 'b', Type: 'String' }));
    // Assess
    await expectAwsError(
      call,
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
  });

  it('throws ValidationException for tags with Overwrite', async () => {
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: '/put/tags', Value: 'a', Type: 'String', Overwrite: true, Tags: [{ Key: 'k', Value: 'v' }] }));
    // Assess
    await expectAwsError(
      call,
      'ValidationException',
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  });

  it('throws ValidationException for a new parameter without a type', async () => {
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: '/put/untyped', Value: 'a' }));
    // Assess
    await expectAwsError(call, 'ValidationException', 'A parameter type is required when you create a parameter.');
  });

  it('throws ValidationException for an unknown type and an empty value together', async () => {
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: '/put/bad', Value: '', Type: 'Number' as 'String' }));
    // Assess
    await expectAwsError(
      call,
      'ValidationException',
      "2 validation errors detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1; Value 'Number' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [String, StringList, SecureString]",
    );
  });

  it('throws ParameterPatternMismatchException when an overwrite breaks the allowed pattern', async () => {
    // Prepare
    await t.ssm.send(new PutParameterCommand({ Name: '/put/pattern', Value: '10', Type: 'String', AllowedPattern: '\\d{1,4}' }));
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: '/put/pattern', Value: '10,000', Overwrite: true }));
    // Assess
    await expectAwsError(call, 'ParameterPatternMismatchException', 'Parameter value, cannot be validated against allowedPattern: \\d{1,4}');
  });

  it('throws HierarchyLevelLimitExceededException past 15 levels', async () => {
    // Prepare
    const name = `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`;
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: name, Value: 'a', Type: 'String' }));
    // Assess
    await expectAwsError(call, 'HierarchyLevelLimitExceededException', /^A hierarchy can have a maximum of 15 levels\./);
  });

  it('throws AccessDeniedException for a name under /aws', async () => {
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: '/aws/service/mine', Value: 'a', Type: 'String' }));
    // Assess
    await expectAwsError(call, 'AccessDeniedException', 'No access to reserved parameter name: /aws/service/mine.');
  });

  it('throws ValidationException for a name prefixed with ssm', async () => {
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: 'ssmThing', Value: 'a', Type: 'String' }));
    // Assess
    await expectAwsError(call, 'ValidationException', 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
  });

  it('throws ValidationException for a hierarchy without its leading slash', async () => {
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: 'app/key', Value: 'a', Type: 'String' }));
    // Assess
    await expectAwsError(call, 'ValidationException', 'Parameter name must be a fully qualified name.');
  });

  it('throws ValidationException for a standard value over 4 KB', async () => {
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: '/put/too-large', Value: 'x'.repeat(4097), Type: 'String' }));
    // Assess
    await expectAwsError(call, 'ValidationException', /^Standard tier parameters support a maximum parameter value of 4096 characters\./);
  });

  it('throws ValidationException for a KeyId on a String parameter', async () => {
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: '/put/key', Value: 'a', Type: 'String', KeyId: 'alias/mine' }));
    // Assess
    await expectAwsError(call, 'ValidationException', 'KeyId is required for SecureString type parameter only.');
  });

  it('throws InvalidKeyId for a malformed key id', async () => {
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: '/put/secure', Value: 'a', Type: 'SecureString', KeyId: 'not a key' }));
    // Assess
    await expectAwsError(call, 'InvalidKeyId', "The query key ID isn't valid.");
  });

  it('throws UnsupportedParameterType for an aws:ec2:image SecureString', async () => {
    // Act
    const call = t.ssm.send(new PutParameterCommand({ Name: '/put/image', Value: 'ami-0123456789abcdef0', Type: 'SecureString', DataType: 'aws:ec2:image' }));
    // Assess
    await expectAwsError(call, 'UnsupportedParameterType', 'The aws:ec2:image data type supports String parameters only.');
  });
});
