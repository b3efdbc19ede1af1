import type { LaunchTemplateSpecification, MixedInstancesPolicy } from '@aws-sdk/client-auto-scaling';
import type { DescribeLaunchTemplateVersionsResult } from '@aws-sdk/client-ec2';
import { AwsServiceError } from '../../errors.ts';
import type { Constraints } from './constraints.ts';
import { invalidLaunchTemplate, invalidLaunchTemplateVersion, launchTemplateIdOrName, validationError } from './errors.ts';
import type { Scope } from './fleet.ts';
import type { LaunchSource, LaunchTemplateRef, MixedPolicyRecord } from './store.ts';

const VERSION = /^(\$Latest|\$Default|\d+)$/;

/** A launch template version as EC2 describes it, with the version number it resolves to. */
export interface ResolvedTemplate {
  /** Ids and name, with the version as the group names it (`$Latest`, `$Default` or a number). */
  ref: LaunchTemplateRef;
  /** The same version, as a number. */
  numbered: LaunchTemplateRef;
  imageId?: string;
  instanceType?: string;
}

/** What replacements and scale-outs launch from: a numbered version and the instance type override, if any. */
export interface LaunchTarget {
  template: LaunchTemplateRef;
  instanceType?: string;
}

export function checkSpecConstraints(spec: LaunchTemplateSpecification | undefined, path: string, c: Constraints): void {
  if (!spec) return;
  c.length(spec.LaunchTemplateId, `${path}.launchTemplateId`, 1, 255)
    .length(spec.LaunchTemplateName, `${path}.launchTemplateName`, 3, 128)
    .length(spec.Version, `${path}.version`, 1, 255);
}

export function checkSourceConstraints(
  template: LaunchTemplateSpecification | undefined,
  mixed: MixedInstancesPolicy | undefined,
  path: string,
  c: Constraints,
) {
  checkSpecConstraints(template, `${path ? `${path}.` : ''}launchTemplate`, c);
  const mixedPath = `${path ? `${path}.` : ''}mixedInstancesPolicy`;
  checkSpecConstraints(mixed?.LaunchTemplate?.LaunchTemplateSpecification, `${mixedPath}.launchTemplate.launchTemplateSpecification`, c);
  mixed?.LaunchTemplate?.Overrides?.forEach((o, i) => {
    c.length(o.InstanceType, `${mixedPath}.launchTemplate.overrides.${i + 1}.member.instanceType`, 1, 255);
  });
}

/** The checks AWS makes on a launch template specification before looking the template up. */
export function checkSpecShape(spec: LaunchTemplateSpecification): void {
  if (Boolean(spec.LaunchTemplateId) === Boolean(spec.LaunchTemplateName)) throw launchTemplateIdOrName();
  if (spec.Version !== undefined && !VERSION.test(spec.Version)) throw invalidLaunchTemplateVersion();
}

export const isUnversioned = (ref: LaunchTemplateRef | undefined) => ref?.Version === '$Latest' || ref?.Version === '$Default';

export const templateOf = (source: LaunchSource): LaunchTemplateRef | undefined =>
  source.launchTemplate ?? source.mixedInstancesPolicy?.LaunchTemplate.LaunchTemplateSpecification;

/** Looks a launch template version up in EC2; what EC2 says is wrong with it becomes AWS's "fully-formed" refusal. */
export async function resolveTemplate(scope: Scope, spec: LaunchTemplateSpecification): Promise<ResolvedTemplate> {
  const version = spec.Version ?? '$Default';
  const input: Record<string, unknown> = spec.LaunchTemplateId ? { LaunchTemplateId: spec.LaunchTemplateId } : { LaunchTemplateName: spec.LaunchTemplateName };
  input.Versions = [version];
  let output: DescribeLaunchTemplateVersionsResult;
  try {
    output = await scope.fleet.ec2<DescribeLaunchTemplateVersionsResult>(scope, 'DescribeLaunchTemplateVersions', input);
  } catch (error) {
    if (error instanceof AwsServiceError && /^InvalidLaunchTemplate/.test(error.code)) throw invalidLaunchTemplate(error.message);
    throw error;
  }
  const found = output.LaunchTemplateVersions?.[0];
  if (!found?.LaunchTemplateId || found.VersionNumber === undefined) {
    throw invalidLaunchTemplate(`The specified launch template version ${version} does not exist.`);
  }
  const ids = { LaunchTemplateId: found.LaunchTemplateId, LaunchTemplateName: found.LaunchTemplateName ?? '' };
  return {
    ref: { ...ids, Version: version },
    numbered: { ...ids, Version: String(found.VersionNumber) },
    imageId: found.LaunchTemplateData?.ImageId,
    instanceType: found.LaunchTemplateData?.InstanceType,
  };
}

/** Validates a LaunchTemplate or MixedInstancesPolicy from a request and resolves it into what the group stores. */
export async function resolveSource(
  scope: Scope,
  template: LaunchTemplateSpecification | undefined,
  mixed: MixedInstancesPolicy | undefined,
): Promise<LaunchSource> {
  if (template) {
    checkSpecShape(template);
    return { launchTemplate: (await resolveTemplate(scope, template)).ref };
  }
  const spec = mixed?.LaunchTemplate?.LaunchTemplateSpecification;
  if (!spec) throw validationError('A MixedInstancesPolicy must contain a LaunchTemplate with a LaunchTemplateSpecification.');
  checkSpecShape(spec);
  const resolved = await resolveTemplate(scope, spec);
  const policy: MixedPolicyRecord = {
    LaunchTemplate: {
      LaunchTemplateSpecification: resolved.ref,
      Overrides: mixed?.LaunchTemplate?.Overrides?.map((o) => ({ InstanceType: o.InstanceType, WeightedCapacity: o.WeightedCapacity })),
    },
    InstancesDistribution: mixed?.InstancesDistribution ? JSON.parse(JSON.stringify(mixed.InstancesDistribution)) : undefined,
  };
  return { mixedInstancesPolicy: policy };
}

/** Resolves what a source launches right now: `$Latest` and `$Default` follow the launch template. */
export async function launchTargetOf(scope: Scope, source: LaunchSource): Promise<LaunchTarget> {
  const template = templateOf(source);
  if (!template) throw validationError('The Auto Scaling group has no launch template.');
  const resolved = await resolveTemplate(scope, template);
  const override = source.mixedInstancesPolicy?.LaunchTemplate.Overrides?.find((o) => o.InstanceType)?.InstanceType;
  return { template: resolved.numbered, instanceType: override };
}

/** True when the source's launch template takes its AMI from a Systems Manager parameter, which rules out a rollback. */
export async function usesSsmImage(scope: Scope, source: LaunchSource): Promise<boolean> {
  const template = templateOf(source);
  if (!template) return false;
  const resolved = await resolveTemplate(scope, template);
  return resolved.imageId?.startsWith('resolve:ssm:') ?? false;
}
