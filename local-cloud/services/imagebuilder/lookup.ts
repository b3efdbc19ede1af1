import type { RequestContext } from '../../service.ts';
import { amazonManagedComponents } from './amazon-managed.ts';
import { arnName, compareVersions, matchesVersion, parseArn } from './arns.ts';
import { type ResourceType, resourceNotFound } from './errors.ts';
import type { ComponentRecord, ImageBuilderState, ImageRecord, RecipeRecord } from './store.ts';

/** Where a lookup happens: a request's account and region, or a build's. */
export type Scope = Pick<RequestContext, 'cloud' | 'accountId' | 'region'>;

/** The Image Builder state of the request's account and region. */
export function stateOf(ctx: Scope): ImageBuilderState {
  return ctx.cloud.services.imagebuilder.store.get(ctx.accountId, ctx.region);
}

/** Orders versioned records newest first: highest version, then highest build. */
function newestFirst<T extends { version: string; build?: number }>(a: T, b: T): number {
  return compareVersions(b.version, a.version) || (b.build ?? 0) - (a.build ?? 0);
}

/**
 * Finds what a versioned ARN names: a build ARN names one build; a version ARN or a wildcard
 * (`1.x.x`, `x.x.x`) names the newest build that matches.
 */
function pick<T extends { name: string; version: string; build?: number }>(records: T[], arn: string): T | undefined {
  const parsed = parseArn(arn);
  if (!parsed?.version) return undefined;
  return records
    .filter((r) => arnName(r.name) === parsed.name && matchesVersion(parsed.version as string, r.version))
    .filter((r) => parsed.build === undefined || r.build === parsed.build)
    .sort(newestFirst)[0];
}

/** All components the account can use in this region: its own and Amazon's. */
export function componentsVisible(ctx: Scope, owner: 'Self' | 'Amazon' | 'all' = 'all'): ComponentRecord[] {
  const own = owner === 'Amazon' ? [] : Object.values(stateOf(ctx).components);
  const amazon = owner === 'Self' ? [] : amazonManagedComponents(ctx.region);
  return [...own, ...amazon];
}

export function findComponent(ctx: Scope, arn: string): ComponentRecord | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.region !== ctx.region) return undefined;
  if (parsed.owner === 'aws') return pick(componentsVisible(ctx, 'Amazon'), arn);
  if (parsed.owner !== ctx.accountId) return undefined;
  return pick(componentsVisible(ctx, 'Self'), arn);
}

export function findRecipe(ctx: Scope, arn: string): RecipeRecord | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.owner !== ctx.accountId || parsed.region !== ctx.region) return undefined;
  return pick(Object.values(stateOf(ctx).recipes), arn);
}

/** An image build, or the newest build of a version or wildcard ARN. */
export function findImage(ctx: Scope, arn: string): ImageRecord | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.owner !== ctx.accountId || parsed.region !== ctx.region) return undefined;
  return pick(Object.values(stateOf(ctx).images), arn);
}

/** Looks a record up by its exact ARN, or answers ResourceNotFoundException as Image Builder does. */
export function required<T>(record: T | undefined, type: ResourceType, arn: string): T {
  if (!record) throw resourceNotFound(type, arn);
  return record;
}

export const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
