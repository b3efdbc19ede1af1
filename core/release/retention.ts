/**
 * Which images to retire, as a pure decision. The last N builds are kept (rejected ones do not count), and so
 * is every AMI still in use. The rest are deprecated first and deregistered on a later run, once deprecated.
 */
import type { AmiView } from './ports.ts';
import { Tags } from './resource-names.ts';

export interface RetirementPlan {
  keep: AmiView[];
  deprecate: AmiView[];
  /** Deprecated already: deregister them and delete their snapshots. */
  deregister: AmiView[];
  /** Deprecation is scheduled but not reached yet: nothing to do this time. */
  waiting: AmiView[];
}

const buildOf = (image: AmiView) => image.builderArn ?? image.imageId;

export function planRetirement(images: readonly AmiView[], options: { keep: number; inUse: ReadonlySet<string>; now: number }): RetirementPlan {
  const newest = new Map<string, number>();
  const rejected = new Set<string>();
  for (const image of images) {
    const build = buildOf(image);
    newest.set(build, Math.max(newest.get(build) ?? 0, image.creationDate));
    if (image.tags[Tags.status] === 'rejected') rejected.add(build);
  }
  const kept = new Set(
    [...newest]
      .filter(([build]) => !rejected.has(build))
      .sort((a, b) => b[1] - a[1])
      .slice(0, options.keep)
      .map(([build]) => build),
  );
  const plan: RetirementPlan = { keep: [], deprecate: [], deregister: [], waiting: [] };
  for (const image of images) {
    if (kept.has(buildOf(image)) || options.inUse.has(image.imageId)) plan.keep.push(image);
    else if (image.deprecationTime === undefined) plan.deprecate.push(image);
    else if (image.deprecationTime <= options.now) plan.deregister.push(image);
    else plan.waiting.push(image);
  }
  return plan;
}
