/**
 * The state a release can change, as sorted text, one resource per line: executions, parameters, launch
 * templates, instances, images, refreshes, builds, commands and the items of Goldsmith's release table. Two snapshots
 * compare equal exactly when nothing changed.
 */
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Fleet } from '../e2e/harness.ts';

export async function cloudState(fleet: Fleet): Promise<string> {
  const { services } = fleet.session.cloud.runtime;
  const lines: string[] = [];
  for (const { region, state } of services.stepfunctions.store.entries())
    for (const e of Object.values(state.executions)) lines.push(`${region} execution ${e.name} ${e.status}`);
  for (const { accountId, region, state } of services.ssm.store.entries()) {
    if (accountId === 'aws') continue;
    for (const p of Object.values(state.parameters)) lines.push(`${region} parameter ${p.name} v${p.versions.at(-1)?.version} ${p.versions.at(-1)?.value}`);
    for (const c of state.commands) lines.push(`${region} command ${c.commandId}`);
  }
  for (const { region, state } of services.ec2.store.entries()) {
    for (const t of Object.values(state.launchTemplates))
      lines.push(`${region} launch template ${t.name} default ${t.defaultVersion} latest ${t.versions.length}`);
    for (const i of Object.values(state.instances)) lines.push(`${region} instance ${i.instanceId} ${i.imageId}${i.terminatedAt ? ' terminated' : ''}`);
    for (const i of Object.values(state.images)) lines.push(`${region} image ${i.imageId} ${JSON.stringify(i.tags)} ${i.deprecationTime ?? ''}`);
  }
  for (const { region, state } of services.autoscaling.store.entries()) for (const r of state.refreshes) lines.push(`${region} refresh ${r.id} ${r.groupName}`);
  for (const { region, state } of services.imagebuilder.store.entries()) for (const i of Object.values(state.images)) lines.push(`${region} build ${i.arn}`);
  const documents = DynamoDBDocumentClient.from(fleet.clients.dynamodb);
  // Idempotency records are the cache of events already handled, not state anyone acts on.
  for (const table of fleet.deployment.deployment.model.tables.filter((t) => t.key !== 'idempotency')) {
    const items = (await documents.send(new ScanCommand({ TableName: table.name }))).Items ?? [];
    for (const item of items) lines.push(`table ${table.key} ${JSON.stringify(item, Object.keys(item).sort())}`);
  }
  return lines.sort().join('\n');
}
