import { describe, expect, it } from 'vitest';
import { largeFleet, manyPipelines } from '../../bench/fleet-configs.ts';
import { benchProject } from '../../bench/release-run.ts';
import { compactPattern, EVENT_PATTERN_LIMIT, oversizedRules, patternChars, ruleCapacity } from '../../bench/rule-limits.ts';

describe('Bench: EventBridge rule limits', () => {
  it('finds the most groups whose rules still deploy', () => {
    // Prepare
    const projectFor = (groups: number) => benchProject(largeFleet({ groups, waves: 3, regions: 1, groupsPerTemplate: 10 }));
    // Act
    const capacity = ruleCapacity(projectFor, 600);
    // Assess
    expect(capacity).toBeLessThan(600);
    expect(patternChars(projectFor(capacity), 'instance-refresh')).toBeLessThanOrEqual(EVENT_PATTERN_LIMIT);
    expect(patternChars(projectFor(capacity + 1), 'instance-refresh')).toBeGreaterThan(EVENT_PATTERN_LIMIT);
    expect(oversizedRules(projectFor(capacity + 1)).map((r) => r.rule)).toEqual(['instance-refresh']);
  });

  it('names the image rule when there are too many pipelines', () => {
    // Act
    const oversized = oversizedRules(benchProject(manyPipelines(100)));
    // Assess
    expect(oversized.map((r) => r.rule)).toContain('image-state-change');
  });

  it('shortens group names to their common prefix and image wildcards to one', () => {
    // Prepare
    const pattern = {
      source: ['aws.autoscaling'],
      resources: [{ wildcard: 'arn:aws:imagebuilder:*:*:image/acme-web-001/*' }, { wildcard: 'arn:aws:imagebuilder:*:*:image/acme-web-002/*' }],
      detail: { AutoScalingGroupName: ['fleet-0001', 'fleet-0002', 'fleet-0100'] },
    };
    // Act
    const compact = compactPattern(pattern);
    // Assess
    expect(compact).toEqual({
      source: ['aws.autoscaling'],
      resources: [{ wildcard: 'arn:aws:imagebuilder:*:*:image/acme-web-00*' }],
      detail: { AutoScalingGroupName: [{ prefix: 'fleet-0' }] },
    });
    expect(pattern.detail.AutoScalingGroupName).toHaveLength(3);
  });
});
