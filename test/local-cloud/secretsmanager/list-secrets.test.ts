import {
  CreateSecretCommand,
  DescribeSecretCommand,
  ListSecretsCommand,
  type ListSecretsCommandInput,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, type SecretsTestCloud, startSecretsTestCloud } from './secrets-test-cloud.ts';

describe('Secrets Manager: ListSecrets', () => {
  let t: SecretsTestCloud;
  beforeAll(async () => {
    t = await startSecretsTestCloud();
    await t.secrets.send(
      new CreateSecretCommand({ Name: 'prod/slack', SecretString: 'a', Description: 'Slack webhook', Tags: [{ Key: 'team', Value: 'images' }] }),
    );
    t.cloud.clock.advance(1000);
    await t.secrets.send(new CreateSecretCommand({ Name: 'prod/db', SecretString: 'b' }));
    t.cloud.clock.advance(1000);
    await t.secrets.send(new CreateSecretCommand({ Name: 'dev/db', SecretString: 'c' }));
  });
  afterAll(() => t.cloud.stop());

  const names = async (input: ListSecretsCommandInput) => (await t.secrets.send(new ListSecretsCommand(input))).SecretList?.map((s) => s.Name);

  it('lists secrets with their stages and filters them by name, tag and negation', async () => {
    // Act
    const all = await t.secrets.send(new ListSecretsCommand({}));
    const prod = await names({ Filters: [{ Key: 'name', Values: ['PROD/'] }] });
    const tagged = await names({ Filters: [{ Key: 'tag-key', Values: ['team'] }] });
    const notDb = await names({ Filters: [{ Key: 'name', Values: ['!prod/db', '!dev'] }] });
    // Assess
    expect(all.SecretList?.map((s) => s.Name)).toEqual(['prod/slack', 'prod/db', 'dev/db']);
    expect(Object.values(all.SecretList?.[0]?.SecretVersionsToStages ?? {})).toEqual([['AWSCURRENT']]);
    expect(prod).toEqual(['prod/slack', 'prod/db']);
    expect(tagged).toEqual(['prod/slack']);
    expect(notDb).toEqual(['prod/slack']);
  });

  it('sorts newest first and pages', async () => {
    // Act
    const first = await t.secrets.send(new ListSecretsCommand({ SortOrder: 'desc', MaxResults: 2 }));
    const second = await t.secrets.send(new ListSecretsCommand({ SortOrder: 'desc', MaxResults: 2, NextToken: first.NextToken }));
    // Assess
    expect(first.SecretList?.map((s) => s.Name)).toEqual(['dev/db', 'prod/db']);
    expect(second.SecretList?.map((s) => s.Name)).toEqual(['prod/slack']);
    expect(second.NextToken).toBeUndefined();
  });

  it('throws ValidationException for an unknown filter key', async () => {
    // Act
    const call = t.secrets.send(new ListSecretsCommand({ Filters: [{ Key: 'colour' as 'name', Values: ['x'] }] }));
    // Assess
    await expectAwsError(
      call,
      'ValidationException',
      "1 validation error detected: Value 'colour' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [description, name, tag-key, tag-value, primary-region, owning-service, all]",
    );
  });
});

describe('Secrets Manager: TagResource and UntagResource', () => {
  let t: SecretsTestCloud;
  beforeAll(async () => {
    t = await startSecretsTestCloud();
    await t.secrets.send(new CreateSecretCommand({ Name: 'tagged', SecretString: 'a', Tags: [{ Key: 'a', Value: '1' }] }));
  });
  afterAll(() => t.cloud.stop());

  it('adds, overwrites and removes tags', async () => {
    // Act
    await t.secrets.send(
      new TagResourceCommand({
        SecretId: 'tagged',
        Tags: [
          { Key: 'a', Value: '2' },
          { Key: 'b', Value: '3' },
        ],
      }),
    );
    await t.secrets.send(new UntagResourceCommand({ SecretId: 'tagged', TagKeys: ['b'] }));
    // Assess
    const { Tags } = await t.secrets.send(new DescribeSecretCommand({ SecretId: 'tagged' }));
    expect(Tags).toEqual([{ Key: 'a', Value: '2' }]);
  });

  it('throws ResourceNotFoundException for an unknown secret', async () => {
    // Act
    const call = t.secrets.send(new TagResourceCommand({ SecretId: 'untagged', Tags: [{ Key: 'a', Value: '1' }] }));
    // Assess
    await expectAwsError(call, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  });
});
