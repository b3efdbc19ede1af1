/** A fault scenario as the local cloud's scenario (local-cloud/scenario.ts): outcomes, event faults, API faults. */
import type { Scenario } from '../../local-cloud/scenario.ts';
import type { FaultScenario } from './fault-scenario.ts';

/** `imagePipelineName` maps a pipeline to the Image Builder pipeline name the deploy gave it. */
export function cloudScenarioOf(scenario: FaultScenario, imagePipelineName: (pipeline: string) => string): Scenario {
  const builds: NonNullable<Scenario['builds']> = {};
  for (const [pipeline, outcome] of Object.entries(scenario.outcomes.builds)) {
    const name = imagePipelineName(pipeline);
    if (outcome.kind === 'fail-at-component') builds[name] = { failAtComponent: outcome.component };
    if (outcome.kind === 'fail-tests') builds[name] = { failTests: true };
    if (outcome.kind === 'findings') builds[name] = { findings: { CRITICAL: outcome.critical, HIGH: outcome.high } };
  }
  return {
    seed: scenario.seed,
    builds,
    commands: scenario.outcomes.smoke.map((s) => ({
      commandContains: 'systemctl is-active nginx',
      status: s.status,
      ...(s.times !== undefined && { times: s.times }),
    })),
    refreshes: Object.fromEntries(Object.entries(scenario.outcomes.refreshFailures).map(([group, failAtPercentage]) => [group, { failAtPercentage }])),
    alarms: Object.fromEntries(scenario.outcomes.alarms.map((alarm) => [alarm, 'ALARM' as const])),
    events: scenario.eventFaults.map((f) => ({ ...f })),
    api: scenario.apiFaults.map((f) => ({ ...f })),
  };
}
