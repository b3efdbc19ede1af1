import { didYouMean } from './closest-name.ts';
import { problem } from './config-issue.ts';
import { isShared, kmsKeyFor } from './distribution-schema.ts';
import { AWS_MANAGED_EBS_KEY, kmsKeyRegion, REGION } from './identifiers.ts';
import { parseParentImage } from './parent-image.ts';
import type { ParsedPipeline } from './pipeline-schema.ts';

/** A problem that spans pipelines, or needs the fleet's home Region. */
export interface FleetIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly input?: unknown;
}

export interface Fleet {
  /** The home Region, when it is valid. */
  readonly region?: string;
  /** Parsed pipelines by index; undefined where a pipeline has problems of its own. */
  readonly pipelines: readonly (ParsedPipeline | undefined)[];
  /** The raw `name` of every pipeline, so that references to a pipeline with other problems still resolve. */
  readonly names?: readonly unknown[];
}

/** Checks what no single pipeline can check alone: unique names, chains, Regions and keys, and resources claimed twice. */
export function checkFleet(fleet: Fleet): FleetIssue[] {
  return [...checkNames(fleet), ...checkChains(fleet), ...checkRegionsAndKeys(fleet), ...checkClaims(fleet), ...checkComponentVersions(fleet)];
}

function entries(fleet: Fleet): [number, ParsedPipeline][] {
  return fleet.pipelines.flatMap((pipeline, index): [number, ParsedPipeline][] => (pipeline ? [[index, pipeline]] : []));
}

function checkNames(fleet: Fleet): FleetIssue[] {
  const issues: FleetIssue[] = [];
  const seen = new Map<string, number>();
  for (const [index, pipeline] of entries(fleet)) {
    const first = seen.get(pipeline.name);
    if (first === undefined) seen.set(pipeline.name, index);
    else
      issues.push({
        path: ['pipelines', index, 'name'],
        input: pipeline.name,
        message: problem(`is already the name of pipelines[${first}]`, 'Give each pipeline its own name'),
      });
  }
  return issues;
}

function checkChains(fleet: Fleet): FleetIssue[] {
  const issues: FleetIssue[] = [];
  const known = new Set<string>();
  for (const name of fleet.names ?? []) if (typeof name === 'string') known.add(name);
  const byName = new Map<string, ParsedPipeline>();
  for (const [, pipeline] of entries(fleet)) {
    known.add(pipeline.name);
    if (!byName.has(pipeline.name)) byName.set(pipeline.name, pipeline);
  }
  const parentOf = (pipeline: ParsedPipeline) => {
    const parent = parseParentImage(pipeline.parentImage);
    return parent?.kind === 'pipeline' ? parent.pipeline : undefined;
  };
  const reportedCycles = new Set<string>();
  for (const [index, pipeline] of entries(fleet)) {
    const parentName = parentOf(pipeline);
    if (parentName === undefined) continue;
    const path = ['pipelines', index, 'parentImage'];
    if (parentName === pipeline.name) {
      issues.push({
        path,
        input: pipeline.parentImage,
        message: problem('cannot build on its own pipeline', 'Build on an SSM parameter, an AMI id or another pipeline'),
      });
      continue;
    }
    if (!known.has(parentName)) {
      const others = [...known].filter((name) => name !== pipeline.name);
      issues.push({
        path,
        input: pipeline.parentImage,
        message: problem(
          `refers to unknown pipeline '${parentName}'`,
          `A chained pipeline builds on another pipeline of this config. Known pipelines: ${others.join(', ') || 'none'}.${didYouMean(parentName, others)}`,
        ),
      });
      continue;
    }
    const cycle = findCycle(pipeline.name, (name) => {
      const next = byName.get(name);
      return next ? parentOf(next) : undefined;
    });
    if (cycle) {
      const key = [...cycle].sort().join(' ');
      if (!reportedCycles.has(key)) {
        reportedCycles.add(key);
        issues.push({
          path,
          input: pipeline.parentImage,
          message: problem(
            `chains pipelines in a cycle (${[...cycle, cycle[0]].join(' → ')})`,
            'A chain must start at a pipeline built on an SSM parameter or an AMI id; change one parentImage in the cycle',
          ),
        });
      }
      continue;
    }
    const parent = byName.get(parentName);
    if (parent && parent.architecture !== pipeline.architecture) {
      issues.push({
        path,
        input: pipeline.parentImage,
        message: problem(
          `builds on an ${parent.architecture} image but architecture is '${pipeline.architecture}'`,
          'A chained pipeline has the architecture of its parent',
        ),
      });
    }
    if (parent && parent.platform !== pipeline.platform) {
      issues.push({
        path,
        input: pipeline.parentImage,
        message: problem(`builds on a ${parent.platform} image but platform is '${pipeline.platform}'`, 'A chained pipeline has the platform of its parent'),
      });
    }
  }
  return issues;
}

/** The cycle `start` is part of, following parents, or undefined. */
function findCycle(start: string, parentOf: (name: string) => string | undefined): string[] | undefined {
  const chain: string[] = [];
  let current: string | undefined = start;
  while (current !== undefined && !chain.includes(current)) {
    chain.push(current);
    current = parentOf(current);
  }
  return current === start ? chain : undefined;
}

function checkRegionsAndKeys(fleet: Fleet): FleetIssue[] {
  const issues: FleetIssue[] = [];
  for (const [index, pipeline] of entries(fleet)) {
    const distribution = pipeline.distribution;
    const base = ['pipelines', index, 'distribution'];
    if (fleet.region && distribution.regions && !distribution.regions.includes(fleet.region)) {
      issues.push({
        path: [...base, 'regions'],
        input: distribution.regions,
        message: problem(`must include the home Region '${fleet.region}'`, 'Goldsmith builds, validates and publishes there first; add it to the list'),
      });
    }
    const regions = distribution.regions ?? (fleet.region ? [fleet.region] : []);
    for (const [key, value] of Object.entries(distribution.kmsKeys)) {
      if (key === 'default') continue;
      if (!REGION.test(key)) {
        issues.push({
          path: [...base, 'kmsKeys', key],
          input: key,
          message: problem("must be keyed by 'default' or a Region code", "Use e.g. kmsKeys['eu-west-1'] or kmsKeys.default"),
        });
      } else if (regions.length > 0 && !regions.includes(key)) {
        issues.push({
          path: [...base, 'kmsKeys', key],
          input: value,
          message: problem('is for a Region the AMI is not distributed to', `Add '${key}' to distribution.regions, or remove its key`),
        });
      }
    }
    const shared = isShared(distribution.launchPermissions);
    for (const regionName of regions) {
      const key = kmsKeyFor(distribution, regionName);
      const keyName = distribution.kmsKeys[regionName] !== undefined ? regionName : 'default';
      if (key === undefined) {
        issues.push({
          path: [...base, 'kmsKeys'],
          input: distribution.kmsKeys,
          message: problem(
            `has no key for '${regionName}' and no default`,
            `Add kmsKeys['${regionName}'] or kmsKeys.default: every AMI is encrypted (DESIGN §6)`,
          ),
        });
        continue;
      }
      const keyRegion = kmsKeyRegion(key);
      if (keyRegion && keyRegion !== regionName) {
        issues.push({
          path: [...base, 'kmsKeys', keyName],
          input: key,
          message: problem(
            `is a key in ${keyRegion} but would encrypt the AMI in ${regionName}`,
            `KMS keys are Regional: add kmsKeys['${regionName}'] with a key of that Region, or use an alias that exists in every Region`,
          ),
        });
      }
      if (shared && key === AWS_MANAGED_EBS_KEY) {
        issues.push({
          path: [...base, 'kmsKeys', keyName],
          input: key,
          message: problem(
            `encrypts the AMI in ${regionName} with the AWS managed key, which other accounts cannot use`,
            'To share the AMI, use a customer managed key whose key policy lets the shared accounts decrypt with it',
          ),
        });
      }
    }
  }
  return issues;
}

/** SSM parameters, launch templates and Auto Scaling groups that two pipelines would both write. */
function checkClaims(fleet: Fleet): FleetIssue[] {
  const issues: FleetIssue[] = [];
  const parameters = new Map<string, string>();
  const templates = new Map<string, string>();
  const groups = new Map<string, string>();
  for (const [index, pipeline] of entries(fleet)) {
    for (const channel of ['candidate', 'stable'] as const) {
      const name = pipeline.channels[channel];
      const owner = parameters.get(name);
      if (owner && !owner.startsWith(`pipelines[${index}]`)) {
        issues.push({
          path: ['pipelines', index, 'channels', channel],
          input: name,
          message: problem(`is already used by ${owner}`, 'Give each pipeline its own channel parameters'),
        });
      } else parameters.set(name, `pipelines[${index}].channels.${channel}`);
    }
    pipeline.rollout.waves.forEach((wave, waveIndex) => {
      wave.targets.forEach((target, targetIndex) => {
        const targetPath = ['pipelines', index, 'rollout', 'waves', waveIndex, 'targets', targetIndex];
        const where = `pipelines[${index}].rollout.waves[${waveIndex}].targets[${targetIndex}]`;
        const templateOwner = templates.get(target.launchTemplate);
        if (templateOwner && !templateOwner.startsWith(`pipelines[${index}]`)) {
          issues.push({
            path: [...targetPath, 'launchTemplate'],
            input: target.launchTemplate,
            message: problem(`is already rolled out by ${templateOwner}`, 'A launch template follows one pipeline; give each pipeline its own'),
          });
        } else templates.set(target.launchTemplate, where);
        target.autoScalingGroups.forEach((group, groupIndex) => {
          const groupOwner = groups.get(group);
          if (groupOwner && !groupOwner.startsWith(`pipelines[${index}]`)) {
            issues.push({
              path: [...targetPath, 'autoScalingGroups', groupIndex],
              input: group,
              message: problem(`is already rolled out by ${groupOwner}`, 'An Auto Scaling group follows one pipeline; remove it from one of them'),
            });
          } else groups.set(group, where);
        });
      });
    });
  }
  return issues;
}

function checkComponentVersions(fleet: Fleet): FleetIssue[] {
  const issues: FleetIssue[] = [];
  const versions = new Map<string, { version: string; where: string }>();
  for (const [index, pipeline] of entries(fleet)) {
    for (const list of ['components', 'testComponents'] as const) {
      pipeline[list].forEach((ref, refIndex) => {
        const first = versions.get(ref.path);
        if (!first) versions.set(ref.path, { version: ref.version, where: `pipelines[${index}].${list}[${refIndex}]` });
        else if (first.version !== ref.version) {
          issues.push({
            path: ['pipelines', index, list, refIndex, 'version'],
            input: ref.version,
            message: problem(
              `differs from version '${first.version}' of the same document at ${first.where}`,
              'A component has one version line: use the same major.minor everywhere',
            ),
          });
        }
      });
    }
  }
  return issues;
}
