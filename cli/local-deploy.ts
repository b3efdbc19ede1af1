import { type Deployment, deployApp } from '../adapters/aws/local-deployer.ts';
import type { Change } from '../adapters/aws/local-deployer-changes.ts';
import { provisionFleetFixtures } from '../adapters/aws/local-deployer-fleet-fixtures.ts';
import { connectInbox } from '../adapters/aws/local-deployer-inbox.ts';
import type { Connection } from './connection.ts';
import { LOCAL_PATHS } from './local-session.ts';
import { CODE_DIR, type Project } from './project.ts';

/**
 * Set on every function by the local deploy only: the local cloud has no X-Ray daemon. Product code reads
 * Powertools' own variable and has no local branch.
 */
export const LOCAL_FUNCTION_ENVIRONMENT = { POWERTOOLS_TRACE_ENABLED: 'false' } as const;

export interface LocalDeployment {
  deployment: Deployment;
  fixtures: Change[];
}

/** Deploys the app to a local cloud, provisions the example fleet's own infrastructure, and points notifications at the inbox. */
export async function deployLocally(
  project: Project,
  connection: Connection,
  options: { log?: (line: string) => void; groupSize?: number } = {},
): Promise<LocalDeployment> {
  const { log } = options;
  const deployment = await deployApp({
    resolved: project.resolved,
    stage: connection.model.stage,
    target: connection.target,
    rootDir: CODE_DIR,
    cacheDir: LOCAL_PATHS.bundles(project.projectDir),
    functionEnvironment: LOCAL_FUNCTION_ENVIRONMENT,
    log,
  });
  const fixtures = await provisionFleetFixtures(project.resolved, connection.target, { log, groupSize: options.groupSize });
  if (connection.inbox) await connectInbox(deployment.model, deployment.scope, connection.target, connection.inbox);
  return { deployment, fixtures };
}

/** `46 resources: 3 created, 1 updated, 42 unchanged`. */
export function describeChanges(changes: readonly Change[]): string {
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(change.action, (counts.get(change.action) ?? 0) + 1);
  const parts = ['created', 'updated', 'deleted', 'unchanged'].filter((a) => counts.has(a)).map((a) => `${counts.get(a)} ${a}`);
  return `${changes.length} resources: ${parts.join(', ')}`;
}
