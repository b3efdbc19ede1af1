import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config/index.ts';
import { describeScenario } from './describe-scenario.ts';
import { configOf } from './fleet-config.ts';
import { generateScenario } from './generator.ts';

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);

describe('Fault suite: generator', () => {
  it('gives the same scenario for the same seed', () => {
    // Prepare
    const seed = 4242;

    // Act
    const [a, b] = [generateScenario(seed), generateScenario(seed)];

    // Assess
    expect(a).toEqual(b);
    expect(generateScenario(seed + 1)).not.toEqual(a);
  });

  it('makes fleets whose configs are valid', () => {
    // Prepare
    const scenarios = SEEDS.map(generateScenario);

    // Act
    const invalid = scenarios.flatMap((s) => {
      try {
        parseConfig(configOf(s));
        return [];
      } catch (error) {
        return [`seed ${s.seed}: ${(error as Error).message}`];
      }
    });

    // Assess
    expect(invalid).toEqual([]);
  });

  it('refers only to pipelines, groups and alarms of the fleet', () => {
    // Prepare
    const scenarios = SEEDS.map(generateScenario);

    // Act
    const dangling = scenarios.flatMap((s) => {
      const pipelines = new Set(s.pipelines.map((p) => p.name));
      const targets = s.pipelines.flatMap((p) => p.waves.flatMap((w) => w.targets));
      const groups = new Set(targets.flatMap((t) => t.groups));
      const alarms = new Set(targets.flatMap((t) => (t.alarm ? [t.alarm] : [])));
      return [
        ...s.triggers.filter((t) => !pipelines.has(t.pipeline)).map((t) => `seed ${s.seed}: trigger of ${t.pipeline}`),
        ...Object.keys(s.outcomes.refreshFailures)
          .filter((g) => !groups.has(g))
          .map((g) => `seed ${s.seed}: group ${g}`),
        ...s.outcomes.alarms.filter((a) => !alarms.has(a)).map((a) => `seed ${s.seed}: alarm ${a}`),
        ...s.pipelines.filter((p) => p.chainedTo && !pipelines.has(p.chainedTo)).map((p) => `seed ${s.seed}: parent of ${p.name}`),
      ];
    });

    // Assess
    expect(dangling).toEqual([]);
  });

  it('covers every kind of trigger, outcome and fault over a few hundred seeds', () => {
    // Prepare
    const scenarios = SEEDS.map(generateScenario);

    // Act
    const kinds = new Set(
      scenarios.flatMap((s) => [
        ...s.triggers.map((t) => `trigger ${t.kind}`),
        ...s.triggers.filter((t, i) => s.triggers.findIndex((u) => u.key === t.key) !== i).map(() => 'repeated trigger'),
        ...Object.values(s.outcomes.builds).map((b) => `build ${b.kind}`),
        ...s.outcomes.smoke.map((x) => `smoke ${x.status}`),
        ...Object.keys(s.outcomes.refreshFailures).map(() => 'refresh failure'),
        ...s.outcomes.alarms.map(() => 'alarm'),
        ...Object.values(s.outcomes.approvals).map((a) => `approval ${a}`),
        ...s.eventFaults.map((f) => `event ${f.action}`),
        ...s.apiFaults.map((f) => `api ${f.times !== undefined ? 'times' : 'rate'}`),
        ...s.crashes.map((c) => `crash ${c.mode}`),
        ...s.pipelines.filter((p) => p.chainedTo).map(() => 'chained pipeline'),
      ]),
    );

    // Assess
    expect([...kinds].sort()).toEqual(
      [
        'alarm',
        'api rate',
        'api times',
        'approval approve',
        'approval reject',
        'approval timeout',
        'build fail-at-component',
        'build fail-tests',
        'build findings',
        'build ok',
        'chained pipeline',
        'crash fail-after',
        'crash lost-response',
        'event delay',
        'event drop',
        'event duplicate',
        'event reorder',
        'refresh failure',
        'repeated trigger',
        'smoke Failed',
        'smoke TimedOut',
        'trigger cli',
        'trigger event',
        'trigger schedule',
      ].sort(),
    );
  });

  it('describes a scenario with its seed, fleet, triggers and faults', () => {
    // Prepare
    const scenario = generateScenario(3);

    // Act
    const text = describeScenario(scenario);

    // Assess
    expect(text.split('\n')[0]).toBe('Scenario seed 3');
    for (const heading of ['Fleet', 'Triggers:', 'Outcomes:', 'Faults:']) expect(text).toContain(heading);
    for (const p of scenario.pipelines) expect(text).toContain(`  ${p.name}`);
  });
});
