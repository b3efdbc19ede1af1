import type { Parameter } from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../service.ts';
import { parameterNotFound, parameterVersionNotFound } from './errors.ts';
import { isPublicName, type ParameterReference, parameterArn, parameterKey } from './parameter-names.ts';
import { ensurePublicParameters } from './public-parameters.ts';
import type { ParameterRecord, ParameterVersionRecord, SsmState } from './store.ts';

/** The state that holds `name`: Amazon's public parameters for `/aws/...`, the caller's own otherwise. */
export function stateFor(ctx: RequestContext, name: string): SsmState {
  const { store } = ctx.cloud.services.ssm;
  return isPublicName(name) ? ensurePublicParameters(ctx.cloud, store, ctx.region) : store.get(ctx.accountId, ctx.region);
}

export function findRecord(ctx: RequestContext, name: string): ParameterRecord | undefined {
  return stateFor(ctx, name).parameters[parameterKey(name)];
}

/** The version a reference selects: the latest, `name:version` or `name:label`. */
export function resolveVersion(record: ParameterRecord, reference: ParameterReference): ParameterVersionRecord {
  if (reference.version !== undefined) {
    const found = record.versions.find((v) => v.version === reference.version);
    if (!found) throw parameterVersionNotFound(reference.version, reference.name);
    return found;
  }
  if (reference.label !== undefined) {
    const found = record.versions.find((v) => v.labels.includes(reference.label as string));
    if (!found) throw parameterNotFound();
    return found;
  }
  return record.versions[record.versions.length - 1];
}

/** A SecureString reads as its ciphertext unless decryption is asked for, as on AWS. */
export function visibleValue(version: ParameterVersionRecord, decrypt: boolean | undefined): string {
  return version.type === 'SecureString' && !decrypt ? (version.ciphertext ?? version.value) : version.value;
}

export function arnOf(ctx: RequestContext, name: string): string {
  // Public parameters belong to no account: arn:aws:ssm:us-east-1::parameter/aws/service/...
  return parameterArn(name, isPublicName(name) ? '' : ctx.accountId, ctx.region);
}

export function toParameter(ctx: RequestContext, record: ParameterRecord, version: ParameterVersionRecord, decrypt?: boolean, selector?: string): Parameter {
  return {
    Name: record.name,
    Type: version.type,
    Value: visibleValue(version, decrypt),
    Version: version.version,
    Selector: selector,
    LastModifiedDate: new Date(version.lastModifiedDate),
    ARN: arnOf(ctx, record.name),
    DataType: version.dataType,
  };
}
