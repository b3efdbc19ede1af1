import type {
  LabelParameterVersionCommandInput,
  LabelParameterVersionCommandOutput,
  UnlabelParameterVersionCommandInput,
  UnlabelParameterVersionCommandOutput,
} from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../service.ts';
import { Constraints } from './constraints.ts';
import { parameterNotFound, parameterVersionLabelLimitExceeded, parameterVersionNotFound, validation } from './errors.ts';
import { emitParameterChange } from './parameter-events.ts';
import { parameterKey } from './parameter-names.ts';
import type { ParameterRecord, ParameterVersionRecord } from './store.ts';

type Output<T> = Omit<T, '$metadata'>;

const MAX_LABELS_PER_VERSION = 10;

/** Labels are letters, numbers, `.`, `-` and `_`; they can't start with a number, `aws` or `ssm`. */
export function isValidLabel(label: string): boolean {
  return /^[a-zA-Z0-9_.-]{1,100}$/.test(label) && !/^([0-9]|aws|ssm)/i.test(label);
}

function validateLabels(name: unknown, labels: string[] | undefined): void {
  new Constraints()
    .required(name, 'name')
    .length(name as string, 'name', 1, 2048)
    .required(labels, 'labels')
    .length(labels, 'labels', 1, 10)
    .check();
  const tooLong = (labels ?? []).find((label) => label.length < 1 || label.length > 100);
  if (tooLong !== undefined)
    throw validation(
      `1 validation error detected: Value '[${tooLong}]' at 'labels' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 100, Member must have length greater than or equal to 1]`,
    );
}

function versionOf(ctx: RequestContext, name: string, version: number | undefined): { record: ParameterRecord; target: ParameterVersionRecord } {
  const record = ctx.cloud.services.ssm.store.get(ctx.accountId, ctx.region).parameters[parameterKey(name)];
  if (!record) throw parameterNotFound();
  const target = version === undefined ? record.versions[record.versions.length - 1] : record.versions.find((v) => v.version === version);
  if (!target) throw parameterVersionNotFound(version as number, name);
  return { record, target };
}

export function labelParameterVersion(input: LabelParameterVersionCommandInput, ctx: RequestContext): Output<LabelParameterVersionCommandOutput> {
  validateLabels(input.Name, input.Labels);
  const { record, target } = versionOf(ctx, input.Name as string, input.ParameterVersion);
  const labels = [...new Set(input.Labels)];
  const invalid = labels.filter((label) => !isValidLabel(label));
  const valid = labels.filter(isValidLabel);
  const added = valid.filter((label) => !target.labels.includes(label));
  if (target.labels.length + added.length > MAX_LABELS_PER_VERSION) throw parameterVersionLabelLimitExceeded();
  // A label names one version at a time: attaching it here moves it from wherever it was.
  for (const other of record.versions) if (other !== target) other.labels = other.labels.filter((label) => !valid.includes(label));
  target.labels.push(...added);
  if (valid.length)
    emitParameterChange(ctx.cloud, ctx, {
      operation: 'LabelParameterVersion',
      name: record.name,
      type: target.type,
      dataType: target.dataType,
      description: target.description,
      labels: valid,
    });
  return { InvalidLabels: invalid, ParameterVersion: target.version };
}

export function unlabelParameterVersion(input: UnlabelParameterVersionCommandInput, ctx: RequestContext): Output<UnlabelParameterVersionCommandOutput> {
  validateLabels(input.Name, input.Labels);
  new Constraints().required(input.ParameterVersion, 'parameterVersion').check();
  const { target } = versionOf(ctx, input.Name as string, input.ParameterVersion);
  const labels = [...new Set(input.Labels)];
  const removed = labels.filter((label) => target.labels.includes(label));
  target.labels = target.labels.filter((label) => !removed.includes(label));
  return { RemovedLabels: removed, InvalidLabels: labels.filter((label) => !removed.includes(label)) };
}
