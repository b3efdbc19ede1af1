import { describe, expect, it } from 'vitest';
import { largeFleet, manyPipelines, waveSizes, withGroups, withRegions } from '../../bench/fleet-configs.ts';
import { parseConfig } from '../../core/config/index.ts';

const groupsOf = (config: ReturnType<typeof parseConfig>) =>
  config.pipelines.flatMap((p) => p.rollout.waves.flatMap((wave) => wave.targets.flatMap((target) => target.autoScalingGroups)));

describe('Bench: fleet configs', () => {
  it('splits launch templates into a canary wave and even waves', () => {
    // Act
    const sizes = waveSizes(100, 3);
    // Assess
    expect(sizes).toEqual([10, 45, 45]);
    expect(waveSizes(7, 1)).toEqual([7]);
  });

  it('builds a valid 1,000-group fleet in 3 waves and 10 regions', () => {
    // Act
    const config = parseConfig(largeFleet({ groups: 1000, waves: 3, regions: 10, groupsPerTemplate: 10 }));
    // Assess
    const pipeline = config.pipelines[0];
    expect(groupsOf(config)).toHaveLength(1000);
    expect(new Set(groupsOf(config)).size).toBe(1000);
    expect(pipeline.rollout.waves.map((w) => w.targets.length)).toEqual([10, 45, 45]);
    expect(pipeline.distribution.regions).toHaveLength(10);
  });

  it('adds distribution regions, the home region first', () => {
    // Act
    const config = parseConfig(withRegions(4));
    // Assess
    expect(config.pipelines[0].distribution.regions).toEqual(['eu-central-1', 'eu-west-1', 'us-east-1', 'us-west-2']);
  });

  it('puts a third of the groups in staging and the rest in production', () => {
    // Act
    const config = parseConfig(withGroups(12));
    // Assess
    const [staging, production] = config.pipelines[0].rollout.waves;
    expect(staging.targets[0].autoScalingGroups).toHaveLength(4);
    expect(production.targets[0].autoScalingGroups).toHaveLength(8);
  });

  it('rejects counts the example fleet cannot take', () => {
    // Act & Assess
    expect(() => withRegions(11)).toThrow(RangeError);
    expect(() => withGroups(1)).toThrow(/one per wave/);
  });

  it('copies the example pipeline under distinct names and channels', () => {
    // Act
    const config = parseConfig(manyPipelines(3));
    // Assess
    expect(config.pipelines.map((p) => p.name)).toEqual(['web-001', 'web-002', 'web-003']);
    expect(new Set(config.pipelines.map((p) => p.channels.stable)).size).toBe(3);
    expect(groupsOf(config)).toEqual(['web-001-asg', 'web-002-asg', 'web-003-asg']);
  });
});
