import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParametersCommand, LabelParameterVersionCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, NO_MESSAGE, type SsmTestCloud, startSsmTestCloud } from './ssm-test-cloud.ts';

describe('SSM: GetParameter', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
    await t.ssm.send(new PutParameterCommand({ Name: '/get/app', Value: 'v1', Type: 'String' }));
    await t.ssm.send(new PutParameterCommand({ Name: '/get/app', Value: 'v2', Overwrite: true }));
    await t.ssm.send(new PutParameterCommand({ Name: '/get/app', Value: 'v3', Overwrite: true }));
    await t.ssm.send(new LabelParameterVersionCommand({ Name: '/get/app', ParameterVersion: 2, Labels: ['stable'] }));
  });
  afterAll(() => t.cloud.stop());

  it('returns the latest version with its ARN', async () => {
    // Act
    const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/get/app' }));
    // Assess
    expect(Parameter).toMatchObject({
      Name: '/get/app',
      Type: 'String',
      Value: 'v3',
      Version: 3,
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/get/app',
      DataType: 'text',
    });
    expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
    expect(Parameter?.Selector).toBeUndefined();
  });

  it('selects a version by number and by label', async () => {
    // Act
    const byVersion = await t.ssm.send(new GetParameterCommand({ Name: '/get/app:1' }));
    const byLabel = await t.ssm.send(new GetParameterCommand({ Name: '/get/app:stable' }));
    // Assess
    expect(byVersion.Parameter).toMatchObject({ Name: '/get/app', Value: 'v1', Version: 1, Selector: ':1' });
    expect(byLabel.Parameter).toMatchObject({ Name: '/get/app', Value: 'v2', Version: 2, Selector: ':stable' });
  });

  it('returns a SecureString encrypted unless decryption is asked for', async () => {
    // Prepare
    await t.ssm.send(new PutParameterCommand({ Name: '/get/secret', Value: 'hunter2', Type: 'SecureString' }));
    // Act
    const encrypted = await t.ssm.send(new GetParameterCommand({ Name: '/get/secret' }));
    const decrypted = await t.ssm.send(new GetParameterCommand({ Name: '/get/secret', WithDecryption: true }));
    // Assess
    expect(encrypted.Parameter?.Value).not.toContain('hunter2');
    expect(encrypted.Parameter?.Value).toMatch(/^AQICAH[A-Za-z0-9+/]+=*$/);
    expect(decrypted.Parameter?.Value).toBe('hunter2');
  });

  it('reads a Secrets Manager secret through /aws/reference/secretsmanager', async () => {
    // Prepare
    const secrets = new SecretsManagerClient(t.cloud.config());
    const created = await secrets.send(new CreateSecretCommand({ Name: 'slack/webhook', SecretString: 'https://hooks.example/x' }));
    // Act
    const { Parameter } = await t.ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/slack/webhook', WithDecryption: true }));
    // Assess
    expect(Parameter).toMatchObject({ Type: 'SecureString', Value: 'https://hooks.example/x', ARN: created.ARN });
    expect(JSON.parse(Parameter?.SourceResult as string)).toMatchObject({ Name: 'slack/webhook', VersionStages: ['AWSCURRENT'] });
  });

  it('throws ValidationException for a secret reference without decryption', async () => {
    // Act
    const call = t.ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/slack/webhook' }));
    // Assess
    await expectAwsError(call, 'ValidationException', 'WithDecryption flag must be True for retrieving a Secret Manager secret.');
  });

  it('throws ParameterNotFound for an unknown name', async () => {
    // Act
    const call = t.ssm.send(new GetParameterCommand({ Name: '/get/none' }));
    // Assess
    await expectAwsError(call, 'ParameterNotFound', NO_MESSAGE);
  });

  it('throws ParameterVersionNotFound for an unknown version', async () => {
    // Act
    const call = t.ssm.send(new GetParameterCommand({ Name: '/get/app:9' }));
    // Assess
    await expectAwsError(call, 'ParameterVersionNotFound', 'Systems Manager could not find version 9 of /get/app. Verify the version and try again.');
  });

  it('throws ParameterNotFound for an unknown label', async () => {
    // Act
    const call = t.ssm.send(new GetParameterCommand({ Name: '/get/app:nolabel' }));
    // Assess
    await expectAwsError(call, 'ParameterNotFound', NO_MESSAGE);
  });
});

describe('SSM: GetParameters', () => {
  let t: SsmTestCloud;
  beforeAll(async () => {
    t = await startSsmTestCloud();
    await t.ssm.send(new PutParameterCommand({ Name: '/many/a', Value: 'A', Type: 'String' }));
    await t.ssm.send(new PutParameterCommand({ Name: '/many/b', Value: 'B1,B2', Type: 'StringList' }));
  });
  afterAll(() => t.cloud.stop());

  it('returns the parameters found and lists the others as invalid', async () => {
    // Act
    const result = await t.ssm.send(new GetParametersCommand({ Names: ['/many/a', '/many/b', '/many/missing', '/many/a:7'] }));
    // Assess
    expect(result.Parameters?.map((p) => [p.Name, p.Value, p.Type])).toEqual([
      ['/many/a', 'A', 'String'],
      ['/many/b', 'B1,B2', 'StringList'],
    ]);
    expect(result.InvalidParameters).toEqual(['/many/missing', '/many/a:7']);
  });

  it('throws ValidationException for more than 10 names', async () => {
    // Prepare
    const names = Array.from({ length: 11 }, (_, i) => `/many/n${i}`);
    // Act
    const call = t.ssm.send(new GetParametersCommand({ Names: names }));
    // Assess
    await expectAwsError(
      call,
      'ValidationException',
      `1 validation error detected: Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: Member must have length less than or equal to 10`,
    );
  });
});
