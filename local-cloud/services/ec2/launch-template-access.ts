import type { LaunchTemplate, LaunchTemplateVersion, ResponseLaunchTemplateData } from '@aws-sdk/client-ec2';
import type { RequestContext } from '../../service.ts';
import {
  launchTemplateIdAndName,
  launchTemplateIdMalformed,
  launchTemplateIdNotFound,
  launchTemplateIdOrNameMissing,
  launchTemplateNameNotFound,
  launchTemplateVersionNotFound,
} from './errors.ts';
import { isLaunchTemplateId } from './resource-ids.ts';
import { type LaunchTemplateRecord, type LaunchTemplateVersionRecord, regionState } from './store.ts';
import { tagList } from './tag-specifications.ts';

export interface TemplateRef {
  LaunchTemplateId?: string;
  LaunchTemplateName?: string;
}

export function templateNamed(ctx: RequestContext, name: string): LaunchTemplateRecord | undefined {
  return Object.values(regionState(ctx).launchTemplates).find((t) => t.name === name);
}

/** The launch template a request names by id or by name, or EC2's error for it. */
export function findTemplate(ctx: RequestContext, ref: TemplateRef): LaunchTemplateRecord {
  const { LaunchTemplateId: id, LaunchTemplateName: name } = ref;
  if (id && name) throw launchTemplateIdAndName();
  if (id) {
    if (!isLaunchTemplateId(id)) throw launchTemplateIdMalformed(id);
    const template = regionState(ctx).launchTemplates[id];
    if (!template) throw launchTemplateIdNotFound(id);
    return template;
  }
  if (name) {
    const template = templateNamed(ctx, name);
    if (!template) throw launchTemplateNameNotFound(name);
    return template;
  }
  throw launchTemplateIdOrNameMissing();
}

export const latestVersionNumber = (template: LaunchTemplateRecord) => Math.max(...template.versions.map((v) => v.versionNumber));

/** Resolves a version: a number, `$Latest` or `$Default` (the default when none is given). */
export function findVersion(template: LaunchTemplateRecord, version: string | undefined): LaunchTemplateVersionRecord {
  const wanted = version ?? '$Default';
  const number =
    wanted === '$Default' ? template.defaultVersion : wanted === '$Latest' ? latestVersionNumber(template) : /^\d+$/.test(wanted) ? Number(wanted) : Number.NaN;
  const found = template.versions.find((v) => v.versionNumber === number);
  if (!found) throw launchTemplateVersionNotFound(wanted, template.launchTemplateId);
  return found;
}

export function templateShape(template: LaunchTemplateRecord): LaunchTemplate {
  return {
    LaunchTemplateId: template.launchTemplateId,
    LaunchTemplateName: template.name,
    CreateTime: new Date(template.createTime),
    CreatedBy: template.createdBy,
    DefaultVersionNumber: template.defaultVersion,
    LatestVersionNumber: latestVersionNumber(template),
    Tags: tagList(template.tags),
  };
}

export function versionShape(template: LaunchTemplateRecord, version: LaunchTemplateVersionRecord, data = version.data): LaunchTemplateVersion {
  return {
    LaunchTemplateId: template.launchTemplateId,
    LaunchTemplateName: template.name,
    VersionNumber: version.versionNumber,
    VersionDescription: version.description,
    CreateTime: new Date(version.createTime),
    CreatedBy: version.createdBy,
    DefaultVersion: version.versionNumber === template.defaultVersion,
    // The request and response shapes of launch template data share their member names. A copy, so that
    // in-process callers cannot change the stored version through the answer.
    LaunchTemplateData: structuredClone(data) as ResponseLaunchTemplateData,
  };
}
