import type {
  GetSecretValueCommandInput,
  GetSecretValueCommandOutput,
  ListSecretVersionIdsCommandInput,
  ListSecretVersionIdsCommandOutput,
  PutSecretValueCommandInput,
  PutSecretValueCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import type { RequestContext } from '../../service.ts';
import { Constraints } from '../ssm/constraints.ts';
import { markedForDeletion, secretValueNotFound, stageVersionMismatch } from './errors.ts';
import { page } from './pagination.ts';
import { dayOf, requireSecret } from './secret-lookup.ts';
import { addVersion, checkClientRequestToken, checkSecretValue } from './secret-versions.ts';

type Output<T> = Omit<T, '$metadata'>;

export function getSecretValue(input: GetSecretValueCommandInput, ctx: RequestContext): Output<GetSecretValueCommandOutput> {
  new Constraints().length(input.VersionId, 'versionId', 32, 64).length(input.VersionStage, 'versionStage', 1, 256).check();
  const secret = requireSecret(ctx, input.SecretId);
  if (secret.deletionDate !== undefined) throw markedForDeletion();
  const byId = input.VersionId === undefined ? undefined : secret.versions.find((v) => v.versionId === input.VersionId);
  if (input.VersionId !== undefined && !byId) throw secretValueNotFound('VersionId', input.VersionId);
  const stage = input.VersionStage ?? (byId ? undefined : 'AWSCURRENT');
  if (byId && input.VersionStage !== undefined && !byId.stages.includes(input.VersionStage)) throw stageVersionMismatch();
  const version = byId ?? secret.versions.find((v) => v.stages.includes(stage as string));
  if (!version) throw secretValueNotFound('staging label', stage as string);
  const today = dayOf(ctx.cloud.clock.now());
  version.lastAccessedAt = today;
  secret.lastAccessedAt = today;
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    SecretString: version.secretString,
    SecretBinary: version.secretBinary === undefined ? undefined : Buffer.from(version.secretBinary, 'base64'),
    VersionStages: [...version.stages],
    CreatedDate: new Date(version.createdAt),
  };
}

export function putSecretValue(input: PutSecretValueCommandInput, ctx: RequestContext): Output<PutSecretValueCommandOutput> {
  checkClientRequestToken(input.ClientRequestToken);
  const constraints = new Constraints().length(input.VersionStages, 'versionStages', 1, 20);
  (input.VersionStages ?? []).forEach((stage, i) => {
    constraints.length(stage, `versionStages.${i + 1}.member`, 1, 256);
  });
  constraints.check();
  const value = { secretString: input.SecretString, secretBinary: input.SecretBinary };
  checkSecretValue(value, true);
  const secret = requireSecret(ctx, input.SecretId);
  if (secret.deletionDate !== undefined) throw markedForDeletion();
  const version = addVersion(secret, value, input.ClientRequestToken, input.VersionStages ?? ['AWSCURRENT'], ctx.cloud.clock.now());
  return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, VersionStages: [...version.stages] };
}

export function listSecretVersionIds(input: ListSecretVersionIdsCommandInput, ctx: RequestContext): Output<ListSecretVersionIdsCommandOutput> {
  new Constraints().range(input.MaxResults, 'maxResults', 1, 100).check();
  const secret = requireSecret(ctx, input.SecretId);
  const versions = secret.versions
    .filter((v) => input.IncludeDeprecated === true || v.stages.length > 0)
    .map((v) => ({
      VersionId: v.versionId,
      VersionStages: [...v.stages],
      LastAccessedDate: v.lastAccessedAt === undefined ? undefined : new Date(v.lastAccessedAt),
      CreatedDate: new Date(v.createdAt),
      KmsKeyIds: [secret.kmsKeyId ?? 'DefaultEncryptionKey'],
    }));
  const { items, nextToken } = page(versions, input.MaxResults ?? 100, input.NextToken);
  return { Versions: items, NextToken: nextToken, ARN: secret.arn, Name: secret.name };
}
