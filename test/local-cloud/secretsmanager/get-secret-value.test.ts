import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, type SecretsTestCloud, startSecretsTestCloud } from './secrets-test-cloud.ts';

describe('Secrets Manager: GetSecretValue', () => {
  let t: SecretsTestCloud;
  let arn: string;
  let firstVersion: string;
  let secondVersion: string;
  beforeAll(async () => {
    t = await startSecretsTestCloud();
    const created = await t.secrets.send(new CreateSecretCommand({ Name: 'app/db', SecretString: '{"password":"one"}' }));
    arn = created.ARN as string;
    firstVersion = created.VersionId as string;
    secondVersion = (await t.secrets.send(new PutSecretValueCommand({ SecretId: 'app/db', SecretString: '{"password":"two"}' }))).VersionId as string;
  });
  afterAll(() => t.cloud.stop());

  it('returns the AWSCURRENT value by name and by ARN', async () => {
    // Act
    const byName = await t.secrets.send(new GetSecretValueCommand({ SecretId: 'app/db' }));
    const byArn = await t.secrets.send(new GetSecretValueCommand({ SecretId: arn }));
    // Assess
    expect(byName).toMatchObject({ ARN: arn, Name: 'app/db', VersionId: secondVersion, SecretString: '{"password":"two"}', VersionStages: ['AWSCURRENT'] });
    expect(byName.CreatedDate).toBeInstanceOf(Date);
    expect(byArn.VersionId).toBe(secondVersion);
  });

  it('returns an earlier value by stage or by version id', async () => {
    // Act
    const previous = await t.secrets.send(new GetSecretValueCommand({ SecretId: 'app/db', VersionStage: 'AWSPREVIOUS' }));
    const byId = await t.secrets.send(new GetSecretValueCommand({ SecretId: 'app/db', VersionId: firstVersion }));
    // Assess
    expect(previous).toMatchObject({ VersionId: firstVersion, SecretString: '{"password":"one"}', VersionStages: ['AWSPREVIOUS'] });
    expect(byId.SecretString).toBe('{"password":"one"}');
  });

  it('throws ResourceNotFoundException for an unknown secret', async () => {
    // Act
    const call = t.secrets.send(new GetSecretValueCommand({ SecretId: 'app/none' }));
    // Assess
    await expectAwsError(call, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  });

  it('throws ResourceNotFoundException for an unknown staging label', async () => {
    // Act
    const call = t.secrets.send(new GetSecretValueCommand({ SecretId: 'app/db', VersionStage: 'AWSPENDING' }));
    // Assess
    await expectAwsError(call, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSPENDING");
  });

  it('throws ResourceNotFoundException for a secret created without a value', async () => {
    // Prepare
    await t.secrets.send(new CreateSecretCommand({ Name: 'app/empty' }));
    // Act
    const call = t.secrets.send(new GetSecretValueCommand({ SecretId: 'app/empty' }));
    // Assess
    await expectAwsError(call, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
  });

  it('throws InvalidRequestException for a stage the version does not carry', async () => {
    // Act
    const call = t.secrets.send(new GetSecretValueCommand({ SecretId: 'app/db', VersionId: firstVersion, VersionStage: 'AWSCURRENT' }));
    // Assess
    await expectAwsError(call, 'InvalidRequestException', 'You provided a VersionStage that is not associated to the provided VersionId.');
  });
});
