import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../harness.ts';

describe('STS: GetCallerIdentity', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startTestCloud();
  });
  afterAll(() => cloud.stop());

  it('returns the default account for test credentials', async () => {
    // Prepare
    const sts = new STSClient(cloud.config());
    // Act
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    // Assess
    expect(identity.Account).toBe('123456789012');
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/local');
  });

  it('returns the account named by a 12-digit access key id', async () => {
    const sts = new STSClient({ ...cloud.config(), credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('111122223333');
  });
});
