import { loadModel } from '../../protocol/model.ts';

/**
 * The aws-sdk v2 model that the protocol layer reads predates `RefreshPreferences.BakeTime`, which
 * today's SDKs and the CLI send. Adding the member lets requests and responses carry it.
 */
export function addMissingModelMembers(): void {
  const model = loadModel('autoscaling-2011-01-01');
  const ref = model.operations.StartInstanceRefresh.input?.members?.Preferences;
  const preferences = ref?.shape ? model.shapes[ref.shape] : ref;
  if (!preferences) return;
  preferences.members ??= {};
  preferences.members.BakeTime ??= { type: 'integer' };
}
