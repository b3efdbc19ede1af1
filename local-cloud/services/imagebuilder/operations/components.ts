import type {
  Component,
  ComponentSummary,
  ComponentVersion,
  CreateComponentCommandInput,
  CreateComponentCommandOutput,
  DeleteComponentCommandInput,
  DeleteComponentCommandOutput,
  GetComponentCommandInput,
  GetComponentCommandOutput,
  ListComponentBuildVersionsCommandInput,
  ListComponentBuildVersionsCommandOutput,
  ListComponentsCommandInput,
  ListComponentsCommandOutput,
  Platform,
} from '@aws-sdk/client-imagebuilder';
import type { RequestContext } from '../../../service.ts';
import { arnName, buildArn, compareVersions, matchesVersion, parseArn, versionArnOf } from '../arns.ts';
import { oncePerClientToken } from '../client-token.ts';
import { parseComponentDocument } from '../component-document.ts';
import { dryRunOperation, invalidParameterCombination, invalidParameterValue, resourceDependency } from '../errors.ts';
import { applyFilters } from '../filters.ts';
import { validateInput } from '../input-validation.ts';
import { componentsVisible, findComponent, iso, required, stateOf } from '../lookup.ts';
import { paginate } from '../pagination.ts';
import type { ComponentRecord } from '../store.ts';
import { checkVersionBounds } from '../version-bounds.ts';

type Output<T> = Omit<T, '$metadata'>;

export function createComponent(input: CreateComponentCommandInput & { dryRun?: boolean }, ctx: RequestContext): Output<CreateComponentCommandOutput> {
  validateInput('CreateComponent', input);
  checkVersionBounds('semanticVersion', input.semanticVersion as string);
  if (input.data !== undefined && input.uri !== undefined)
    throw invalidParameterCombination("You can specify either 'data' or 'uri' for a component, not both.");
  if (input.data === undefined && input.uri === undefined) throw invalidParameterCombination("You must specify either 'data' or 'uri' for a component.");
  // Differs from AWS: the local cloud has no S3 to read a document from, so components are inline only.
  if (input.uri !== undefined) throw invalidParameterValue('uri', 'The local cloud cannot read component documents from S3: pass the document inline in data.');
  const document = parseComponentDocument(input.data as string);
  if (input.dryRun) throw dryRunOperation();

  const state = stateOf(ctx);
  return oncePerClientToken(state, 'CreateComponent', input, ctx, () => {
    // Since November 2025, creating a component with a name and version that exist adds a build.
    const versionArn = buildArn(ctx, 'component', input.name as string, input.semanticVersion);
    const builds = Object.values(state.components).filter((c) => versionArnOf(c.arn) === versionArn);
    const build = Math.max(0, ...builds.map((c) => c.build)) + 1;
    const record: ComponentRecord = {
      arn: `${versionArn}/${build}`,
      name: input.name as string,
      version: input.semanticVersion as string,
      build,
      description: input.description,
      changeDescription: input.changeDescription,
      platform: input.platform as string,
      supportedOsVersions: input.supportedOsVersions,
      type: document.type,
      data: input.data as string,
      kmsKeyId: input.kmsKeyId,
      parameters: document.parameters.length ? document.parameters : undefined,
      phases: document.phases,
      owner: ctx.accountId,
      dateCreated: ctx.cloud.clock.now(),
      tags: { ...input.tags },
    };
    state.components[record.arn] = record;
    return { componentBuildVersionArn: record.arn };
  });
}

export function getComponent(input: GetComponentCommandInput, ctx: RequestContext): Output<GetComponentCommandOutput> {
  validateInput('GetComponent', input);
  const arn = input.componentBuildVersionArn as string;
  return { requestId: ctx.requestId, component: componentView(required(findComponent(ctx, arn), 'Component', arn)) };
}

export function listComponents(input: ListComponentsCommandInput, ctx: RequestContext): Output<ListComponentsCommandOutput> {
  validateInput('ListComponents', input);
  const owner = input.owner ?? 'Self';
  // Shared, third-party and Marketplace components do not exist in the local cloud.
  const records = owner === 'Self' || owner === 'Amazon' ? componentsVisible(ctx, owner) : [];
  // One entry per version: the newest build stands for it.
  const versions = new Map<string, ComponentRecord>();
  for (const record of records) {
    const key = input.byName ? arnName(record.name) : versionArnOf(record.arn);
    const held = versions.get(key);
    if (!held || compareVersions(record.version, held.version) > 0 || (record.version === held.version && record.build > held.build)) versions.set(key, record);
  }
  const filtered = applyFilters([...versions.values()].sort(byNameThenVersion), input.filters, {
    description: (c) => c.description,
    name: (c) => c.name,
    platform: (c) => c.platform,
    supportedOsVersion: (c) => c.supportedOsVersions?.find(Boolean),
    type: (c) => c.type,
    version: (c) => c.version,
  });
  const { page, nextToken } = paginate(filtered, input);
  return { requestId: ctx.requestId, componentVersionList: page.map(componentVersionView), nextToken };
}

export function listComponentBuildVersions(
  input: ListComponentBuildVersionsCommandInput,
  ctx: RequestContext,
): Output<ListComponentBuildVersionsCommandOutput> {
  validateInput('ListComponentBuildVersions', input);
  const parsed = input.componentVersionArn ? parseArn(input.componentVersionArn) : undefined;
  const records = componentsVisible(ctx)
    .filter((c) => !parsed || (arnName(c.name) === parsed.name && matchesVersion(parsed.version as string, c.version) && ownerMatches(c, parsed.owner, ctx)))
    .sort(byNameThenVersion);
  const { page, nextToken } = paginate(records, input);
  return { requestId: ctx.requestId, componentSummaryList: page.map(componentSummaryView), nextToken };
}

export function deleteComponent(input: DeleteComponentCommandInput, ctx: RequestContext): Output<DeleteComponentCommandOutput> {
  validateInput('DeleteComponent', input);
  const arn = input.componentBuildVersionArn as string;
  const state = stateOf(ctx);
  const record = required(state.components[arn], 'Component', arn);
  const usedBy = Object.values(state.recipes).some((recipe) =>
    recipe.components.some((c) => {
      const ref = parseArn(c.componentArn ?? '');
      return (
        ref?.owner === ctx.accountId &&
        ref.name === arnName(record.name) &&
        matchesVersion(ref.version ?? '', record.version) &&
        (ref.build ?? record.build) === record.build
      );
    }),
  );
  if (usedBy) throw resourceDependency(arn);
  delete state.components[arn];
  return { requestId: ctx.requestId, componentBuildVersionArn: arn };
}

function ownerMatches(record: ComponentRecord, owner: string, ctx: RequestContext): boolean {
  return owner === 'aws' ? record.owner === 'Amazon' : owner === ctx.accountId && record.owner === ctx.accountId;
}

function byNameThenVersion(a: ComponentRecord, b: ComponentRecord): number {
  return a.name.localeCompare(b.name) || compareVersions(a.version, b.version) || a.build - b.build;
}

function componentView(c: ComponentRecord): Component {
  return {
    arn: c.arn,
    name: c.name,
    version: c.version,
    description: c.description,
    changeDescription: c.changeDescription,
    type: c.type,
    platform: c.platform as Platform,
    supportedOsVersions: c.supportedOsVersions,
    state: { status: 'ACTIVE' },
    parameters: c.parameters,
    owner: c.owner,
    data: c.data,
    kmsKeyId: c.kmsKeyId,
    encrypted: true,
    dateCreated: iso(c.dateCreated),
    tags: c.tags,
  };
}

function componentVersionView(c: ComponentRecord): ComponentVersion {
  return {
    arn: versionArnOf(c.arn),
    name: c.name,
    version: c.version,
    description: c.description,
    platform: c.platform as Platform,
    supportedOsVersions: c.supportedOsVersions,
    type: c.type,
    owner: c.owner,
    dateCreated: iso(c.dateCreated),
  };
}

function componentSummaryView(c: ComponentRecord): ComponentSummary {
  return {
    arn: c.arn,
    name: c.name,
    version: c.version,
    platform: c.platform as Platform,
    supportedOsVersions: c.supportedOsVersions,
    state: { status: 'ACTIVE' },
    type: c.type,
    owner: c.owner,
    description: c.description,
    changeDescription: c.changeDescription,
    dateCreated: iso(c.dateCreated),
    tags: c.tags,
  };
}
