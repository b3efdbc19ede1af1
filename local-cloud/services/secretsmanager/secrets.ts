import type {
  CreateSecretCommandInput,
  CreateSecretCommandOutput,
  DeleteSecretCommandInput,
  DeleteSecretCommandOutput,
  DescribeSecretCommandInput,
  DescribeSecretCommandOutput,
  Filter,
  ListSecretsCommandInput,
  ListSecretsCommandOutput,
  RestoreSecretCommandInput,
  RestoreSecretCommandOutput,
  SecretListEntry,
  TagResourceCommandInput,
  TagResourceCommandOutput,
  UntagResourceCommandInput,
  UntagResourceCommandOutput,
  UpdateSecretCommandInput,
  UpdateSecretCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import type { RequestContext } from '../../service.ts';
import { Constraints } from '../ssm/constraints.ts';
import { alreadyMarkedDeleted, invalidParameter, markedForDeletion, nameScheduledForDeletion, secretExists, validation } from './errors.ts';
import { page } from './pagination.ts';
import { newSecretArn, requireSecret, secretsOf } from './secret-lookup.ts';
import { addVersion, checkClientRequestToken, checkSecretValue, hasValue } from './secret-versions.ts';
import type { SecretRecord } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const NAME = /^[a-zA-Z0-9/_+=.@-]+$/;
const MAX_TAGS = 50;
const FILTER_KEYS = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'];

function checkTags(tags: Array<{ Key?: string; Value?: string }> | undefined): void {
  const constraints = new Constraints();
  (tags ?? []).forEach((tag, i) => {
    constraints
      .required(tag.Key, `tags.${i + 1}.member.key`)
      .length(tag.Key, `tags.${i + 1}.member.key`, 1, 128)
      .length(tag.Value, `tags.${i + 1}.member.value`, 0, 256);
  });
  constraints.check();
}

function mergeTags(secret: SecretRecord, tags: Array<{ Key?: string; Value?: string }>): void {
  const merged = new Map(secret.tags.map((t) => [t.Key, t.Value]));
  for (const tag of tags) merged.set(tag.Key as string, tag.Value ?? '');
  if (merged.size > MAX_TAGS) throw invalidParameter(`You can't have more than ${MAX_TAGS} tags on a secret.`);
  secret.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
}

function versionsToStages(secret: SecretRecord): Record<string, string[]> {
  return Object.fromEntries(secret.versions.filter((v) => v.stages.length > 0).map((v) => [v.versionId, [...v.stages]]));
}

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function createSecret(input: CreateSecretCommandInput, ctx: RequestContext): Output<CreateSecretCommandOutput> {
  new Constraints()
    .required(input.Name, 'name')
    .length(input.Name, 'name', 1, 512)
    .length(input.Description, 'description', 0, 2048)
    .length(input.KmsKeyId, 'kmsKeyId', 0, 2048)
    .check();
  checkClientRequestToken(input.ClientRequestToken);
  checkTags(input.Tags);
  const name = input.Name as string;
  if (!NAME.test(name)) throw validation('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  const value = { secretString: input.SecretString, secretBinary: input.SecretBinary };
  checkSecretValue(value, false);
  const state = secretsOf(ctx);
  const existing = state.secrets[name];
  if (existing) {
    if (existing.deletionDate !== undefined) throw nameScheduledForDeletion();
    // A retried request (same ClientRequestToken, same value) succeeds again without change.
    const retried = input.ClientRequestToken !== undefined && existing.versions.find((v) => v.versionId === input.ClientRequestToken);
    if (!retried) throw secretExists(name);
    addVersion(existing, value, input.ClientRequestToken, ['AWSCURRENT'], ctx.cloud.clock.now());
    return { ARN: existing.arn, Name: existing.name, VersionId: retried.versionId };
  }
  const now = ctx.cloud.clock.now();
  const secret: SecretRecord = {
    arn: newSecretArn(ctx, name),
    name,
    description: input.Description,
    kmsKeyId: input.KmsKeyId,
    tags: [],
    createdAt: now,
    lastChangedAt: now,
    versions: [],
  };
  mergeTags(secret, input.Tags ?? []);
  const version = hasValue(value) ? addVersion(secret, value, input.ClientRequestToken, ['AWSCURRENT'], now) : undefined;
  state.secrets[name] = secret;
  return { ARN: secret.arn, Name: secret.name, VersionId: version?.versionId };
}

export function describeSecret(input: DescribeSecretCommandInput, ctx: RequestContext): Output<DescribeSecretCommandOutput> {
  const secret = requireSecret(ctx, input.SecretId);
  return {
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description,
    KmsKeyId: secret.kmsKeyId,
    LastChangedDate: date(secret.lastChangedAt),
    LastAccessedDate: date(secret.lastAccessedAt),
    DeletedDate: date(secret.deletionDate),
    Tags: secret.tags.length ? secret.tags : undefined,
    VersionIdsToStages: versionsToStages(secret),
    CreatedDate: date(secret.createdAt),
  };
}

export function updateSecret(input: UpdateSecretCommandInput, ctx: RequestContext): Output<UpdateSecretCommandOutput> {
  new Constraints().length(input.Description, 'description', 0, 2048).length(input.KmsKeyId, 'kmsKeyId', 0, 2048).check();
  checkClientRequestToken(input.ClientRequestToken);
  const value = { secretString: input.SecretString, secretBinary: input.SecretBinary };
  checkSecretValue(value, false);
  const secret = requireSecret(ctx, input.SecretId);
  if (secret.deletionDate !== undefined) throw markedForDeletion();
  const now = ctx.cloud.clock.now();
  if (input.Description !== undefined) secret.description = input.Description;
  if (input.KmsKeyId !== undefined) secret.kmsKeyId = input.KmsKeyId;
  secret.lastChangedAt = now;
  const version = hasValue(value) ? addVersion(secret, value, input.ClientRequestToken, ['AWSCURRENT'], now) : undefined;
  return { ARN: secret.arn, Name: secret.name, VersionId: version?.versionId };
}

export function deleteSecret(input: DeleteSecretCommandInput, ctx: RequestContext): Output<DeleteSecretCommandOutput> {
  const window = input.RecoveryWindowInDays;
  if (window !== undefined && input.ForceDeleteWithoutRecovery)
    throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  if (window !== undefined && (window < 7 || window > 30)) throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  const secret = requireSecret(ctx, input.SecretId);
  const now = ctx.cloud.clock.now();
  if (input.ForceDeleteWithoutRecovery) {
    delete secretsOf(ctx).secrets[secret.name];
    return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(now) };
  }
  if (secret.deletionDate !== undefined) throw alreadyMarkedDeleted();
  secret.deletionDate = now + (window ?? 30) * 86_400_000;
  return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(secret.deletionDate) };
}

export function restoreSecret(input: RestoreSecretCommandInput, ctx: RequestContext): Output<RestoreSecretCommandOutput> {
  const secret = requireSecret(ctx, input.SecretId);
  secret.deletionDate = undefined;
  return { ARN: secret.arn, Name: secret.name };
}

/** ListSecrets filters: prefix matches, case-insensitive; a value starting with `!` excludes. */
function matchesFilter(secret: SecretRecord, filter: Filter): boolean {
  const candidates = (key: string): string[] => {
    switch (key) {
      case 'name':
        return [secret.name];
      case 'description':
        return [secret.description ?? ''];
      case 'tag-key':
        return secret.tags.map((t) => t.Key);
      case 'tag-value':
        return secret.tags.map((t) => t.Value);
      case 'all':
        return [secret.name, secret.description ?? '', ...secret.tags.flatMap((t) => [t.Key, t.Value])];
      default:
        return [];
    }
  };
  const fields = candidates(filter.Key as string).map((f) => f.toLowerCase());
  const values = filter.Values ?? [];
  const positive = values.filter((v) => !v.startsWith('!'));
  const negative = values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
  const hit = (v: string) => fields.some((f) => f.startsWith(v.toLowerCase()));
  return (positive.length === 0 || positive.some(hit)) && !negative.some(hit);
}

export function listSecrets(input: ListSecretsCommandInput, ctx: RequestContext): Output<ListSecretsCommandOutput> {
  const constraints = new Constraints()
    .range(input.MaxResults, 'maxResults', 1, 100)
    .oneOf(input.SortOrder, 'sortOrder', ['asc', 'desc'])
    .length(input.Filters, 'filters', 0, 10);
  (input.Filters ?? []).forEach((f, i) => {
    constraints.oneOf(f.Key, `filters.${i + 1}.member.key`, FILTER_KEYS).length(f.Values, `filters.${i + 1}.member.values`, 1, 10);
  });
  constraints.check();
  const secrets = Object.values(secretsOf(ctx).secrets)
    .filter((s) => input.IncludePlannedDeletion === true || s.deletionDate === undefined)
    .filter((s) => (input.Filters ?? []).every((f) => matchesFilter(s, f)))
    .sort((a, b) => (input.SortOrder === 'desc' ? b.createdAt - a.createdAt : a.createdAt - b.createdAt));
  const entries: SecretListEntry[] = secrets.map((s) => ({
    ARN: s.arn,
    Name: s.name,
    Description: s.description,
    KmsKeyId: s.kmsKeyId,
    LastChangedDate: date(s.lastChangedAt),
    LastAccessedDate: date(s.lastAccessedAt),
    DeletedDate: date(s.deletionDate),
    Tags: s.tags.length ? s.tags : undefined,
    SecretVersionsToStages: versionsToStages(s),
    CreatedDate: date(s.createdAt),
  }));
  const { items, nextToken } = page(entries, input.MaxResults ?? 100, input.NextToken);
  return { SecretList: items, NextToken: nextToken };
}

export function tagResource(input: TagResourceCommandInput, ctx: RequestContext): Output<TagResourceCommandOutput> {
  new Constraints().required(input.Tags, 'tags').check();
  checkTags(input.Tags);
  const secret = requireSecret(ctx, input.SecretId);
  if (secret.deletionDate !== undefined) throw markedForDeletion();
  mergeTags(secret, input.Tags ?? []);
  secret.lastChangedAt = ctx.cloud.clock.now();
  return {};
}

export function untagResource(input: UntagResourceCommandInput, ctx: RequestContext): Output<UntagResourceCommandOutput> {
  new Constraints().required(input.TagKeys, 'tagKeys').check();
  const secret = requireSecret(ctx, input.SecretId);
  if (secret.deletionDate !== undefined) throw markedForDeletion();
  secret.tags = secret.tags.filter((t) => !input.TagKeys?.includes(t.Key));
  secret.lastChangedAt = ctx.cloud.clock.now();
  return {};
}
