import type { CloudRuntime } from '../../cloud.ts';
import type { RegionalStore } from '../../service.ts';
import { emitParameterChange } from './parameter-events.ts';
import { appendVersion } from './parameter-versions.ts';
import type { SsmState } from './store.ts';

/**
 * How long Parameter Store takes to validate an `aws:ec2:image` value. AWS says "up to a few minutes";
 * the local cloud takes a few simulated seconds, so a caller still has to wait for the new version.
 */
export const IMAGE_VALIDATION_DELAY_MS = 5_000;

const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

type Scope = { accountId: string; region: string };

/** Whether the AMI exists for the account in the region: its own, shared with it, or public. */
async function imageAvailable(cloud: CloudRuntime, scope: Scope, imageId: string): Promise<boolean> {
  if (!AMI_ID.test(imageId)) return false;
  try {
    const { Images } = await cloud.invoke<{ Images?: Array<{ ImageId?: string; State?: string }> }>(
      'ec2',
      'DescribeImages',
      { ImageIds: [imageId] },
      scope,
      'ssm',
    );
    return (Images ?? []).some((image) => image.ImageId === imageId && image.State !== 'deregistered');
  } catch {
    // AWS reports any failure to describe the image the same way: "Unable to Describe Resource".
    return false;
  }
}

/**
 * Completes a pending `aws:ec2:image` put once its validation time has come: the version becomes visible,
 * or the parameter stays as it was and the event carries the failure, as on AWS.
 */
export async function completeImageValidation(cloud: CloudRuntime, store: RegionalStore<SsmState>, scope: Scope, key: string): Promise<void> {
  const state = store.get(scope.accountId, scope.region);
  const pending = state.pendingImageParameters[key];
  if (!pending) return;
  const available = await imageAvailable(cloud, scope, pending.version.value);
  if (state.pendingImageParameters[key] !== pending) return;
  delete state.pendingImageParameters[key];
  if (available) {
    appendVersion(cloud, scope, state, { key, name: pending.name, version: pending.version, tags: pending.tags, operation: pending.operation });
    return;
  }
  emitParameterChange(cloud, scope, {
    exception: 'Unable to Describe Resource',
    dataType: 'aws:ec2:image',
    name: pending.name,
    type: pending.version.type,
    operation: pending.operation,
  });
}

export function scheduleImageValidation(cloud: CloudRuntime, store: RegionalStore<SsmState>, scope: Scope, key: string, dueAt: number): void {
  cloud.clock.setTimeout(
    () => {
      completeImageValidation(cloud, store, scope, key).catch((error: unknown) => cloud.log(`ssm: aws:ec2:image validation failed: ${String(error)}`));
    },
    Math.max(0, dueAt - cloud.clock.now()),
  );
}
