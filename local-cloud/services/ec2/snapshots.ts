import type {
  DeleteSnapshotCommandInput,
  DeleteSnapshotCommandOutput,
  DescribeSnapshotsCommandInput,
  DescribeSnapshotsCommandOutput,
  Snapshot,
} from '@aws-sdk/client-ec2';
import type { RequestContext } from '../../service.ts';
import { invalidParameterCombination, invalidUserIdMalformed, missingParameter, snapshotInUse, snapshotMalformed, snapshotNotFound } from './errors.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { imagesUsingSnapshot } from './images.ts';
import { paginate } from './pagination.ts';
import { isAccountId, isSnapshotId } from './resource-ids.ts';
import { type Ec2State, regionState, type SnapshotRecord, statesInRegion } from './store.ts';
import { tagList } from './tag-specifications.ts';

type Output<T> = Omit<T, '$metadata'>;

function snapshotShape(snapshot: SnapshotRecord): Snapshot {
  return {
    SnapshotId: snapshot.snapshotId,
    VolumeId: snapshot.volumeId,
    State: 'completed',
    StartTime: new Date(snapshot.startTime),
    Progress: '100%',
    OwnerId: snapshot.ownerId,
    OwnerAlias: snapshot.ownerAlias,
    Description: snapshot.description,
    VolumeSize: snapshot.volumeSize,
    Encrypted: snapshot.encrypted,
    KmsKeyId: snapshot.kmsKeyId,
    Tags: tagList(snapshot.tags),
    StorageTier: 'standard',
  };
}

/** Snapshots the caller can see: its own, and public ones (such as those behind Amazon's public AMIs). */
function visibleSnapshots(ctx: RequestContext): SnapshotRecord[] {
  regionState(ctx);
  return statesInRegion(ctx).flatMap((state) => Object.values(state.snapshots).filter((s) => s.ownerId === ctx.accountId || s.public));
}

const SNAPSHOT_FILTERS: FilterFields<SnapshotRecord> = {
  description: (s) => s.description,
  encrypted: (s) => s.encrypted,
  'kms-key-id': (s) => s.kmsKeyId,
  'owner-alias': (s) => s.ownerAlias,
  'owner-id': (s) => s.ownerId,
  progress: () => '100%',
  'snapshot-id': (s) => s.snapshotId,
  'start-time': (s) => new Date(s.startTime).toISOString(),
  status: () => 'completed',
  'storage-tier': () => 'standard',
  'volume-id': (s) => s.volumeId,
  'volume-size': (s) => s.volumeSize,
};

export function describeSnapshots(input: DescribeSnapshotsCommandInput, ctx: RequestContext): Output<DescribeSnapshotsCommandOutput> {
  const ids = input.SnapshotIds ?? [];
  for (const id of ids) if (!isSnapshotId(id)) throw snapshotMalformed(id);
  for (const owner of input.OwnerIds ?? []) if (owner !== 'self' && owner !== 'amazon' && !isAccountId(owner)) throw invalidUserIdMalformed(owner);
  if (ids.length && input.MaxResults !== undefined) throw invalidParameterCombination('The parameter snapshotSet cannot be used with the parameter maxResults');
  let snapshots = visibleSnapshots(ctx);
  if (ids.length) {
    const missing = ids.find((id) => !snapshots.some((s) => s.snapshotId === id));
    if (missing) throw snapshotNotFound(missing);
    snapshots = snapshots.filter((s) => ids.includes(s.snapshotId));
  }
  const owners = input.OwnerIds ?? [];
  if (owners.length)
    snapshots = snapshots.filter((s) =>
      owners.some((owner) => (owner === 'self' ? s.ownerId === ctx.accountId : owner === 'amazon' ? s.ownerAlias === 'amazon' : s.ownerId === owner)),
    );
  const restorable = input.RestorableByUserIds ?? [];
  if (restorable.length) snapshots = snapshots.filter((s) => restorable.some((user) => s.public || s.ownerId === (user === 'self' ? ctx.accountId : user)));
  snapshots = applyFilters(snapshots, input.Filters, SNAPSHOT_FILTERS, (s) => s.tags);
  snapshots.sort((a, b) => a.startTime - b.startTime);
  const { page, nextToken } = paginate(snapshots, input, { min: 5, max: 1000 });
  return { Snapshots: page.map(snapshotShape), NextToken: nextToken };
}

export function locateSnapshot(ctx: RequestContext, snapshotId: string): { snapshot: SnapshotRecord; state: Ec2State } | undefined {
  for (const state of statesInRegion(ctx)) {
    const snapshot = state.snapshots[snapshotId];
    if (snapshot) return { snapshot, state };
  }
  return undefined;
}

/** Deletes a snapshot the caller owns, refused while a registered AMI still uses it. */
export function deleteSnapshot(input: DeleteSnapshotCommandInput, ctx: RequestContext): Output<DeleteSnapshotCommandOutput> {
  const id = input.SnapshotId;
  if (!id) throw missingParameter('snapshotId');
  if (!isSnapshotId(id)) throw snapshotMalformed(id);
  regionState(ctx);
  const found = locateSnapshot(ctx, id);
  if (!found || found.snapshot.ownerId !== ctx.accountId) throw snapshotNotFound(id);
  const user = imagesUsingSnapshot(ctx, id)[0];
  if (user) throw snapshotInUse(id, user.imageId);
  delete found.state.snapshots[id];
  return {};
}
