import { CreateSecretCommand, DescribeSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, type SecretsTestCloud, startSecretsTestCloud } from './secrets-test-cloud.ts';

describe('Secrets Manager: PutSecretValue', () => {
  let t: SecretsTestCloud;
  beforeAll(async () => {
    t = await startSecretsTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('moves AWSCURRENT to the new version and AWSPREVIOUS to the one before', async () => {
    // Prepare
    const v1 = (await t.secrets.send(new CreateSecretCommand({ Name: 'rotate', SecretString: 'one' }))).VersionId as string;
    // Act
    const v2 = await t.secrets.send(new PutSecretValueCommand({ SecretId: 'rotate', SecretString: 'two' }));
    const v3 = await t.secrets.send(new PutSecretValueCommand({ SecretId: 'rotate', SecretString: 'three' }));
    // Assess
    expect(v3.VersionStages).toEqual(['AWSCURRENT']);
    const { VersionIdsToStages } = await t.secrets.send(new DescribeSecretCommand({ SecretId: 'rotate' }));
    expect(VersionIdsToStages).toEqual({ [v2.VersionId as string]: ['AWSPREVIOUS'], [v3.VersionId as string]: ['AWSCURRENT'] });
    expect(VersionIdsToStages).not.toHaveProperty(v1);
  });

  it('changes nothing when a request is retried with the same ClientRequestToken', async () => {
    // Prepare
    await t.secrets.send(new CreateSecretCommand({ Name: 'idempotent', SecretString: 'one' }));
    const token = 'b'.repeat(32);
    await t.secrets.send(new PutSecretValueCommand({ SecretId: 'idempotent', SecretString: 'two', ClientRequestToken: token }));
    // Act
    const again = await t.secrets.send(new PutSecretValueCommand({ SecretId: 'idempotent', SecretString: 'two', ClientRequestToken: token }));
    // Assess
    expect(again).toMatchObject({ VersionId: token, VersionStages: ['AWSCURRENT'] });
    const { VersionIdsToStages } = await t.secrets.send(new DescribeSecretCommand({ SecretId: 'idempotent' }));
    expect(Object.values(VersionIdsToStages ?? {})).toEqual([['AWSPREVIOUS'], ['AWSCURRENT']]);
  });

  it('throws ResourceExistsException for a reused token with another value', async () => {
    // Prepare
    await t.secrets.send(new CreateSecretCommand({ Name: 'reused', SecretString: 'one' }));
    const token = 'c'.repeat(32);
    await t.secrets.send(new PutSecretValueCommand({ SecretId: 'reused', SecretString: 'two', ClientRequestToken: token }));
    // Act
    const call = t.secrets.send(new PutSecretValueCommand({ SecretId: 'reused', SecretString: 'three', ClientRequestToken: token }));
    // Assess
    await expectAwsError(call, 'ResourceExistsException', "You can't modify an existing version, you can only create a new version.");
  });

  it('throws ResourceNotFoundException for an unknown secret', async () => {
    // Act
    const call = t.secrets.send(new PutSecretValueCommand({ SecretId: 'none', SecretString: 'x' }));
    // Assess
    await expectAwsError(call, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  });
});
