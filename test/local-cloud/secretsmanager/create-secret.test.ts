import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, type SecretsTestCloud, startSecretsTestCloud } from './secrets-test-cloud.ts';

describe('Secrets Manager: CreateSecret', () => {
  let t: SecretsTestCloud;
  beforeAll(async () => {
    t = await startSecretsTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('creates a secret whose ARN ends in a random six-character suffix', async () => {
    // Act
    const created = await t.secrets.send(
      new CreateSecretCommand({
        Name: 'goldsmith/slack-webhook',
        SecretString: 'https://hooks.slack.com/x',
        Description: 'Slack',
        Tags: [{ Key: 'app', Value: 'goldsmith' }],
      }),
    );
    // Assess
    expect(created.Name).toBe('goldsmith/slack-webhook');
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:goldsmith\/slack-webhook-[A-Za-z0-9]{6}$/);
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    const described = await t.secrets.send(new DescribeSecretCommand({ SecretId: created.ARN }));
    expect(described).toMatchObject({ Name: 'goldsmith/slack-webhook', Description: 'Slack', Tags: [{ Key: 'app', Value: 'goldsmith' }] });
    expect(described.VersionIdsToStages).toEqual({ [created.VersionId as string]: ['AWSCURRENT'] });
  });

  it('stores a binary secret', async () => {
    // Act
    await t.secrets.send(new CreateSecretCommand({ Name: 'binary', SecretBinary: new Uint8Array([0, 1, 2, 255]) }));
    const value = await t.secrets.send(new GetSecretValueCommand({ SecretId: 'binary' }));
    // Assess
    expect([...(value.SecretBinary ?? [])]).toEqual([0, 1, 2, 255]);
    expect(value.SecretString).toBeUndefined();
  });

  it('answers a retried request with the same ClientRequestToken again', async () => {
    // Prepare
    const token = 'a'.repeat(32);
    const first = await t.secrets.send(new CreateSecretCommand({ Name: 'retried', SecretString: 'v', ClientRequestToken: token }));
    // Act
    const again = await t.secrets.send(new CreateSecretCommand({ Name: 'retried', SecretString: 'v', ClientRequestToken: token }));
    // Assess
    expect(again).toMatchObject({ ARN: first.ARN, VersionId: token });
  });

  it('throws ResourceExistsException for a name in use', async () => {
    // Prepare
    await t.secrets.send(new CreateSecretCommand({ Name: 'taken', SecretString: 'v' }));
    // Act
    const call = t.secrets.send(new CreateSecretCommand({ Name: 'taken', SecretString: 'w' }));
    // Assess
    await expectAwsError(call, 'ResourceExistsException', 'The operation failed because the secret taken already exists.');
  });

  it('throws InvalidParameterException for both a string and a binary value', async () => {
    // Act
    const call = t.secrets.send(new CreateSecretCommand({ Name: 'both', SecretString: 'v', SecretBinary: new Uint8Array([1]) }));
    // Assess
    await expectAwsError(call, 'InvalidParameterException', "You can't specify both a binary secret value and a string secret value in the same secret.");
  });

  it('throws ValidationException for a name with invalid characters', async () => {
    // Act
    const call = t.secrets.send(new CreateSecretCommand({ Name: 'bad name!', SecretString: 'v' }));
    // Assess
    await expectAwsError(
      call,
      'ValidationException',
      'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
    );
  });
});
