import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type {
  CreateFunctionCommandInput,
  CreateFunctionCommandOutput,
  DeleteFunctionCommandInput,
  GetFunctionCommandInput,
  GetFunctionCommandOutput,
  GetFunctionConfigurationCommandInput,
  GetFunctionConfigurationCommandOutput,
  ListFunctionsCommandInput,
  ListFunctionsCommandOutput,
  ListVersionsByFunctionCommandInput,
  ListVersionsByFunctionCommandOutput,
  PublishVersionCommandInput,
  PublishVersionCommandOutput,
  UpdateFunctionCodeCommandInput,
  UpdateFunctionCodeCommandOutput,
  UpdateFunctionConfigurationCommandInput,
  UpdateFunctionConfigurationCommandOutput,
} from '@aws-sdk/client-lambda';
import { type CheckedPackage, InvalidZipFileError, UnzippedSizeError } from '../../lambda/code-store.ts';
import type { RequestContext } from '../../service.ts';
import { accessDenied, functionAlreadyExists, invalidParameter, regionUnreachable, requestTooLarge, revisionMismatch, validationFailed } from './errors.ts';
import { arnOf, locateFunction } from './function-arn.ts';
import { toConfiguration } from './function-configuration.ts';
import type { FunctionRecord, VersionRecord } from './store.ts';
import {
  checkArchitectures,
  checkDescription,
  checkHandler,
  checkMemorySize,
  checkNameLength,
  checkNewFunctionName,
  checkRole,
  checkRuntime,
  checkTimeout,
  checkVariables,
} from './validation.ts';

type Output<T> = Omit<T, '$metadata'>;

/** Lambda takes deployment packages of up to 50 MB zipped in the request itself. */
const MAX_ZIPPED_BYTES = 52_428_800;
const MAX_CREATE_REQUEST_BYTES = 69_905_067;

export function createFunction(input: CreateFunctionCommandInput, ctx: RequestContext): Output<CreateFunctionCommandOutput> {
  checkNewFunctionName(input.FunctionName);
  const locator = locateFunction(input.FunctionName, ctx);
  if (locator.region !== ctx.region) throw regionUnreachable(locator.region, ctx.region);
  if (locator.accountId !== ctx.accountId) throw accessDenied(ctx.accountId, 'lambda:CreateFunction', arnOf(locator));
  checkNameLength(locator.name);
  const role = checkRole(input.Role);
  if (input.PackageType === 'Image') throw invalidParameter('The local cloud runs Zip functions only: PackageType Image is not supported.');
  if (!input.Runtime || !input.Handler) throw invalidParameter('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  const runtime = checkRuntime(input.Runtime);
  const handler = checkHandler(input.Handler);
  const timeout = input.Timeout === undefined ? 3 : checkTimeout(input.Timeout);
  const memorySize = input.MemorySize === undefined ? 128 : checkMemorySize(input.MemorySize);
  const description = checkDescription(input.Description);
  const architectures = checkArchitectures(input.Architectures);
  const variables = checkVariables(input.Environment?.Variables);
  if (!input.Code) throw validationFailed(null, 'code', 'Member must not be null');
  const pkg = checkPackage(input.Code.ZipFile, input.Code, 'CreateFunction', MAX_CREATE_REQUEST_BYTES, ctx);

  const lambda = ctx.cloud.services.lambda;
  const state = lambda.store.get(locator.accountId, locator.region);
  if (state.functions[locator.name]) throw functionAlreadyExists(locator.name);
  lambda.code.install(locator.name, pkg);
  const now = ctx.cloud.clock.now();
  const latest: VersionRecord = {
    version: '$LATEST',
    runtime,
    role,
    handler,
    description,
    timeout,
    memorySize,
    variables,
    architectures,
    ephemeralStorageSize: input.EphemeralStorage?.Size ?? 512,
    tracingMode: input.TracingConfig?.Mode ?? 'PassThrough',
    codeSha256: pkg.codeSha256,
    codeSize: pkg.codeSize,
    codeKey: pkg.codeKey,
    lastModified: now,
    revisionId: randomUUID(),
  };
  const fn: FunctionRecord = { name: locator.name, latest, versions: {}, lastVersion: 0, tags: { ...(input.Tags ?? {}) }, policies: {} };
  state.functions[fn.name] = fn;
  lambda.prewarm(locator.accountId, locator.region, fn);
  // With Publish, AWS answers with the new version's configuration under the unqualified ARN.
  const shown = input.Publish ? publish(fn, now) : latest;
  return toConfiguration(locator.accountId, locator.region, fn, shown);
}

export function getFunction(input: GetFunctionCommandInput, ctx: RequestContext): Output<GetFunctionCommandOutput> {
  const locator = locateFunction(input.FunctionName, ctx, input.Qualifier);
  const lambda = ctx.cloud.services.lambda;
  const { fn, version } = lambda.resolve(locator);
  return {
    Configuration: toConfiguration(locator.accountId, locator.region, fn, version, { qualifiedArn: Boolean(locator.qualifier) }),
    // Differs from AWS: the package is on this machine, not behind a presigned S3 URL.
    Code: { RepositoryType: 'S3', Location: pathToFileURL(lambda.code.zipFor(fn.name, version.codeKey)).href },
    Tags: Object.keys(fn.tags).length ? { ...fn.tags } : undefined,
  };
}

export function getFunctionConfiguration(input: GetFunctionConfigurationCommandInput, ctx: RequestContext): Output<GetFunctionConfigurationCommandOutput> {
  const locator = locateFunction(input.FunctionName, ctx, input.Qualifier);
  const { fn, version } = ctx.cloud.services.lambda.resolve(locator);
  return toConfiguration(locator.accountId, locator.region, fn, version, { qualifiedArn: Boolean(locator.qualifier) });
}

export function listFunctions(input: ListFunctionsCommandInput, ctx: RequestContext): Output<ListFunctionsCommandOutput> {
  if (input.FunctionVersion !== undefined && input.FunctionVersion !== 'ALL') {
    throw validationFailed(input.FunctionVersion, 'functionVersion', 'Member must satisfy enum value set: [ALL]');
  }
  const maxItems = checkMaxItems(input.MaxItems);
  const state = ctx.cloud.services.lambda.store.get(ctx.accountId, ctx.region);
  const functions = Object.values(state.functions).sort((a, b) => a.name.localeCompare(b.name));
  const all = input.FunctionVersion === 'ALL';
  const items = functions.flatMap((fn) =>
    (all ? [fn.latest, ...Object.values(fn.versions)] : [fn.latest]).map((version) =>
      toConfiguration(ctx.accountId, ctx.region, fn, version, { qualifiedArn: all, listing: true }),
    ),
  );
  return page(items, input.Marker, maxItems, (Functions, NextMarker) => ({ Functions, NextMarker }));
}

export function updateFunctionCode(input: UpdateFunctionCodeCommandInput, ctx: RequestContext): Output<UpdateFunctionCodeCommandOutput> {
  const locator = locateFunction(input.FunctionName, ctx);
  const lambda = ctx.cloud.services.lambda;
  const { fn } = lambda.resolve({ ...locator, qualifier: undefined });
  if (input.RevisionId && input.RevisionId !== fn.latest.revisionId) throw revisionMismatch();
  const architectures = input.Architectures ? checkArchitectures(input.Architectures) : fn.latest.architectures;
  const pkg = checkPackage(input.ZipFile, input, 'UpdateFunctionCode', MAX_CREATE_REQUEST_BYTES, ctx);
  if (input.DryRun) {
    return toConfiguration(locator.accountId, locator.region, fn, { ...fn.latest, codeSha256: pkg.codeSha256, codeSize: pkg.codeSize, architectures });
  }
  lambda.code.install(fn.name, pkg);
  const previous = fn.latest.codeKey;
  const now = ctx.cloud.clock.now();
  fn.latest = {
    ...fn.latest,
    codeSha256: pkg.codeSha256,
    codeSize: pkg.codeSize,
    codeKey: pkg.codeKey,
    architectures,
    lastModified: now,
    revisionId: randomUUID(),
  };
  lambda.replaced(locator.accountId, locator.region, fn, previous);
  if (input.Publish) return toConfiguration(locator.accountId, locator.region, fn, publish(fn, now), { qualifiedArn: true });
  return toConfiguration(locator.accountId, locator.region, fn, fn.latest);
}

export function updateFunctionConfiguration(
  input: UpdateFunctionConfigurationCommandInput,
  ctx: RequestContext,
): Output<UpdateFunctionConfigurationCommandOutput> {
  const locator = locateFunction(input.FunctionName, ctx);
  const lambda = ctx.cloud.services.lambda;
  const { fn } = lambda.resolve({ ...locator, qualifier: undefined });
  if (input.RevisionId && input.RevisionId !== fn.latest.revisionId) throw revisionMismatch();
  const next: VersionRecord = { ...fn.latest };
  if (input.Role !== undefined) next.role = checkRole(input.Role);
  if (input.Runtime !== undefined) next.runtime = checkRuntime(input.Runtime);
  if (input.Handler !== undefined) next.handler = checkHandler(input.Handler);
  if (input.Timeout !== undefined) next.timeout = checkTimeout(input.Timeout);
  if (input.MemorySize !== undefined) next.memorySize = checkMemorySize(input.MemorySize);
  if (input.Description !== undefined) next.description = checkDescription(input.Description);
  if (input.Environment !== undefined) next.variables = checkVariables(input.Environment.Variables ?? {});
  if (input.EphemeralStorage?.Size !== undefined) next.ephemeralStorageSize = input.EphemeralStorage.Size;
  if (input.TracingConfig?.Mode !== undefined) next.tracingMode = input.TracingConfig.Mode;
  next.lastModified = ctx.cloud.clock.now();
  next.revisionId = randomUUID();
  fn.latest = next;
  lambda.replaced(locator.accountId, locator.region, fn, next.codeKey);
  return toConfiguration(locator.accountId, locator.region, fn, next);
}

export function deleteFunction(input: DeleteFunctionCommandInput, ctx: RequestContext): Record<string, never> {
  const locator = locateFunction(input.FunctionName, ctx, input.Qualifier);
  if (locator.qualifier === '$LATEST') throw invalidParameter('$LATEST version cannot be deleted without deleting the function.');
  const lambda = ctx.cloud.services.lambda;
  const { fn } = lambda.resolve({ ...locator, qualifier: undefined });
  const state = lambda.store.get(locator.accountId, locator.region);
  if (locator.qualifier) {
    const { version } = lambda.resolve(locator);
    delete fn.versions[version.version];
    lambda.deleted(locator.accountId, locator.region, fn.name, [version.codeKey], version.version);
  } else {
    delete state.functions[fn.name];
    lambda.deleted(locator.accountId, locator.region, fn.name, [fn.latest.codeKey, ...Object.values(fn.versions).map((v) => v.codeKey)]);
  }
  return {};
}

export function publishVersion(input: PublishVersionCommandInput, ctx: RequestContext): Output<PublishVersionCommandOutput> {
  const locator = locateFunction(input.FunctionName, ctx);
  const { fn } = ctx.cloud.services.lambda.resolve({ ...locator, qualifier: undefined });
  if (input.RevisionId && input.RevisionId !== fn.latest.revisionId) throw revisionMismatch();
  if (input.CodeSha256 && input.CodeSha256 !== fn.latest.codeSha256) {
    throw invalidParameter(
      `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${fn.latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  const version = publish(fn, ctx.cloud.clock.now(), input.Description);
  return toConfiguration(locator.accountId, locator.region, fn, version, { qualifiedArn: true });
}

export function listVersionsByFunction(input: ListVersionsByFunctionCommandInput, ctx: RequestContext): Output<ListVersionsByFunctionCommandOutput> {
  const locator = locateFunction(input.FunctionName, ctx);
  const { fn } = ctx.cloud.services.lambda.resolve({ ...locator, qualifier: undefined });
  const items = [fn.latest, ...Object.values(fn.versions)].map((version) =>
    toConfiguration(locator.accountId, locator.region, fn, version, { qualifiedArn: true, listing: true }),
  );
  return page(items, input.Marker, checkMaxItems(input.MaxItems), (Versions, NextMarker) => ({ Versions, NextMarker }));
}

/** Publishes $LATEST as a new version, unless it is unchanged since the last one (then that one). */
function publish(fn: FunctionRecord, now: number, description?: string): VersionRecord {
  const last = fn.versions[String(fn.lastVersion)];
  if (last && last.sourceRevisionId === fn.latest.revisionId) return last;
  fn.lastVersion += 1;
  const version: VersionRecord = {
    ...fn.latest,
    version: String(fn.lastVersion),
    description: description ?? fn.latest.description,
    lastModified: now,
    revisionId: randomUUID(),
    sourceRevisionId: fn.latest.revisionId,
  };
  fn.versions[version.version] = version;
  return version;
}

function checkPackage(
  given: Uint8Array | string | undefined,
  source: { S3Bucket?: string; S3Key?: string; ImageUri?: string },
  operation: string,
  requestLimit: number,
  ctx: RequestContext,
): CheckedPackage {
  // In-process callers may pass the package base64-encoded, as it travels in JSON.
  const zip = typeof given === 'string' ? Buffer.from(given, 'base64') : given;
  if (!zip || zip.byteLength === 0) {
    // Differs from AWS: the local cloud has no S3 to fetch a package from, nor ECR for images.
    if (source.S3Bucket || source.S3Key || source.ImageUri)
      throw invalidParameter('The local cloud takes function code as ZipFile only: S3Bucket/S3Key and ImageUri are not supported.');
    throw invalidParameter('Please provide a source for function code.');
  }
  if (zip.byteLength > MAX_ZIPPED_BYTES) throw requestTooLarge(requestLimit, operation);
  try {
    return ctx.cloud.services.lambda.code.check(zip);
  } catch (error) {
    if (error instanceof InvalidZipFileError || error instanceof UnzippedSizeError) throw invalidParameter(error.message);
    throw error;
  }
}

function checkMaxItems(maxItems: number | undefined): number {
  if (maxItems === undefined) return 50;
  if (!Number.isInteger(maxItems) || maxItems < 1) throw validationFailed(maxItems, 'maxItems', 'Member must have value greater than or equal to 1');
  if (maxItems > 10000) throw validationFailed(maxItems, 'maxItems', 'Member must have value less than or equal to 10000');
  return maxItems;
}

/** Pages a list with an opaque marker (the offset of the next item). */
function page<T, R>(items: T[], marker: string | undefined, maxItems: number, build: (page: T[], next?: string) => R): R {
  let start = 0;
  if (marker) {
    start = Number(Buffer.from(marker, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid marker.');
  }
  const end = start + maxItems;
  return build(items.slice(start, end), end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined);
}
