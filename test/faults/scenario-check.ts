/** Runs a scenario and checks every invariant on its history. */
import type { FaultScenario } from './fault-scenario.ts';
import type { History } from './history.ts';
import { checkHistory, type Violation } from './invariants/index.ts';
import { type Figures, figuresOf } from './report.ts';
import { type RunOptions, runScenario } from './runner.ts';

export interface ScenarioResult {
  scenario: FaultScenario;
  violations: Violation[];
  figures: Figures;
  history: History;
}

export async function checkScenario(scenario: FaultScenario, options: RunOptions = {}): Promise<ScenarioResult> {
  const history = await runScenario(scenario, options);
  const violations = checkHistory(history);
  if (history.runner.error) violations.push({ invariant: 'runner', contract: 'the suite itself', message: `the runner failed: ${history.runner.error}` });
  return { scenario, violations, figures: figuresOf(history, violations.length), history };
}
