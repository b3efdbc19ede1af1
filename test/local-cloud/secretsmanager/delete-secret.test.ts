import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  RestoreSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, expectAwsError, type SecretsTestCloud, startSecretsTestCloud } from './secrets-test-cloud.ts';

describe('Secrets Manager: DeleteSecret and RestoreSecret', () => {
  let t: SecretsTestCloud;
  beforeAll(async () => {
    t = await startSecretsTestCloud();
  });
  afterAll(() => t.cloud.stop());

  it('schedules deletion after the recovery window, then purges the secret', async () => {
    // Prepare
    await t.secrets.send(new CreateSecretCommand({ Name: 'delete/windowed', SecretString: 'v' }));
    const now = t.cloud.clock.now();
    // Act
    const deleted = await t.secrets.send(new DeleteSecretCommand({ SecretId: 'delete/windowed', RecoveryWindowInDays: 7 }));
    const read = t.secrets.send(new GetSecretValueCommand({ SecretId: 'delete/windowed' }));
    read.catch(() => undefined);
    const described = await t.secrets.send(new DescribeSecretCommand({ SecretId: 'delete/windowed' }));
    t.cloud.clock.advance(7 * DAY_MS);
    const gone = t.secrets.send(new DescribeSecretCommand({ SecretId: 'delete/windowed' }));
    gone.catch(() => undefined);
    // Assess
    expect(deleted.DeletionDate?.getTime()).toBe(now + 7 * DAY_MS);
    await expectAwsError(read, 'InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
    expect(described.DeletedDate?.getTime()).toBe(now + 7 * DAY_MS);
    await expectAwsError(gone, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  });

  it('hides a secret marked for deletion from ListSecrets unless asked', async () => {
    // Prepare
    await t.secrets.send(new CreateSecretCommand({ Name: 'delete/listed', SecretString: 'v' }));
    await t.secrets.send(new DeleteSecretCommand({ SecretId: 'delete/listed' }));
    // Act
    const plain = await t.secrets.send(new ListSecretsCommand({}));
    const all = await t.secrets.send(new ListSecretsCommand({ IncludePlannedDeletion: true }));
    // Assess
    expect(plain.SecretList?.map((s) => s.Name)).not.toContain('delete/listed');
    expect(all.SecretList?.map((s) => s.Name)).toContain('delete/listed');
  });

  it('restores a secret marked for deletion', async () => {
    // Prepare
    await t.secrets.send(new CreateSecretCommand({ Name: 'delete/restored', SecretString: 'back' }));
    await t.secrets.send(new DeleteSecretCommand({ SecretId: 'delete/restored' }));
    // Act
    await t.secrets.send(new RestoreSecretCommand({ SecretId: 'delete/restored' }));
    // Assess
    expect((await t.secrets.send(new GetSecretValueCommand({ SecretId: 'delete/restored' }))).SecretString).toBe('back');
  });

  it('deletes at once without recovery and lets the name be reused with a new ARN', async () => {
    // Prepare
    const first = await t.secrets.send(new CreateSecretCommand({ Name: 'delete/forced', SecretString: 'v' }));
    // Act
    await t.secrets.send(new DeleteSecretCommand({ SecretId: 'delete/forced', ForceDeleteWithoutRecovery: true }));
    const second = await t.secrets.send(new CreateSecretCommand({ Name: 'delete/forced', SecretString: 'w' }));
    // Assess
    expect(second.ARN).not.toBe(first.ARN);
  });

  it('throws InvalidRequestException when creating a name that is scheduled for deletion', async () => {
    // Prepare
    await t.secrets.send(new CreateSecretCommand({ Name: 'delete/pending', SecretString: 'v' }));
    await t.secrets.send(new DeleteSecretCommand({ SecretId: 'delete/pending' }));
    // Act
    const call = t.secrets.send(new CreateSecretCommand({ Name: 'delete/pending', SecretString: 'v' }));
    // Assess
    await expectAwsError(call, 'InvalidRequestException', "You can't create this secret because a secret with this name is already scheduled for deletion.");
  });

  it('throws InvalidParameterException for a recovery window under 7 days', async () => {
    // Act
    const call = t.secrets.send(new DeleteSecretCommand({ SecretId: 'delete/any', RecoveryWindowInDays: 3 }));
    // Assess
    await expectAwsError(call, 'InvalidParameterException', 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  });

  it('throws InvalidParameterException for both a window and forced deletion', async () => {
    // Act
    const call = t.secrets.send(new DeleteSecretCommand({ SecretId: 'delete/any', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true }));
    // Assess
    await expectAwsError(call, 'InvalidParameterException', "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  });
});
