/**
 * EventBridge's limit on a rule's pattern: the "Event pattern size" quota, 2,048 characters by default (adjustable;
 * PutRule's own constraint is 4,096). Goldsmith's rules once reached it on large fleets, when the instance-refresh
 * rule listed every Auto Scaling group and the image-state-change rule one image ARN wildcard per pipeline. Benchmarks of fleets past the limit deploy them anyway, the way a fix
 * would: the rule's list replaced by one prefix (or wildcard) shared by every name.
 */
import { ChangeLog } from '../adapters/aws/local-deployer-changes.ts';
import { deployClients, destroyClients } from '../adapters/aws/local-deployer-clients.ts';
import { provisionFleetFixtures } from '../adapters/aws/local-deployer-fleet-fixtures.ts';
import { connectInbox } from '../adapters/aws/local-deployer-inbox.ts';
import { deployRule } from '../adapters/aws/local-deployer-orchestration.ts';
import { sessionConnection } from '../cli/connection.ts';
import { deployLocally } from '../cli/local-deploy.ts';
import type { Project } from '../cli/project.ts';
import { buildAppModel, resolveReference, resolveRefs } from '../core/app-model/index.ts';
import type { BenchFleet } from './release-run.ts';

/** https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html (Event pattern size, the default quota). */
export const EVENT_PATTERN_LIMIT = 2_048;

export interface OversizedRule {
  rule: string;
  chars: number;
}

/** The rules of a project whose pattern is over the limit. */
export function oversizedRules(project: Project): OversizedRule[] {
  const model = buildAppModel(project.resolved, { stage: 'local' });
  return model.rules.map((rule) => ({ rule: rule.key, chars: JSON.stringify(rule.eventPattern).length })).filter((r) => r.chars > EVENT_PATTERN_LIMIT);
}

/** The length of a rule's pattern in a project (0 when the project has no such rule). */
export function patternChars(project: Project, rule: string): number {
  const found = buildAppModel(project.resolved, { stage: 'local' }).rules.find((r) => r.key === rule);
  return found ? JSON.stringify(found.eventPattern).length : 0;
}

/** The largest n in 1…max for which the project of n deploys its rules (n = max when it does). */
export function ruleCapacity(projectOf: (n: number) => Project, max: number): number {
  if (oversizedRules(projectOf(max)).length === 0) return max;
  let low = 0;
  let high = max;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (oversizedRules(projectOf(middle)).length === 0) low = middle;
    else high = middle;
  }
  return low;
}

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values) while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * The same pattern with its name lists shortened as a fix would: Auto Scaling group names to one `prefix`, image
 * ARN wildcards to one wildcard.
 */
export function compactPattern(pattern: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const compact = structuredClone(pattern) as Record<string, unknown>;
  const detail = compact.detail as Record<string, unknown> | undefined;
  const groups = detail?.AutoScalingGroupName;
  if (detail && Array.isArray(groups) && groups.length > 1 && groups.every((g) => typeof g === 'string'))
    detail.AutoScalingGroupName = [{ prefix: commonPrefix(groups) }];
  const resources = compact.resources;
  if (Array.isArray(resources) && resources.length > 1 && resources.every((r) => typeof r?.wildcard === 'string')) {
    compact.resources = [{ wildcard: `${commonPrefix(resources.map((r) => r.wildcard as string))}*` }];
  }
  return compact;
}

/**
 * Deploys `full` over a cloud where a smaller project whose rules fit is deployed already. The deploy updates
 * functions and state machines, then fails at the first oversized rule; each rule is then deployed by the
 * deployer's own deployRule, oversized ones compacted, and the fixtures and inbox set up as the deploy would.
 */
export async function deployPastRuleLimits(bench: BenchFleet, full: Project, groupSize: number): Promise<OversizedRule[]> {
  const oversized = oversizedRules(full);
  const connection = await sessionConnection(full, bench.fleet.session);
  try {
    await deployLocally(full, connection, { groupSize });
    return oversized;
  } catch (error) {
    if ((error as Error).name !== 'ValidationException' || !/eventPattern/.test((error as Error).message)) throw error;
  }
  const clients = deployClients(connection.target);
  try {
    for (const rule of connection.model.rules) {
      const resolved = resolveRefs(rule, (reference) => resolveReference(connection.model, reference, connection.scope));
      const fits = JSON.stringify(rule.eventPattern).length <= EVENT_PATTERN_LIMIT;
      const eventPattern = (fits ? resolved.eventPattern : compactPattern(rule.eventPattern)) as typeof resolved.eventPattern;
      await deployRule(clients, { ...resolved, eventPattern }, new ChangeLog());
    }
  } finally {
    destroyClients(clients);
  }
  await provisionFleetFixtures(full.resolved, connection.target, { groupSize });
  if (connection.inbox) await connectInbox(connection.model, connection.scope, connection.target, connection.inbox);
  return oversized;
}

export function workaroundText(oversized: readonly OversizedRule[], fitting: number, full: number, what: string): string {
  return `The deploy of ${full} ${what} fails: ${oversized.map((r) => `the ${r.rule} rule's pattern is ${r.chars.toLocaleString('en')} characters`).join(', ')}, over EventBridge's default pattern size quota of ${EVENT_PATTERN_LIMIT.toLocaleString('en')}, and at most ${fitting} ${what} fit. To measure the rest, the bench deployed ${fitting} ${what} first, then the full config over them, and deployed each rule with its name list shortened to one shared prefix or wildcard, as a fix would.`;
}
