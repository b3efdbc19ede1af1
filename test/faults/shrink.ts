/**
 * Shrinks a failing scenario: tries simpler scenarios one at a time (a fault fewer, a trigger fewer, a wave
 * fewer, an outcome back to success, a pipeline fewer) and keeps each that still breaks one of the same
 * invariants. Every try is a full run, so the number of tries is bounded.
 */
import type { FaultScenario } from './fault-scenario.ts';
import type { Violation } from './invariants/index.ts';

const without = <T>(list: readonly T[], index: number) => list.filter((_, i) => i !== index);

/** Every scenario one step simpler than this one, most promising first. */
export function simplerScenarios(s: FaultScenario): FaultScenario[] {
  const out: FaultScenario[] = [];
  for (const i of s.crashes.keys()) out.push({ ...s, crashes: without(s.crashes, i) });
  for (const i of s.apiFaults.keys()) out.push({ ...s, apiFaults: without(s.apiFaults, i) });
  for (const i of s.eventFaults.keys()) out.push({ ...s, eventFaults: without(s.eventFaults, i) });
  if (s.triggers.length > 1) for (const i of s.triggers.keys()) out.push({ ...s, triggers: without(s.triggers, i) });
  s.triggers.forEach((t, i) => {
    if (t.afterSeconds > 0) out.push({ ...s, triggers: s.triggers.map((x, j) => (j === i ? { ...x, afterSeconds: 0 } : x)) });
  });
  for (const p of s.pipelines) {
    const dependants = s.pipelines.some((q) => q.chainedTo === p.name);
    if (s.pipelines.length > 1 && !dependants) {
      const triggers = s.triggers.filter((t) => t.pipeline !== p.name);
      if (triggers.length) out.push({ ...s, pipelines: s.pipelines.filter((q) => q !== p), triggers });
    }
  }
  const outcomes = s.outcomes;
  for (const name of Object.keys(outcomes.builds)) {
    if (outcomes.builds[name].kind !== 'ok') out.push({ ...s, outcomes: { ...outcomes, builds: { ...outcomes.builds, [name]: { kind: 'ok' } } } });
  }
  if (outcomes.smoke.length) out.push({ ...s, outcomes: { ...outcomes, smoke: [] } });
  for (const group of Object.keys(outcomes.refreshFailures)) {
    const { [group]: _, ...rest } = outcomes.refreshFailures;
    out.push({ ...s, outcomes: { ...outcomes, refreshFailures: rest } });
  }
  for (const i of outcomes.alarms.keys()) out.push({ ...s, outcomes: { ...outcomes, alarms: without(outcomes.alarms, i) } });
  const mapPipeline = (name: string, change: (p: FaultScenario['pipelines'][number]) => FaultScenario['pipelines'][number]) => ({
    ...s,
    pipelines: s.pipelines.map((p) => (p.name === name ? change(p) : p)),
  });
  for (const p of s.pipelines) {
    if (p.waves.length) out.push(mapPipeline(p.name, (q) => ({ ...q, waves: q.waves.slice(0, -1) })));
    if (p.extraRegions.length) out.push(mapPipeline(p.name, (q) => ({ ...q, extraRegions: [] })));
    if (p.approval) out.push(mapPipeline(p.name, (q) => ({ ...q, approval: false })));
    if (p.smokeTests) out.push(mapPipeline(p.name, (q) => ({ ...q, smokeTests: false })));
    if (p.slack) out.push(mapPipeline(p.name, (q) => ({ ...q, slack: false })));
  }
  if (s.groupSize > 1) out.push({ ...s, groupSize: 1 });
  return out;
}

export interface ShrinkResult {
  scenario: FaultScenario;
  violations: Violation[];
  tries: number;
}

/** Greedy: takes the first simpler scenario that still fails, until none does or the tries run out. */
export async function shrinkScenario(
  scenario: FaultScenario,
  violations: Violation[],
  run: (scenario: FaultScenario) => Promise<Violation[]>,
  maxTries = 12,
): Promise<ShrinkResult> {
  const broken = new Set(violations.map((v) => v.invariant));
  let best: ShrinkResult = { scenario, violations, tries: 0 };
  let tries = 0;
  let progressed = true;
  while (progressed && tries < maxTries) {
    progressed = false;
    for (const candidate of simplerScenarios(best.scenario)) {
      if (tries >= maxTries) break;
      tries++;
      const found = await run(candidate);
      if (found.some((v) => broken.has(v.invariant))) {
        best = { scenario: candidate, violations: found, tries };
        progressed = true;
        break;
      }
    }
  }
  return { ...best, tries };
}
