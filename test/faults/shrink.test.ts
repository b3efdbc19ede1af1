import { describe, expect, it } from 'vitest';
import { quietScenario } from './fault-scenario.ts';
import type { Violation } from './invariants/index.ts';
import { shrinkScenario, simplerScenarios } from './shrink.ts';

const violation: Violation = { invariant: 'no-duplicate-effects', contract: 'DESIGN §5.2', message: 'x' };
const noisy = quietScenario({
  apiFaults: [
    { service: 'ssm', operation: 'PutParameter', error: 'ThrottlingException', times: 1 },
    { service: 'sns', operation: 'Publish', error: 'InternalFailure', status: 500, times: 2 },
  ],
  eventFaults: [{ source: 'aws.imagebuilder', action: 'duplicate' }],
  triggers: [
    { pipeline: 'web', kind: 'cli', afterSeconds: 600, key: 'cli-1' },
    { pipeline: 'web', kind: 'event', afterSeconds: 0, key: 'request-1' },
  ],
});

describe('Fault suite: shrinking', () => {
  it('offers scenarios with one fault, trigger or delay fewer', () => {
    // Act
    const simpler = simplerScenarios(noisy);

    // Assess
    expect(simpler.some((s) => s.apiFaults.length === 1 && s.apiFaults[0].service === 'sns')).toBe(true);
    expect(simpler.some((s) => s.eventFaults.length === 0)).toBe(true);
    expect(simpler.some((s) => s.triggers.length === 1)).toBe(true);
    expect(simpler.some((s) => s.triggers[0].afterSeconds === 0 && s.triggers.length === 2)).toBe(true);
    expect(simplerScenarios(quietScenario())).toEqual([]);
  });

  it('keeps only what still breaks the same invariant', async () => {
    // Prepare: the violation needs the SNS fault, nothing else.
    const run = async (s: typeof noisy) => (s.apiFaults.some((f) => f.service === 'sns') ? [violation] : []);

    // Act
    const shrunk = await shrinkScenario(noisy, [violation], run, 50);

    // Assess
    expect(shrunk.scenario.apiFaults).toEqual([noisy.apiFaults[1]]);
    expect(shrunk.scenario.eventFaults).toEqual([]);
    expect(shrunk.scenario.triggers).toHaveLength(1);
  });

  it('stops after its tries', async () => {
    // Prepare
    let runs = 0;
    const run = async () => {
      runs++;
      return [violation];
    };

    // Act
    const shrunk = await shrinkScenario(noisy, [violation], run, 3);

    // Assess
    expect(runs).toBe(3);
    expect(shrunk.tries).toBe(3);
  });
});
