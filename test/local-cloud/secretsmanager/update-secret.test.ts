import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, type SecretsTestCloud, startSecretsTestCloud } from './secrets-test-cloud.ts';

describe('Secrets Manager: UpdateSecret and DescribeSecret', () => {
  let t: SecretsTestCloud;
  beforeAll(async () => {
    t = await startSecretsTestCloud();
    await t.secrets.send(new CreateSecretCommand({ Name: 'update/me', SecretString: 'one', Description: 'before' }));
  });
  afterAll(() => t.cloud.stop());

  it('updates the description and adds a current version for a new value', async () => {
    // Prepare
    t.cloud.clock.advance(60_000);
    // Act
    const updated = await t.secrets.send(
      new UpdateSecretCommand({ SecretId: 'update/me', Description: 'after', SecretString: 'two', KmsKeyId: 'alias/goldsmith' }),
    );
    // Assess
    const described = await t.secrets.send(new DescribeSecretCommand({ SecretId: 'update/me' }));
    expect(described).toMatchObject({ Description: 'after', KmsKeyId: 'alias/goldsmith' });
    expect(described.LastChangedDate?.getTime()).toBeGreaterThan(described.CreatedDate?.getTime() as number);
    expect((await t.secrets.send(new GetSecretValueCommand({ SecretId: 'update/me' }))).VersionId).toBe(updated.VersionId);
  });

  it('updates metadata without a new version when no value is given', async () => {
    // Act
    const updated = await t.secrets.send(new UpdateSecretCommand({ SecretId: 'update/me', Description: 'only this' }));
    // Assess
    expect(updated.VersionId).toBeUndefined();
    expect((await t.secrets.send(new GetSecretValueCommand({ SecretId: 'update/me' }))).SecretString).toBe('two');
  });

  it('throws ResourceNotFoundException for an unknown secret', async () => {
    // Act
    const update = t.secrets.send(new UpdateSecretCommand({ SecretId: 'update/none', Description: 'x' }));
    const describe = t.secrets.send(new DescribeSecretCommand({ SecretId: 'update/none' }));
    describe.catch(() => undefined);
    // Assess
    await expectAwsError(update, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    await expectAwsError(describe, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  });
});
