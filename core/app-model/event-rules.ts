import type { ResolvedConfig } from '../config/index.ts';
import { functions, type Trigger } from '../release/catalogue.ts';
import { DetailTypes, GOLDSMITH_SOURCE, rulePatterns } from '../release/events.ts';
import { arnName } from '../release/resource-names.ts';
import type { RetryPolicy, RuleResource, Tags } from './app-model.ts';
import { ref } from './references.ts';
import { boundedName, NAME_LIMITS } from './resource-names.ts';

type RuleName = Extract<Trigger, { kind: 'rule' }>['rule'];

/**
 * The events Goldsmith's own rules listen to besides AWS's (shapes in core/release/events.ts).
 * - `Release Requested`: CI puts it when a component changed, e.g.
 *   `aws events put-events --entries '[{"Source":"goldsmith","DetailType":"Release Requested","Detail":"{\"pipeline\":\"web-server\",\"requestId\":\"<commit sha>\"}"}]'`.
 * - `Goldsmith Image Published`: the release puts it once `stable` moved (statemachines/release.asl.json, Emit Image Published).
 */
export const GOLDSMITH_EVENTS = {
  releaseRequested: { source: GOLDSMITH_SOURCE, detailType: DetailTypes.releaseRequested },
  imagePublished: { source: GOLDSMITH_SOURCE, detailType: DetailTypes.imagePublished },
} as const;

/** Image Builder's terminal statuses: the ones a waiting release or an external build acts on. */
export const TERMINAL_IMAGE_STATUSES = ['AVAILABLE', 'FAILED', 'CANCELLED'] as const;

/** EventBridge's maximum: 185 retries within 24 hours. Goldsmith's handlers are idempotent for at least as long (DESIGN §6). */
export const EVENT_RETRY_POLICY: RetryPolicy = { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 };

export const DEAD_LETTER_QUEUE = 'dead-letters';

/**
 * Image ARNs carry the recipe's name (`…:image/<recipe>/<version>/<build>`), and every recipe is named
 * `<project>-<pipeline>` (core/config/resolve-config.ts): one wildcard on the project covers every pipeline, where
 * one per pipeline outgrows EventBridge's default event pattern size quota (2,048 characters) at about 28 pipelines.
 * on-image-event ignores images of other recipes.
 */
function imageArnWildcards(resolved: ResolvedConfig): Array<{ wildcard: string }> {
  const project = `${arnName(resolved.config.project)}-`;
  const recipes = resolved.pipelines.map((p) => arnName(p.recipe.name));
  if (recipes.every((recipe) => recipe.startsWith(project))) return [{ wildcard: `arn:aws:imagebuilder:*:*:image/${project}*` }];
  return recipes.map((recipe) => ({ wildcard: `arn:aws:imagebuilder:*:*:image/${recipe}/*` }));
}

/** The rules on the bus, each targeting the catalogue functions it triggers. A rule with nothing to match (no fleet, no chain) is left out. */
export function eventRules(resolved: ResolvedConfig, options: { prefix: string; tags: Tags; eventBusName: string }): RuleResource[] {
  const pipelines = resolved.pipelines;
  const rollsOut = pipelines.some((p) => p.config.rollout.waves.some((wave) => wave.targets.length > 0));
  const parents = [...new Set(pipelines.flatMap((p) => (p.dependsOn ? [p.dependsOn] : [])))];
  const patterns: Record<RuleName, { description: string; pattern: Record<string, unknown> } | undefined> = {
    'image-state-change': {
      description: "Image Builder images of Goldsmith's pipelines that reached a terminal status",
      pattern: {
        ...rulePatterns['image-state-change'],
        resources: imageArnWildcards(resolved),
        detail: { state: { status: [...TERMINAL_IMAGE_STATUSES] } },
      },
    },
    // No list of groups: a pattern naming each one outgrows EventBridge's default event pattern size quota (2,048
    // characters) at about 140 groups. on-refresh-event ignores the refreshes no wave waits on.
    'instance-refresh': rollsOut
      ? {
          description: 'Instance refresh events; on-refresh-event acts on those a Goldsmith wave waits on',
          pattern: { ...rulePatterns['instance-refresh'] },
        }
      : undefined,
    'release-requested': {
      description: 'Release requests from CI, e.g. after a component changed',
      pattern: rulePatterns['release-requested'],
    },
    'image-published': parents.length
      ? {
          description: 'Stable images of pipelines that chained pipelines build on',
          pattern: { ...rulePatterns['image-published'], detail: { pipeline: parents } },
        }
      : undefined,
  };
  return (Object.keys(patterns) as RuleName[]).flatMap((rule): RuleResource[] => {
    const spec = patterns[rule];
    if (!spec) return [];
    const targets = functions.filter((fn) => fn.triggers.some((t) => t.kind === 'rule' && t.rule === rule));
    return [
      {
        key: rule,
        name: boundedName(options.prefix, rule, NAME_LIMITS.rule),
        description: spec.description,
        eventBusName: options.eventBusName,
        eventPattern: spec.pattern,
        targets: targets.map((fn) => ({
          id: fn.name,
          arn: ref('function', fn.name),
          retryPolicy: EVENT_RETRY_POLICY,
          deadLetterQueueArn: ref('queue', DEAD_LETTER_QUEUE),
        })),
        tags: options.tags,
      },
    ];
  });
}
