import { resourceId } from '../../cloud.ts';

/** EC2 ids: a prefix, then 8 (old style) or 17 (long style) hex digits. */
const idPattern = (prefix: string) => new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`);

export const isAccountId = (id: string) => /^\d{12}$/.test(id);
export const isImageId = (id: string) => idPattern('ami').test(id);
export const isInstanceId = (id: string) => idPattern('i').test(id);
export const isSnapshotId = (id: string) => idPattern('snap').test(id);
export const isLaunchTemplateId = (id: string) => idPattern('lt').test(id);

export const newImageId = () => resourceId('ami');
export const newInstanceId = () => resourceId('i');
export const newSnapshotId = () => resourceId('snap');
export const newVolumeId = () => resourceId('vol');
export const newLaunchTemplateId = () => resourceId('lt');
export const newReservationId = () => resourceId('r');

/** The owner id of Amazon's own public images (Amazon Linux). */
export const AMAZON_OWNER_ID = '137112412989';
