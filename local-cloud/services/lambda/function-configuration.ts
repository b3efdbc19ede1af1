import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { runtimeVersionArn } from '../../lambda/function-spec.ts';
import { functionArn } from './function-arn.ts';
import type { FunctionRecord, VersionRecord } from './store.ts';

/** Lambda's LastModified format: `2024-01-01T12:00:00.000+0000`. */
export function lambdaDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

export interface ConfigurationOptions {
  /** Put the version in FunctionArn (GetFunction with a qualifier, published versions, Publish). */
  qualifiedArn?: boolean;
  /** ListFunctions leaves out the state fields. */
  listing?: boolean;
}

/**
 * A version's configuration as Lambda returns it. Differs from AWS: a new or updated function is
 * Active and Successful at once, where AWS passes through Pending / InProgress for a few seconds.
 */
export function toConfiguration(
  accountId: string,
  region: string,
  fn: FunctionRecord,
  version: VersionRecord,
  options: ConfigurationOptions = {},
): FunctionConfiguration {
  const isLatest = version.version === '$LATEST';
  const configuration: FunctionConfiguration = {
    FunctionName: fn.name,
    FunctionArn: functionArn(accountId, region, fn.name, options.qualifiedArn ? version.version : undefined),
    Runtime: version.runtime as FunctionConfiguration['Runtime'],
    Role: version.role,
    Handler: version.handler,
    CodeSize: version.codeSize,
    Description: version.description,
    Timeout: version.timeout,
    MemorySize: version.memorySize,
    LastModified: lambdaDate(version.lastModified),
    CodeSha256: version.codeSha256,
    Version: version.version,
    Environment: version.variables ? { Variables: { ...version.variables } } : undefined,
    TracingConfig: { Mode: version.tracingMode as 'Active' | 'PassThrough' },
    RevisionId: version.revisionId,
    PackageType: 'Zip',
    Architectures: [...version.architectures] as FunctionConfiguration['Architectures'],
    EphemeralStorage: { Size: version.ephemeralStorageSize },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.name}` },
  };
  if (!options.listing) {
    configuration.State = 'Active';
    if (isLatest) configuration.LastUpdateStatus = 'Successful';
    configuration.RuntimeVersionConfig = { RuntimeVersionArn: runtimeVersionArn(region, version.runtime) };
  }
  return configuration;
}
