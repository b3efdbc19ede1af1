import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RELEASE_STATES, WAVE_STATES } from './release-states.ts';

/** Every state name of an ASL definition, nested ones included. */
function stateNames(file: string): Set<string> {
  const names = new Set<string>();
  const walk = (machine: { States?: Record<string, { Branches?: unknown[]; ItemProcessor?: unknown; Iterator?: unknown }> }) => {
    for (const [name, state] of Object.entries(machine.States ?? {})) {
      names.add(name);
      for (const inner of [...(state.Branches ?? []), state.ItemProcessor, state.Iterator]) if (inner) walk(inner as typeof machine);
    }
  };
  walk(JSON.parse(readFileSync(new URL(`../../statemachines/${file}`, import.meta.url), 'utf8')));
  return names;
}

describe('Fault suite: state names', () => {
  it('names only states the release and rollout-wave workflows have', () => {
    // Prepare
    const release = stateNames('release.asl.json');
    const wave = stateNames('rollout-wave.asl.json');

    // Act
    const missing = [...Object.values(RELEASE_STATES).filter((n) => !release.has(n)), ...Object.values(WAVE_STATES).filter((n) => !wave.has(n))];

    // Assess
    expect(missing).toEqual([]);
  });
});
