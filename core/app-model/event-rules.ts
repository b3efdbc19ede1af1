import type { ResolvedConfig } from '../config/index.ts';
import { functions, type Trigger } from '../release/catalogue.ts';
import { DetailTypes, GOLDSMITH_SOURCE, rulePatterns } from '../release/events.ts';
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

/** The rules on the bus, each targeting the catalogue functions it triggers. A rule with nothing to match (no fleet, no chain) is left out. */
export function eventRules(resolved: ResolvedConfig, options: { prefix: string; tags: Tags; eventBusName: string }): RuleResource[] {
  const pipelines = resolved.pipelines;
  const groups = [...new Set(pipelines.flatMap((p) => p.config.rollout.waves.flatMap((wave) => wave.targets.flatMap((target) => target.autoScalingGroups))))];
  const parents = [...new Set(pipelines.flatMap((p) => (p.dependsOn ? [p.dependsOn] : [])))];
  const patterns: Record<RuleName, { description: string; pattern: Record<string, unknown> } | undefined> = {
    'image-state-change': {
      description: "Image Builder images of Goldsmith's pipelines that reached a terminal status",
      pattern: {
        ...rulePatterns['image-state-change'],
        // Image ARNs carry the recipe's name, which is the pipeline's Image Builder name.
        resources: pipelines.map((p) => ({ wildcard: `arn:aws:imagebuilder:*:*:image/${p.recipe.name.toLowerCase()}/*` })),
        detail: { state: { status: [...TERMINAL_IMAGE_STATUSES] } },
      },
    },
    'instance-refresh': groups.length
      ? {
          description: "Instance refresh events of the Auto Scaling groups Goldsmith's waves roll out",
          pattern: { ...rulePatterns['instance-refresh'], detail: { AutoScalingGroupName: groups } },
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
