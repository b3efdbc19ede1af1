import type {
  DeleteParameterCommandInput,
  DeleteParameterCommandOutput,
  DeleteParametersCommandInput,
  DeleteParametersCommandOutput,
  PutParameterCommandInput,
  PutParameterCommandOutput,
} from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../service.ts';
import { Constraints } from './constraints.ts';
import {
  invalidAllowedPattern,
  invalidKeyId,
  parameterAlreadyExists,
  parameterNotFound,
  parameterPatternMismatch,
  tooManyUpdates,
  unsupportedParameterType,
  validation,
} from './errors.ts';
import { IMAGE_VALIDATION_DELAY_MS, scheduleImageValidation } from './image-validation.ts';
import { emitParameterChange } from './parameter-events.ts';
import { parameterKey, validateNameForPut } from './parameter-names.ts';
import { appendVersion, checkVersionLimit, simulatedCiphertext } from './parameter-versions.ts';
import type { ParameterRecord, ParameterType, ParameterVersionRecord } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const TYPES = ['String', 'StringList', 'SecureString'] as const;
const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'] as const;
const DATA_TYPES = ['text', 'aws:ec2:image'];
const STANDARD_MAX_BYTES = 4096;
const ADVANCED_MAX_BYTES = 8192;
const KEY_ID =
  /^(alias\/[a-zA-Z0-9:/_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+)$/;

export const callerArn = (accountId: string) => `arn:aws:iam::${accountId}:user/local`;

function validatePutInput(input: PutParameterCommandInput): void {
  const constraints = new Constraints()
    .required(input.Name, 'name')
    .required(input.Value, 'value')
    .length(input.Value, 'value', 1, Number.MAX_SAFE_INTEGER)
    .oneOf(input.Type, 'type', TYPES)
    .oneOf(input.Tier, 'tier', TIERS)
    .length(input.Description, 'description', 0, 1024)
    .length(input.AllowedPattern, 'allowedPattern', 0, 1024)
    .length(input.KeyId, 'keyId', 1, 256)
    .length(input.DataType, 'dataType', 0, 128)
    .length(input.Tags, 'tags', 0, 1000);
  (input.Tags ?? []).forEach((tag, i) => {
    constraints.length(tag.Key, `tags.${i + 1}.member.key`, 1, 128).length(tag.Value, `tags.${i + 1}.member.value`, 0, 256);
  });
  constraints.check();
}

/** The tier a value ends up in: Intelligent-Tiering picks Advanced only when the value needs it. */
function resolveTier(input: PutParameterCommandInput, existing: ParameterVersionRecord | undefined): 'Standard' | 'Advanced' {
  const bytes = Buffer.byteLength(input.Value as string);
  const requested = input.Tier ?? existing?.tier ?? 'Standard';
  if (requested === 'Standard' && existing?.tier === 'Advanced')
    throw validation(
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
    );
  const tier = requested === 'Intelligent-Tiering' ? (bytes > STANDARD_MAX_BYTES || existing?.tier === 'Advanced' ? 'Advanced' : 'Standard') : requested;
  if (tier === 'Standard' && bytes > STANDARD_MAX_BYTES)
    throw validation(
      'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    );
  if (bytes > ADVANCED_MAX_BYTES)
    throw validation(
      `1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to ${ADVANCED_MAX_BYTES}`,
    );
  return tier;
}

function checkAllowedPattern(pattern: string | undefined, value: string): void {
  if (!pattern) return;
  let regex: RegExp;
  try {
    // AllowedPattern must match the whole value (Java's `matches`).
    regex = new RegExp(`^(?:${pattern})$`);
  } catch {
    throw invalidAllowedPattern();
  }
  if (!regex.test(value)) throw parameterPatternMismatch(pattern);
}

export function putParameter(input: PutParameterCommandInput, ctx: RequestContext): Output<PutParameterCommandOutput> {
  validatePutInput(input);
  const name = input.Name as string;
  const value = input.Value as string;
  validateNameForPut(name);
  if (input.Overwrite && input.Tags?.length)
    throw validation(
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );

  const { store } = ctx.cloud.services.ssm;
  const state = store.get(ctx.accountId, ctx.region);
  const key = parameterKey(name);
  if (state.pendingImageParameters[key]) throw tooManyUpdates();
  const record: ParameterRecord | undefined = state.parameters[key];
  const latest = record?.versions.at(-1);
  if (latest && !input.Overwrite) throw parameterAlreadyExists();

  const type = (input.Type ?? latest?.type) as ParameterType | undefined;
  if (!type) throw validation('A parameter type is required when you create a parameter.');
  const dataType = input.DataType ?? latest?.dataType ?? 'text';
  if (!DATA_TYPES.includes(dataType)) throw validation(`The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
  if (latest && latest.dataType !== dataType && (latest.dataType === 'aws:ec2:image' || dataType === 'aws:ec2:image'))
    throw validation(`You can't change the data type of a parameter from ${latest.dataType} to ${dataType}.`);
  if (dataType === 'aws:ec2:image' && type !== 'String') throw unsupportedParameterType('The aws:ec2:image data type supports String parameters only.');
  if (input.KeyId !== undefined && type !== 'SecureString') throw validation('KeyId is required for SecureString type parameter only.');
  // Without a KMS service, any well-formed key id or alias is accepted (AWS also checks that the key exists).
  const keyId = type === 'SecureString' ? (input.KeyId ?? (latest?.type === 'SecureString' ? latest.keyId : undefined) ?? 'alias/aws/ssm') : undefined;
  if (keyId !== undefined && !KEY_ID.test(keyId)) throw invalidKeyId();
  const allowedPattern = input.AllowedPattern ?? latest?.allowedPattern;
  checkAllowedPattern(allowedPattern, value);
  const tier = resolveTier(input, latest);
  checkVersionLimit(record);

  const version: ParameterVersionRecord = {
    version: (latest?.version ?? 0) + 1,
    type,
    value,
    ciphertext: type === 'SecureString' ? simulatedCiphertext(value) : undefined,
    dataType,
    description: input.Description ?? latest?.description,
    allowedPattern,
    keyId,
    tier,
    labels: [],
    lastModifiedDate: ctx.cloud.clock.now(),
    lastModifiedUser: callerArn(ctx.accountId),
  };
  const tags = Object.fromEntries((input.Tags ?? []).map((t) => [t.Key as string, t.Value as string]));
  const operation = latest ? 'Update' : 'Create';
  const displayName = record?.name ?? name;
  if (dataType === 'aws:ec2:image') {
    // AWS validates the AMI asynchronously: the version number is returned now, the version appears later.
    const dueAt = ctx.cloud.clock.now() + IMAGE_VALIDATION_DELAY_MS;
    state.pendingImageParameters[key] = { key, name: displayName, operation, version, tags, dueAt };
    scheduleImageValidation(ctx.cloud, store, ctx, key, dueAt);
  } else {
    appendVersion(ctx.cloud, ctx, state, { key, name: displayName, version, tags, operation });
  }
  return { Version: version.version, Tier: tier };
}

function deleteOne(ctx: RequestContext, name: string): boolean {
  const state = ctx.cloud.services.ssm.store.get(ctx.accountId, ctx.region);
  const key = parameterKey(name);
  const record = state.parameters[key];
  if (!record) return false;
  delete state.parameters[key];
  delete state.pendingImageParameters[key];
  const latest = record.versions.at(-1);
  emitParameterChange(ctx.cloud, ctx, {
    operation: 'Delete',
    name: record.name,
    type: latest?.type ?? 'String',
    dataType: latest?.dataType,
    description: latest?.description,
  });
  return true;
}

export function deleteParameter(input: DeleteParameterCommandInput, ctx: RequestContext): Output<DeleteParameterCommandOutput> {
  new Constraints().required(input.Name, 'name').length(input.Name, 'name', 1, 2048).check();
  if (!deleteOne(ctx, input.Name as string)) throw parameterNotFound();
  return {};
}

export function deleteParameters(input: DeleteParametersCommandInput, ctx: RequestContext): Output<DeleteParametersCommandOutput> {
  new Constraints().required(input.Names, 'names').length(input.Names, 'names', 1, 10).check();
  const deleted: string[] = [];
  const invalid: string[] = [];
  for (const name of new Set(input.Names)) (deleteOne(ctx, name) ? deleted : invalid).push(name);
  return { DeletedParameters: deleted, InvalidParameters: invalid };
}
