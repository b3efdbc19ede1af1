import type {
  CreateLaunchTemplateCommandInput,
  CreateLaunchTemplateCommandOutput,
  CreateLaunchTemplateVersionCommandInput,
  CreateLaunchTemplateVersionCommandOutput,
  DeleteLaunchTemplateCommandInput,
  DeleteLaunchTemplateCommandOutput,
  DeleteLaunchTemplateVersionsCommandInput,
  DeleteLaunchTemplateVersionsCommandOutput,
  DeleteLaunchTemplateVersionsResponseErrorItem,
  DeleteLaunchTemplateVersionsResponseSuccessItem,
  DescribeLaunchTemplatesCommandInput,
  DescribeLaunchTemplatesCommandOutput,
  DescribeLaunchTemplateVersionsCommandInput,
  DescribeLaunchTemplateVersionsCommandOutput,
  LaunchTemplateVersion,
  ModifyLaunchTemplateCommandInput,
  ModifyLaunchTemplateCommandOutput,
  RequestLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { AwsServiceError } from '../../errors.ts';
import type { RequestContext } from '../../service.ts';
import {
  invalidParameterValue,
  launchTemplateDataMissing,
  launchTemplateIdMalformed,
  launchTemplateIdNotFound,
  launchTemplateIdOrNameMissing,
  launchTemplateNameExists,
  launchTemplateNameMalformed,
  launchTemplatesNotFound,
  launchTemplateVersionNotFound,
  missingParameter,
} from './errors.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { findTemplate, findVersion, templateNamed, templateShape, versionShape } from './launch-template-access.ts';
import { checkLaunchData, launchDataWarnings, resolveImageAlias } from './launch-template-data.ts';
import { paginate } from './pagination.ts';
import { isLaunchTemplateId, newLaunchTemplateId } from './resource-ids.ts';
import { type LaunchTemplateRecord, type LaunchTemplateVersionRecord, regionState } from './store.ts';
import { tagsByResourceType } from './tag-specifications.ts';

type Output<T> = Omit<T, '$metadata'>;

const TEMPLATE_NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;

const createdBy = (ctx: RequestContext) => `arn:aws:iam::${ctx.accountId}:root`;

/** Keeps the data as plain JSON (dates as ISO strings) so that it persists unchanged. */
const plainData = (data: RequestLaunchTemplateData): RequestLaunchTemplateData => JSON.parse(JSON.stringify(data));

function checkDescription(description: string | undefined): void {
  if (description !== undefined && description.length > 255) throw invalidParameterValue('The version description must be 255 characters or fewer.');
}

export function createLaunchTemplate(input: CreateLaunchTemplateCommandInput, ctx: RequestContext): Output<CreateLaunchTemplateCommandOutput> {
  if (!input.LaunchTemplateName) throw missingParameter('LaunchTemplateName');
  if (!input.LaunchTemplateData) throw launchTemplateDataMissing();
  const state = regionState(ctx);
  if (input.ClientToken) {
    const earlier = Object.values(state.launchTemplates).find((t) => t.clientToken === input.ClientToken);
    if (earlier) return { LaunchTemplate: templateShape(earlier) };
  }
  if (!TEMPLATE_NAME.test(input.LaunchTemplateName)) throw launchTemplateNameMalformed();
  checkDescription(input.VersionDescription);
  checkLaunchData(input.LaunchTemplateData);
  const tags = tagsByResourceType(input.TagSpecifications, ['launch-template']);
  if (templateNamed(ctx, input.LaunchTemplateName)) throw launchTemplateNameExists();
  const now = ctx.cloud.clock.now();
  const template: LaunchTemplateRecord = {
    launchTemplateId: newLaunchTemplateId(),
    name: input.LaunchTemplateName,
    createTime: now,
    createdBy: createdBy(ctx),
    defaultVersion: 1,
    nextVersionNumber: 2,
    versions: [
      { versionNumber: 1, description: input.VersionDescription, createTime: now, createdBy: createdBy(ctx), data: plainData(input.LaunchTemplateData) },
    ],
    tags: tags.get('launch-template') ?? {},
    clientToken: input.ClientToken,
  };
  state.launchTemplates[template.launchTemplateId] = template;
  const warnings = launchDataWarnings(input.LaunchTemplateData, ctx);
  return { LaunchTemplate: templateShape(template), Warning: warnings.length ? { Errors: warnings } : undefined };
}

export async function createLaunchTemplateVersion(
  input: CreateLaunchTemplateVersionCommandInput,
  ctx: RequestContext,
): Promise<Output<CreateLaunchTemplateVersionCommandOutput>> {
  if (!input.LaunchTemplateData) throw missingParameter('LaunchTemplateData');
  const template = findTemplate(ctx, input);
  if (input.ClientToken) {
    const earlier = template.versions.find((v) => v.clientToken === input.ClientToken);
    if (earlier) return { LaunchTemplateVersion: versionShape(template, earlier) };
  }
  checkDescription(input.VersionDescription);
  checkLaunchData(input.LaunchTemplateData);
  // A new version based on SourceVersion keeps the source's parameters, except those the request gives.
  const source = input.SourceVersion === undefined ? undefined : findVersion(template, input.SourceVersion);
  const data = plainData({ ...(source?.data ?? {}), ...input.LaunchTemplateData });
  const version: LaunchTemplateVersionRecord = {
    versionNumber: template.nextVersionNumber,
    description: input.VersionDescription,
    createTime: ctx.cloud.clock.now(),
    createdBy: createdBy(ctx),
    data,
    clientToken: input.ClientToken,
  };
  template.versions.push(version);
  template.nextVersionNumber += 1;
  const warnings = launchDataWarnings(data, ctx);
  const shown = input.ResolveAlias ? { ...data, ImageId: await resolveImageAlias(data.ImageId, ctx) } : data;
  return { LaunchTemplateVersion: versionShape(template, version, shown), Warning: warnings.length ? { Errors: warnings } : undefined };
}

const TEMPLATE_FILTERS: FilterFields<LaunchTemplateRecord> = {
  'create-time': (t) => new Date(t.createTime).toISOString(),
  'launch-template-name': (t) => t.name,
};

export function describeLaunchTemplates(input: DescribeLaunchTemplatesCommandInput, ctx: RequestContext): Output<DescribeLaunchTemplatesCommandOutput> {
  const state = regionState(ctx);
  let templates = Object.values(state.launchTemplates);
  const ids = input.LaunchTemplateIds ?? [];
  const names = input.LaunchTemplateNames ?? [];
  for (const id of ids) {
    if (!isLaunchTemplateId(id)) throw launchTemplateIdMalformed(id);
    if (!state.launchTemplates[id]) throw launchTemplateIdNotFound(id);
  }
  if (names.some((name) => !templates.some((t) => t.name === name))) throw launchTemplatesNotFound();
  if (ids.length || names.length) templates = templates.filter((t) => ids.includes(t.launchTemplateId) || names.includes(t.name));
  templates = applyFilters(templates, input.Filters, TEMPLATE_FILTERS, (t) => t.tags);
  templates.sort((a, b) => a.createTime - b.createTime);
  const { page, nextToken } = paginate(templates, input, { min: 1, max: 200 });
  return { LaunchTemplates: page.map(templateShape), NextToken: nextToken };
}

interface VersionRow {
  template: LaunchTemplateRecord;
  version: LaunchTemplateVersionRecord;
}

const VERSION_FILTERS: FilterFields<VersionRow> = {
  'create-time': (r) => new Date(r.version.createTime).toISOString(),
  'ebs-optimized': (r) => r.version.data.EbsOptimized,
  'http-endpoint': (r) => r.version.data.MetadataOptions?.HttpEndpoint,
  'http-protocol-ipv4': () => 'enabled',
  'http-protocol-ipv6': (r) => r.version.data.MetadataOptions?.HttpProtocolIpv6,
  'http-tokens': (r) => r.version.data.MetadataOptions?.HttpTokens,
  'host-resource-group-arn': (r) => r.version.data.Placement?.HostResourceGroupArn,
  'iam-instance-profile': (r) => [r.version.data.IamInstanceProfile?.Arn, r.version.data.IamInstanceProfile?.Name],
  'image-id': (r) => r.version.data.ImageId,
  'instance-type': (r) => r.version.data.InstanceType,
  'is-default-version': (r) => r.version.versionNumber === r.template.defaultVersion,
  'kernel-id': (r) => r.version.data.KernelId,
  'license-configuration-arn': (r) => r.version.data.LicenseSpecifications?.map((l) => l.LicenseConfigurationArn),
  'network-card-index': (r) => r.version.data.NetworkInterfaces?.map((n) => n.NetworkCardIndex),
  'ram-disk-id': (r) => r.version.data.RamDiskId,
};

const isAlias = (v: string) => v === '$Latest' || v === '$Default';

export async function describeLaunchTemplateVersions(
  input: DescribeLaunchTemplateVersionsCommandInput,
  ctx: RequestContext,
): Promise<Output<DescribeLaunchTemplateVersionsCommandOutput>> {
  const versions = input.Versions ?? [];
  let rows: VersionRow[];
  if (!input.LaunchTemplateId && !input.LaunchTemplateName) {
    // Without a template, EC2 describes the $Latest and/or $Default versions of every template.
    if (!versions.length || !versions.every(isAlias)) throw launchTemplateIdOrNameMissing();
    rows = Object.values(regionState(ctx).launchTemplates).flatMap((template) => {
      const wanted = new Set(versions.map((v) => findVersion(template, v)));
      return [...wanted].map((version) => ({ template, version }));
    });
  } else {
    const template = findTemplate(ctx, input);
    if (versions.length) {
      const wanted = new Set(versions.map((v) => findVersion(template, v)));
      rows = template.versions.filter((v) => wanted.has(v)).map((version) => ({ template, version }));
    } else rows = template.versions.map((version) => ({ template, version }));
    const bound = (value: string | undefined) => {
      if (value === undefined) return undefined;
      if (isAlias(value)) return findVersion(template, value).versionNumber;
      if (!/^\d+$/.test(value)) throw launchTemplateVersionNotFound(value, template.launchTemplateId);
      return Number(value);
    };
    const min = bound(input.MinVersion);
    const max = bound(input.MaxVersion);
    rows = rows.filter((r) => (min === undefined || r.version.versionNumber >= min) && (max === undefined || r.version.versionNumber <= max));
  }
  rows = applyFilters(rows, input.Filters, VERSION_FILTERS);
  rows.sort((a, b) => a.template.createTime - b.template.createTime || b.version.versionNumber - a.version.versionNumber);
  const { page, nextToken } = paginate(rows, input, { min: 1, max: 200 });
  const shapes: LaunchTemplateVersion[] = [];
  for (const { template, version } of page) {
    const data = input.ResolveAlias ? { ...version.data, ImageId: await resolveImageAlias(version.data.ImageId, ctx) } : version.data;
    shapes.push(versionShape(template, version, data));
  }
  return { LaunchTemplateVersions: shapes, NextToken: nextToken };
}

export function modifyLaunchTemplate(input: ModifyLaunchTemplateCommandInput, ctx: RequestContext): Output<ModifyLaunchTemplateCommandOutput> {
  const template = findTemplate(ctx, input);
  if (input.DefaultVersion !== undefined) {
    const version = /^\d+$/.test(input.DefaultVersion) ? template.versions.find((v) => v.versionNumber === Number(input.DefaultVersion)) : undefined;
    if (!version) throw launchTemplateVersionNotFound(input.DefaultVersion, template.launchTemplateId);
    template.defaultVersion = version.versionNumber;
  }
  return { LaunchTemplate: templateShape(template) };
}

export function deleteLaunchTemplate(input: DeleteLaunchTemplateCommandInput, ctx: RequestContext): Output<DeleteLaunchTemplateCommandOutput> {
  const template = findTemplate(ctx, input);
  delete regionState(ctx).launchTemplates[template.launchTemplateId];
  return { LaunchTemplate: templateShape(template) };
}

/** Deletes versions one by one: EC2 reports each failure in the result rather than failing the request. */
export function deleteLaunchTemplateVersions(
  input: DeleteLaunchTemplateVersionsCommandInput,
  ctx: RequestContext,
): Output<DeleteLaunchTemplateVersionsCommandOutput> {
  const versions = input.Versions ?? [];
  if (!versions.length) throw missingParameter('LaunchTemplateVersion');
  if (versions.length > 200) throw invalidParameterValue('You can specify a maximum of 200 launch template version numbers.');
  if (!input.LaunchTemplateId && !input.LaunchTemplateName) throw launchTemplateIdOrNameMissing();
  const ok: DeleteLaunchTemplateVersionsResponseSuccessItem[] = [];
  const failed: DeleteLaunchTemplateVersionsResponseErrorItem[] = [];
  let template: LaunchTemplateRecord | undefined;
  let templateError: AwsServiceError | undefined;
  try {
    template = findTemplate(ctx, input);
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
    templateError = error;
  }
  for (const requested of versions) {
    const ids = { LaunchTemplateId: template?.launchTemplateId ?? input.LaunchTemplateId, LaunchTemplateName: template?.name ?? input.LaunchTemplateName };
    const number = /^\d+$/.test(requested) ? Number(requested) : undefined;
    const fail = (Code: string, Message: string) => failed.push({ ...ids, VersionNumber: number, ResponseError: { Code: Code as never, Message } });
    if (!template) {
      const code =
        templateError?.code === 'InvalidLaunchTemplateId.Malformed'
          ? 'launchTemplateIdMalformed'
          : input.LaunchTemplateId
            ? 'launchTemplateIdDoesNotExist'
            : 'launchTemplateNameDoesNotExist';
      fail(code, templateError?.message ?? 'The launch template does not exist.');
      continue;
    }
    const index = number === undefined ? -1 : template.versions.findIndex((v) => v.versionNumber === number);
    if (index < 0) {
      fail('launchTemplateVersionDoesNotExist', `Could not find launch template version ${requested}.`);
      continue;
    }
    if (number === template.defaultVersion) {
      fail('unexpectedError', 'Cannot delete the default version of a launch template. Set another version as the default, or delete the launch template.');
      continue;
    }
    template.versions.splice(index, 1);
    ok.push({ ...ids, VersionNumber: number });
  }
  return { SuccessfullyDeletedLaunchTemplateVersions: ok, UnsuccessfullyDeletedLaunchTemplateVersions: failed };
}
