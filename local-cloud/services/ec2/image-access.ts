import type { RequestContext } from '../../service.ts';
import { amiMalformed, amiNotFound, notAuthorizedForImage } from './errors.ts';
import { isImageId } from './resource-ids.ts';
import { type Ec2State, type ImageRecord, regionState, statesInRegion } from './store.ts';

/** An image and the regional state that holds it. */
export interface LocatedImage {
  image: ImageRecord;
  state: Ec2State;
}

/** Whether an account may see and launch an image: its own, public ones, and ones shared with it. */
export function canUse(image: ImageRecord, accountId: string): boolean {
  return image.ownerId === accountId || image.public || image.launchPermissionUserIds.includes(accountId);
}

export const isDeprecated = (image: ImageRecord, now: number) => image.deprecationTime !== undefined && image.deprecationTime <= now;

/** Every image in the caller's region that the caller may use, whichever account registered it. */
export function usableImages(ctx: RequestContext): ImageRecord[] {
  regionState(ctx);
  return statesInRegion(ctx).flatMap((state) => Object.values(state.images).filter((image) => canUse(image, ctx.accountId)));
}

export function locateImage(ctx: RequestContext, imageId: string): LocatedImage | undefined {
  for (const state of statesInRegion(ctx)) {
    const image = state.images[imageId];
    if (image) return { image, state };
  }
  return undefined;
}

/** An image the caller may use, or AWS's error for a malformed or unknown id. */
export function usableImage(ctx: RequestContext, imageId: string | undefined): ImageRecord {
  if (!imageId || !isImageId(imageId)) throw amiMalformed(imageId ?? '');
  const found = locateImage(ctx, imageId);
  if (!found || !canUse(found.image, ctx.accountId)) throw amiNotFound([imageId]);
  return found.image;
}

/** An image the caller owns, for operations only the owner may perform. */
export function ownedImage(ctx: RequestContext, imageId: string | undefined): LocatedImage {
  const image = usableImage(ctx, imageId);
  if (image.ownerId !== ctx.accountId) throw notAuthorizedForImage(image.imageId);
  return locateImage(ctx, image.imageId) as LocatedImage;
}
