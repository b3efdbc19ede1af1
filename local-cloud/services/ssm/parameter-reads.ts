import type {
  DescribeParametersCommandInput,
  DescribeParametersCommandOutput,
  GetParameterCommandInput,
  GetParameterCommandOutput,
  GetParameterHistoryCommandInput,
  GetParameterHistoryCommandOutput,
  GetParametersByPathCommandInput,
  GetParametersByPathCommandOutput,
  GetParametersCommandInput,
  GetParametersCommandOutput,
  Parameter,
  ParameterMetadata,
  ParameterStringFilter,
} from '@aws-sdk/client-ssm';
import { AwsServiceError } from '../../errors.ts';
import type { RequestContext } from '../../service.ts';
import { Constraints } from './constraints.ts';
import { parameterNotFound, validation } from './errors.ts';
import { page } from './pagination.ts';
import { INVALID_PATH, selectByFilters, underPath, validateParameterFilters } from './parameter-filters.ts';
import { arnOf, findRecord, resolveVersion, stateFor, toParameter, visibleValue } from './parameter-lookup.ts';
import { isPublicName, parseReference } from './parameter-names.ts';
import { getSecretReference, SECRETS_REFERENCE_PREFIX } from './secrets-reference.ts';
import type { ParameterRecord } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const byName = (a: ParameterRecord, b: ParameterRecord) => a.name.localeCompare(b.name);

async function readParameter(ctx: RequestContext, reference: string, decrypt: boolean | undefined): Promise<Parameter> {
  if (reference.startsWith(SECRETS_REFERENCE_PREFIX)) return getSecretReference(ctx, reference, decrypt);
  const parsed = parseReference(reference, ctx.accountId, ctx.region);
  if (!parsed) throw parameterNotFound();
  const record = findRecord(ctx, parsed.name);
  if (!record) throw parameterNotFound();
  return toParameter(ctx, record, resolveVersion(record, parsed), decrypt, parsed.selector);
}

export async function getParameter(input: GetParameterCommandInput, ctx: RequestContext): Promise<Output<GetParameterCommandOutput>> {
  new Constraints().required(input.Name, 'name').length(input.Name, 'name', 1, 2048).check();
  return { Parameter: await readParameter(ctx, input.Name as string, input.WithDecryption) };
}

export async function getParameters(input: GetParametersCommandInput, ctx: RequestContext): Promise<Output<GetParametersCommandOutput>> {
  new Constraints().required(input.Names, 'names').length(input.Names, 'names', 1, 10).check();
  const names = [...new Set(input.Names)];
  const parameters: Parameter[] = [];
  const invalid: string[] = [];
  for (const name of names) {
    try {
      parameters.push(await readParameter(ctx, name, input.WithDecryption));
    } catch (error) {
      if (!(error instanceof AwsServiceError) || !['ParameterNotFound', 'ParameterVersionNotFound'].includes(error.code)) throw error;
      invalid.push(name);
    }
  }
  return { Parameters: parameters, InvalidParameters: invalid };
}

export function getParametersByPath(input: GetParametersByPathCommandInput, ctx: RequestContext): Output<GetParametersByPathCommandOutput> {
  new Constraints().required(input.Path, 'path').length(input.Path, 'path', 1, 2048).range(input.MaxResults, 'maxResults', 1, 10).check();
  const path = input.Path as string;
  if (!path.startsWith('/') || path.includes('//') || !/^[a-zA-Z0-9_.\-/]+$/.test(path)) throw validation(INVALID_PATH);
  validateParameterFilters(input.ParameterFilters, 'byPath');
  const state = stateFor(ctx, path === '/aws' ? '/aws/' : path);
  const matching: Parameter[] = [];
  for (const record of Object.values(state.parameters).sort(byName)) {
    if (!underPath(record.name, path, input.Recursive === true)) continue;
    const version = selectByFilters(record, input.ParameterFilters);
    if (version) matching.push(toParameter(ctx, record, version, input.WithDecryption));
  }
  const { items, nextToken } = page(matching, input.MaxResults ?? 10, input.NextToken);
  return { Parameters: items, NextToken: nextToken };
}

export function getParameterHistory(input: GetParameterHistoryCommandInput, ctx: RequestContext): Output<GetParameterHistoryCommandOutput> {
  new Constraints().required(input.Name, 'name').length(input.Name, 'name', 1, 2048).range(input.MaxResults, 'maxResults', 1, 50).check();
  const parsed = parseReference(input.Name as string, ctx.accountId, ctx.region);
  const record = parsed && !parsed.selector ? findRecord(ctx, parsed.name) : undefined;
  if (!record) throw parameterNotFound();
  const history = record.versions.map((v) => ({
    Name: record.name,
    Type: v.type,
    KeyId: v.keyId,
    LastModifiedDate: new Date(v.lastModifiedDate),
    LastModifiedUser: v.lastModifiedUser,
    Description: v.description,
    Value: visibleValue(v, input.WithDecryption),
    AllowedPattern: v.allowedPattern,
    Version: v.version,
    Labels: [...v.labels],
    Tier: v.tier,
    Policies: [],
    DataType: v.dataType,
  }));
  const { items, nextToken } = page(history, input.MaxResults ?? 50, input.NextToken);
  return { Parameters: items, NextToken: nextToken };
}

/** The deprecated `Filters` of DescribeParameters, as ParameterFilters. */
function legacyFilters(filters: DescribeParametersCommandInput['Filters']): ParameterStringFilter[] {
  new Constraints().length(filters, 'filters', 0, 5).check();
  return (filters ?? []).map((f, index) => {
    new Constraints()
      .oneOf(f.Key, `filters.${index + 1}.member.key`, ['Name', 'Type', 'KeyId'])
      .length(f.Values, `filters.${index + 1}.member.values`, 1, 50)
      .check();
    return { Key: f.Key as string, Option: f.Key === 'Name' ? 'BeginsWith' : 'Equals', Values: f.Values };
  });
}

export function describeParameters(input: DescribeParametersCommandInput, ctx: RequestContext): Output<DescribeParametersCommandOutput> {
  new Constraints().range(input.MaxResults, 'maxResults', 1, 50).check();
  if (input.Filters?.length && input.ParameterFilters?.length) throw validation('You can use either Filters or ParameterFilters in a single request.');
  validateParameterFilters(input.ParameterFilters, 'describe');
  const filters = input.Filters?.length ? legacyFilters(input.Filters) : input.ParameterFilters;
  // Like AWS, DescribeParameters lists the account's own parameters, not Amazon's public ones.
  const state = ctx.cloud.services.ssm.store.get(ctx.accountId, ctx.region);
  const matching: ParameterMetadata[] = [];
  for (const record of Object.values(state.parameters).sort(byName)) {
    if (isPublicName(record.name)) continue;
    const v = selectByFilters(record, filters);
    if (!v) continue;
    matching.push({
      Name: record.name,
      ARN: arnOf(ctx, record.name),
      Type: v.type,
      KeyId: v.keyId,
      LastModifiedDate: new Date(v.lastModifiedDate),
      LastModifiedUser: v.lastModifiedUser,
      Description: v.description,
      AllowedPattern: v.allowedPattern,
      Version: v.version,
      Tier: v.tier,
      Policies: [],
      DataType: v.dataType,
    });
  }
  const { items, nextToken } = page(matching, input.MaxResults ?? 10, input.NextToken);
  return { Parameters: items, NextToken: nextToken };
}
