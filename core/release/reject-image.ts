/**
 * reject-image: an image that failed validation is tagged `goldsmith:status=rejected` and deprecated in every
 * region, so nobody launches it by mistake, and it is never published.
 */
import type { RegionalAmi } from './contracts.ts';
import type { ImagesPort } from './ports.ts';
import { Tags } from './resource-names.ts';

export async function rejectImage(
  input: { releaseId: string; amis: RegionalAmi[]; reason: string },
  now: number,
  deps: { images: ImagesPort; accountId: string },
): Promise<{ rejected: RegionalAmi[] }> {
  // AMIs distributed to other accounts belong to them: only this account's can be tagged and deprecated here.
  const own = input.amis.filter((ami) => ami.accountId === undefined || ami.accountId === deps.accountId);
  const regions = [...new Set(own.map((ami) => ami.region))];
  for (const region of regions) {
    const ids = own.filter((ami) => ami.region === region).map((ami) => ami.imageId);
    await deps.images.tag(region, ids, { [Tags.status]: 'rejected', [Tags.release]: input.releaseId, 'goldsmith:rejected-reason': input.reason.slice(0, 256) });
    for (const id of ids) await deps.images.deprecate(region, id, now);
  }
  return { rejected: own };
}
