import { describe, expect, it } from 'vitest';
import { largeFleet, manyPipelines } from '../../bench/fleet-configs.ts';
import { benchProject } from '../../bench/release-run.ts';
import { compactPattern, EVENT_PATTERN_LIMIT, oversizedRules, patternChars, ruleCapacity } from '../../bench/rule-limits.ts';

describe('Bench: EventBridge rule limits', () => {
  it('keeps the instance-refresh rule the same size at any number of groups, so 1,000 groups deploy', () => {
    // Prepare
    const projectFor = (groups: number) => benchProject(largeFleet({ groups, waves: 3, regions: 1, groupsPerTemplate: 10 }));
    // Act
    const small = patternChars(projectFor(30), 'instance-refresh');
    const large = patternChars(projectFor(1_000), 'instance-refresh');
    const capacity = ruleCapacity(projectFor, 1_000);
    // Assess
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(EVENT_PATTERN_LIMIT);
    expect(capacity).toBe(1_000);
    expect(oversizedRules(projectFor(1_000))).toEqual([]);
  });

  it('keeps the image rule the same size at any number of pipelines, so 100 pipelines deploy', () => {
    // Act
    const few = patternChars(benchProject(manyPipelines(2)), 'image-state-change');
    const many = patternChars(benchProject(manyPipelines(100)), 'image-state-change');
    const oversized = oversizedRules(benchProject(manyPipelines(100)));
    // Assess
    expect(many).toBe(few);
    expect(oversized).toEqual([]);
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
